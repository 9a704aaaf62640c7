import { createInflateRaw } from 'node:zlib';

/** Why an archive is refused: `limit` when it is too big, `unreadable` when it is not a zip this reader trusts. */
export class ZipRefused extends Error {
  constructor(
    readonly kind: 'limit' | 'unreadable',
    message: string,
  ) {
    super(message);
  }
}

export interface ZipLimits {
  /** bytes all entries unpack to, together */
  maxUnpacked: number;
  maxEntries: number;
}

interface Entry {
  name: string;
  flags: number;
  method: number;
  packed: number;
  unpacked: number;
  offset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const DESCRIPTOR = 0x08074b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * Checks a zip (an .xlsx) before anything unpacks it: the entry count and the total unpacked size
 * from its central directory, then that the archive holds exactly those entries, back to back
 * (a streaming reader walks the local headers, so an entry missing from the directory would slip
 * past the count), and that each deflated entry really unpacks to no more than the directory says
 * — counted while inflating into nothing, so a lying header costs no memory either.
 */
export async function checkZipLimits(zip: Buffer, limits: ZipLimits): Promise<void> {
  const entries = centralDirectory(zip, limits);
  for (const e of entries) {
    if (e.method === STORED) {
      if (e.packed !== e.unpacked) throw new ZipRefused('unreadable', `entry ${e.name}: stored size does not match`);
      continue;
    }
    const start = dataStart(zip, e);
    if (!(await inflatesWithin(zip.subarray(start, start + e.packed), e.unpacked))) {
      throw new ZipRefused('unreadable', `entry ${e.name} unpacks to more than its header says`);
    }
  }
}

function centralDirectory(zip: Buffer, limits: ZipLimits): Entry[] {
  const end = findEnd(zip);
  const count = zip.readUInt16LE(end + 10);
  const size = zip.readUInt32LE(end + 12);
  const at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || size === 0xffffffff || at === 0xffffffff) throw new ZipRefused('unreadable', 'ZIP64 archives are not read; save the workbook again as .xlsx');
  if (count > limits.maxEntries) throw new ZipRefused('limit', `the workbook holds ${count} files, more than the limit of ${limits.maxEntries.toLocaleString('en')} for an import`);
  if (at + size > end) throw new ZipRefused('unreadable', 'the central directory lies outside the file');

  const entries: Entry[] = [];
  let unpackedTotal = 0;
  let p = at;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || zip.readUInt32LE(p) !== CENTRAL) throw new ZipRefused('unreadable', 'a central directory entry is damaged');
    const nameLength = zip.readUInt16LE(p + 28);
    const entry: Entry = {
      flags: zip.readUInt16LE(p + 8),
      method: zip.readUInt16LE(p + 10),
      packed: zip.readUInt32LE(p + 20),
      unpacked: zip.readUInt32LE(p + 24),
      offset: zip.readUInt32LE(p + 42),
      name: zip.toString('utf8', p + 46, Math.min(p + 46 + nameLength, end)),
    };
    if (entry.packed === 0xffffffff || entry.unpacked === 0xffffffff || entry.offset === 0xffffffff) throw new ZipRefused('unreadable', 'ZIP64 archives are not read; save the workbook again as .xlsx');
    if (entry.flags & 1) throw new ZipRefused('unreadable', 'the workbook is encrypted');
    if (entry.method !== STORED && entry.method !== DEFLATED) throw new ZipRefused('unreadable', `entry ${entry.name} uses a compression this reader does not know`);
    unpackedTotal += entry.unpacked;
    if (unpackedTotal > limits.maxUnpacked) {
      throw new ZipRefused('limit', `the workbook unpacks to more than ${megabytes(limits.maxUnpacked)}, the limit for an import; remove other sheets and pictures, or split it into several files`);
    }
    entries.push(entry);
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
  }

  // the entries, in file order, must fill the archive from its first byte up to the central directory
  let next = 0;
  for (const e of [...entries].sort((a, b) => a.offset - b.offset)) {
    if (e.offset !== next) throw new ZipRefused('unreadable', 'the archive holds data its directory does not list');
    next = dataStart(zip, e) + e.packed;
    if (e.flags & 8) next += next + 4 <= zip.length && zip.readUInt32LE(next) === DESCRIPTOR ? 16 : 12;
  }
  if (next !== at) throw new ZipRefused('unreadable', 'the archive holds data its directory does not list');
  return entries;
}

/** The end-of-central-directory record: in the last 22 bytes, or before a comment of up to 64 KB. */
function findEnd(zip: Buffer): number {
  for (let p = zip.length - 22; p >= Math.max(0, zip.length - 22 - 0xffff); p--) {
    if (zip.readUInt32LE(p) === EOCD && p + 22 + zip.readUInt16LE(p + 20) === zip.length) return p;
  }
  throw new ZipRefused('unreadable', 'not a zip archive');
}

/** Where an entry's packed data begins, after its local header, which must agree with the directory. */
function dataStart(zip: Buffer, e: Entry): number {
  const p = e.offset;
  if (p + 30 > zip.length || zip.readUInt32LE(p) !== LOCAL) throw new ZipRefused('unreadable', `entry ${e.name}: its local header is missing`);
  const method = zip.readUInt16LE(p + 8);
  const flags = zip.readUInt16LE(p + 6);
  const packed = zip.readUInt32LE(p + 18);
  const unpacked = zip.readUInt32LE(p + 22);
  // with a data descriptor (flag 8) the local sizes may be zero; otherwise they must be the directory's
  if (method !== e.method || (!(flags & 8) && (packed !== e.packed || unpacked !== e.unpacked))) {
    throw new ZipRefused('unreadable', `entry ${e.name}: its local header disagrees with the directory`);
  }
  const start = p + 30 + zip.readUInt16LE(p + 26) + zip.readUInt16LE(p + 28);
  if (start + e.packed > zip.length) throw new ZipRefused('unreadable', `entry ${e.name} is cut short`);
  return start;
}

function inflatesWithin(packed: Buffer, max: number): Promise<boolean> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw();
    let seen = 0;
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      inflate.destroy();
      resolve(ok);
    };
    inflate.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > max) finish(false);
    });
    inflate.on('end', () => finish(true));
    inflate.on('error', () => finish(false));
    inflate.end(packed);
  });
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1_000_000)} MB`;
}
