import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FeedSnapshot } from '../contracts/feed';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export type Encoding = 'br' | 'gzip' | 'identity';

/** What the client accepts, best first: brotli packs a board's repeated keys and names tighter than gzip. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding {
  const offered = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    offered.set(name, q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

/** How many encoded snapshots one process keeps: a few contests, a few event filters each. */
const KEPT = 32;

/**
 * Encoded snapshot bodies by contest, seq, events followed and encoding. A seq names one public
 * state, so a body made for it never goes stale; when a venue's phones arrive together after the
 * QR is shown, the board is compressed once, not once a phone.
 */
export class SnapshotBodies {
  private readonly kept = new Map<string, Promise<Buffer>>();

  body(snapshot: FeedSnapshot, encoding: Encoding): Promise<Buffer> {
    const key = [snapshot.contest, snapshot.seq, snapshot.events.map((e) => `${e.event}@${e.last ?? 0}`).join(','), encoding].join('|');
    const hit = this.kept.get(key);
    if (hit) {
      // most recently used last
      this.kept.delete(key);
      this.kept.set(key, hit);
      return hit;
    }
    const made = encode(Buffer.from(JSON.stringify(snapshot)), encoding);
    this.kept.set(key, made);
    made.catch(() => this.kept.delete(key));
    while (this.kept.size > KEPT) this.kept.delete(this.kept.keys().next().value!);
    return made;
  }
}

function encode(json: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'br') {
    // quality 5: within a few percent of the best for JSON, at a small fraction of its time
    return brotli(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } });
  }
  if (encoding === 'gzip') return gz(json, { level: 6 });
  return Promise.resolve(json);
}
