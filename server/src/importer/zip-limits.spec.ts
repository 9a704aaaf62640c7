import { crc32, deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deflated, zipOf, type ZipEntry } from '../../test/security/files-xlsx';
import { checkZipLimits, ZipRefused } from './zip-limits';

const LIMITS = { maxUnpacked: 1_000_000, maxEntries: 10 };

async function refusal(zip: Buffer, limits = LIMITS): Promise<ZipRefused | null> {
  try {
    await checkZipLimits(zip, limits);
    return null;
  } catch (e) {
    if (e instanceof ZipRefused) return e;
    throw e;
  }
}

/** One deflated entry written with a data descriptor (flag 8, sizes after the data), as streaming writers do. */
function withDescriptor(name: string, text: string): Buffer {
  const raw = Buffer.from(text);
  const packed = deflateRawSync(raw);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 6);
  local.writeUInt16LE(8, 8);
  local.writeUInt16LE(nameBytes.length, 26);
  const descriptor = Buffer.alloc(16);
  descriptor.writeUInt32LE(0x08074b50, 0);
  descriptor.writeUInt32LE(crc32(raw) >>> 0, 4);
  descriptor.writeUInt32LE(packed.length, 8);
  descriptor.writeUInt32LE(raw.length, 12);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc32(raw) >>> 0, 16);
  central.writeUInt32LE(packed.length, 20);
  central.writeUInt32LE(raw.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  const body = Buffer.concat([local, nameBytes, packed, descriptor]);
  const directory = Buffer.concat([central, nameBytes]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(body.length, 16);
  return Buffer.concat([body, directory, end]);
}

const stored = (name: string, text: string, declared = Buffer.byteLength(text)): ZipEntry => ({ name, packed: Buffer.from(text), method: 0, crc: crc32(text), unpacked: declared });

describe('checkZipLimits', () => {
  it('passes an honest archive, deflated, stored or with data descriptors', async () => {
    expect(await refusal(zipOf([deflated('a.xml', 'x'.repeat(10_000)), stored('b.txt', 'hello')]))).toBeNull();
    expect(await refusal(withDescriptor('sheet.xml', '<row/>'.repeat(1000)))).toBeNull();
  });

  it('refuses more entries than the limit, naming it', async () => {
    const r = await refusal(zipOf(Array.from({ length: 11 }, (_, i) => deflated(`f${i}`, 'x'))));
    expect(r).toMatchObject({ kind: 'limit', message: expect.stringContaining('10') });
  });

  it('refuses a total unpacked size over the limit before inflating anything', async () => {
    const r = await refusal(zipOf([deflated('a', 'x'.repeat(600_000)), deflated('b', 'y'.repeat(600_000))]));
    expect(r).toMatchObject({ kind: 'limit', message: expect.stringContaining('1 MB') });
  });

  it('refuses an entry that inflates to more than its headers declare', async () => {
    const big = deflated('a', 'x'.repeat(900_000));
    const r = await refusal(zipOf([{ ...big, unpacked: 100 }]));
    expect(r).toMatchObject({ kind: 'unreadable', message: expect.stringContaining('more than its header') });
    expect(await refusal(zipOf([stored('s', 'x'.repeat(500), 10)]))).toMatchObject({ kind: 'unreadable' });
  });

  it('refuses data the directory does not list (an entry hidden from the count)', async () => {
    const both = zipOf([deflated('hidden', 'x'.repeat(5000)), deflated('a', 'x')]);
    // keep the data of both entries, but a directory that names only the second (its record already holds its offset)
    const dirAt = both.readUInt32LE(both.length - 22 + 16);
    const record = both.subarray(dirAt + 46 + 'hidden'.length, both.length - 22);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(record.length, 12);
    end.writeUInt32LE(dirAt, 16);
    const crafted = Buffer.concat([both.subarray(0, dirAt), record, end]);
    expect(await refusal(crafted)).toMatchObject({ kind: 'unreadable', message: expect.stringContaining('does not list') });
  });

  it('refuses what is not a zip', async () => {
    expect(await refusal(Buffer.from('bib,name\n1,2\n'))).toMatchObject({ kind: 'unreadable' });
    expect(await refusal(Buffer.alloc(10))).toMatchObject({ kind: 'unreadable' });
  });
});
