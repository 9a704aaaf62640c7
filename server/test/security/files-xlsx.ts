import { crc32, deflateRawSync, createDeflateRaw } from 'node:zlib';

/**
 * Minimal .xlsx files written by hand (a zip of five XML parts), so a test can put anything in
 * the sheet — a 100 MB cell, a row numbered a million — and lie in the zip's headers if it wants.
 */

export interface ZipEntry {
  name: string;
  packed: Buffer;
  /** 0 stored, 8 deflated */
  method: number;
  crc: number;
  /** the size the headers declare */
  unpacked: number;
}

export function deflated(name: string, data: Buffer | string): ZipEntry {
  const raw = Buffer.from(data);
  return { name, packed: deflateRawSync(raw), method: 8, crc: crc32(raw), unpacked: raw.length };
}

/** An entry whose content is `head`, then `fill` repeated `times`, then `tail`, deflated without ever holding it whole. */
export async function deflatedRepeat(name: string, head: string, fill: Buffer, times: number, tail: string): Promise<ZipEntry> {
  const z = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    z.on('end', resolve);
    z.on('error', reject);
  });
  let crc = crc32(head);
  const write = (b: Buffer | string) => new Promise<void>((resolve) => (z.write(b) ? resolve() : z.once('drain', resolve)));
  await write(head);
  for (let i = 0; i < times; i++) {
    crc = crc32(fill, crc);
    await write(fill);
  }
  crc = crc32(tail, crc);
  z.end(tail);
  await done;
  return { name, packed: Buffer.concat(out), method: 8, crc, unpacked: Buffer.byteLength(head) + fill.length * times + Buffer.byteLength(tail) };
}

export function zipOf(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.packed.length, 18);
    local.writeUInt32LE(e.unpacked, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, e.packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.packed.length, 20);
    central.writeUInt32LE(e.unpacked, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + e.packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`;
const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="报名表" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;

export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';

/** The four parts around the sheet. */
export function frame(): ZipEntry[] {
  return [deflated('[Content_Types].xml', CONTENT_TYPES), deflated('_rels/.rels', RELS), deflated('xl/workbook.xml', WORKBOOK), deflated('xl/_rels/workbook.xml.rels', WORKBOOK_RELS)];
}

const COLUMNS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Rows of inline-string cells, numbered from `first`. */
export function rowsXml(rows: readonly (readonly string[])[], first = 1): string {
  return rows
    .map((cells, i) => {
      const r = first + i;
      return `<row r="${r}">${cells.map((c, j) => `<c r="${COLUMNS[j]}${r}" t="inlineStr"><is><t>${escape(c)}</t></is></c>`).join('')}</row>`;
    })
    .join('');
}

/** A small, valid workbook whose first sheet holds `rows` (from row 1). */
export function xlsxOf(rows: readonly (readonly string[])[]): Buffer {
  return zipOf([...frame(), deflated('xl/worksheets/sheet1.xml', SHEET_HEAD + rowsXml(rows) + SHEET_TAIL)]);
}

/**
 * A valid workbook of about 100 KB whose sheet unpacks to `megabytes` MB: one cell of a single
 * repeated character after a normal header row.
 */
export async function xlsxBomb(megabytes: number): Promise<Buffer> {
  const header = rowsXml([['bib', 'name', 'organization', 'event']]);
  const sheet = await deflatedRepeat('xl/worksheets/sheet1.xml', `${SHEET_HEAD}${header}<row r="2"><c r="A2" t="inlineStr"><is><t>`, Buffer.alloc(1 << 20, 'a'), megabytes, `</t></is></c></row>${SHEET_TAIL}`);
  return zipOf([...frame(), sheet]);
}
