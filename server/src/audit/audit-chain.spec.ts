import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalRecord, chainHash, GENESIS, storedJson, type ChainedContent } from './audit-chain';
import { ChainWalker, type StoredRecord } from './chain-walker';

const content = (position: number, over: Partial<ChainedContent> = {}): ChainedContent => ({
  contestId: 3,
  position,
  at: '2026-12-07T10:00:00.000Z',
  actor: 'judge:J1',
  action: 'sheet.submit',
  event: 'hair',
  station: '07',
  judge: 'J1',
  before: null,
  after: { version: 1, scores: { design: 30.5, technique: 20, finish: 20 } },
  reason: null,
  ...over,
});

/** A chain of n records as the database would hold them. */
function chain(n: number): StoredRecord[] {
  let prev = GENESIS;
  return Array.from({ length: n }, (_, i) => {
    const c = content(i + 1, { station: String(i + 7).padStart(2, '0') });
    prev = chainHash(prev, c);
    return { id: i + 10, ...c, hash: prev, before: storedJson(c.before), after: storedJson(c.after) } as StoredRecord;
  });
}

function walk(records: StoredRecord[], head = records.length ? { position: records[records.length - 1].position, hash: records[records.length - 1].hash } : null) {
  const w = new ChainWalker();
  for (const r of records) w.feed(r);
  return w.finish(head);
}

describe('canonicalJson', () => {
  it('sorts keys at every depth, whatever order they were built in', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('follows JSON.stringify: undefined members left out, undefined in arrays and at the top is null, toJSON called', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
    expect(canonicalJson(undefined)).toBe('null');
    expect(canonicalJson(new Date('2026-12-07T10:00:00.000Z'))).toBe('"2026-12-07T10:00:00.000Z"');
  });

  it('gives the same text after a round trip through the stored JSON', () => {
    const v = { 名: '王小雨', n: 88.35, list: [0.1, -0, 1e21], nested: { '\u2028': 'x"y' } };
    expect(canonicalJson(JSON.parse(JSON.stringify(v)))).toBe(canonicalJson(v));
  });
});

describe('chainHash', () => {
  it('is SHA-256 of the previous hash, a newline and the canonical content', () => {
    const c = content(1);
    const expected = createHash('sha256').update(`${GENESIS}\n${canonicalJson(c)}`).digest('hex');
    expect(chainHash(GENESIS, c)).toBe(expected);
    expect(chainHash(GENESIS, c)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with any field, the position, or the hash before it', () => {
    const base = chainHash(GENESIS, content(1));
    const variants: Partial<ChainedContent>[] = [
      { contestId: 4 },
      { position: 2 },
      { at: '2026-12-07T10:00:00.001Z' },
      { actor: 'organizer' },
      { action: 'sheet.reopen' },
      { event: 'nail' },
      { station: '08' },
      { judge: 'J2' },
      { before: {} },
      { after: { version: 1, scores: { design: 30, technique: 20, finish: 20 } } },
      { reason: '复核' },
    ];
    for (const v of variants) expect(chainHash(GENESIS, content(1, v)), JSON.stringify(v)).not.toBe(base);
    expect(chainHash('1'.repeat(64), content(1))).not.toBe(base);
  });
});

describe('ChainWalker', () => {
  it('accepts an intact chain and answers its head', () => {
    const c = chain(5);
    expect(walk(c)).toEqual({ ok: true, records: 5, head: c[4].hash });
    expect(walk([])).toEqual({ ok: true, records: 0, head: GENESIS });
  });

  it('names a changed record', () => {
    const c = chain(5);
    c[2] = { ...c[2], after: JSON.stringify({ version: 1, scores: { design: 40, technique: 20, finish: 20 } }) };
    expect(walk(c)).toMatchObject({ ok: false, records: 5, brokenAt: 3 });
  });

  it('names the record after one whose hash was recomputed to match its new content', () => {
    const c = chain(5);
    const changed = content(2, { station: '08', reason: 'edited' });
    c[1] = { ...c[1], reason: 'edited', hash: chainHash(c[0].hash, changed) };
    expect(walk(c)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('names a removed record: in the middle, first, or last', () => {
    const c = chain(5);
    expect(walk([...c.slice(0, 2), ...c.slice(3)], { position: 5, hash: c[4].hash })).toMatchObject({ ok: false, records: 4, brokenAt: 3 });
    expect(walk(c.slice(1), { position: 5, hash: c[4].hash })).toMatchObject({ ok: false, brokenAt: 1 });
    expect(walk(c.slice(0, 4), { position: 5, hash: c[4].hash })).toMatchObject({ ok: false, brokenAt: 5 });
  });

  it('names an inserted record: a duplicate position, a wrong hash before it, or one beyond the head', () => {
    const c = chain(5);
    const forged = { ...c[2], id: 99, reason: 'forged', hash: chainHash(c[1].hash, content(3, { station: '09', reason: 'forged' })) };
    expect(walk([...c.slice(0, 3), forged, ...c.slice(3)], { position: 5, hash: c[4].hash })).toMatchObject({ ok: false, records: 6, brokenAt: 3 });
    const shifted = chain(5);
    const extra = { ...shifted[2], id: 98, position: 3, hash: chainHash(shifted[1].hash, content(3, { station: '09', reason: 'forged' })), reason: 'forged' };
    // renumbering what follows does not help: the next record's hash no longer follows
    const renumbered = shifted.slice(2).map((r) => ({ ...r, position: r.position + 1 }));
    expect(walk([...shifted.slice(0, 2), extra, ...renumbered], { position: 6, hash: shifted[4].hash })).toMatchObject({ ok: false, brokenAt: 4 });
    const tail = { ...c[4], id: 100, position: 6, hash: chainHash(c[4].hash, content(6)) };
    expect(walk([...c, tail], { position: 5, hash: c[4].hash })).toMatchObject({ ok: false, brokenAt: 6 });
  });

  it('needs the head to hold the last record’s hash', () => {
    const c = chain(3);
    expect(walk(c, { position: 3, hash: 'f'.repeat(64) })).toMatchObject({ ok: false, brokenAt: 3 });
    expect(walk(c, null)).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('refuses text moved between before/after and the columns beside them, though the hashed text is the same', () => {
    const c = content(1, { at: 'T0', after: { a: 1, at: 'T', before: null } });
    const original = { ...c, id: 1, before: storedJson(c.before), after: storedJson(c.after), hash: chainHash(GENESIS, c) } as StoredRecord;
    const moved = { ...original, after: '{"a":1', at: 'T', before: 'null},"at":"T0","before":null' };
    expect(canonicalRecord(moved)).toBe(canonicalRecord(original));
    expect(walk([original])).toMatchObject({ ok: true });
    expect(walk([moved], { position: 1, hash: original.hash })).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('reports unreadable content as a break, not an error', () => {
    const c = chain(2);
    c[1] = { ...c[1], after: '{not json' };
    expect(walk(c)).toMatchObject({ ok: false, brokenAt: 2 });
  });
});

describe('canonicalRecord', () => {
  it('is canonicalJson of the content, with before/after spliced in as stored', () => {
    for (const c of [content(1), content(7, { before: { b: [1, { y: 1, x: 2 }], a: '王' }, event: null, station: null, judge: null, reason: '复核 "1"' })]) {
      expect(canonicalRecord({ ...c, before: storedJson(c.before), after: storedJson(c.after) })).toBe(canonicalJson(c));
    }
  });
});
