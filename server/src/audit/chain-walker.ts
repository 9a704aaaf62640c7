import type { AuditVerification } from '../contracts/audit';
import { GENESIS, storedHash, type StoredContent } from './audit-chain';

/** An audit record as read from its contest's trail: before/after are the (canonical) JSON text of their columns. */
export interface StoredRecord extends StoredContent {
  id: number;
  hash: string;
}

function oneValue(text: string | null): boolean {
  if (text === null) return true;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

export interface ChainHead {
  position: number;
  hash: string;
}

/**
 * Checks one contest's chain record by record, in (position, id) order, holding only the hash
 * before the next record: the trail is fed to it a page at a time. The first record that is not
 * where the chain says it should be, or whose hash does not follow from its content and the hash
 * before it, breaks the chain; records after it are only counted.
 */
export class ChainWalker {
  private prev = GENESIS;
  private position = 0;
  private count = 0;
  private broken: { brokenAt: number; message: string } | null = null;

  feed(r: StoredRecord): void {
    this.count++;
    if (this.broken) return;
    const expected = this.position + 1;
    const position = Number(r.position);
    if (position < expected) {
      this.broken = { brokenAt: position, message: `two records claim position ${position} in the audit chain (record id ${r.id} is one of them)` };
      return;
    }
    if (position > expected) {
      this.broken = { brokenAt: expected, message: `audit record ${expected} is missing: the chain goes from ${this.position} to ${position}` };
      return;
    }
    // before/after are spliced into the hashed text as stored, so each must be one JSON value:
    // otherwise text could be moved between them and the columns beside them, the hash unchanged
    if (!oneValue(r.before) || !oneValue(r.after)) {
      this.broken = { brokenAt: expected, message: `audit record ${expected} (id ${r.id}) holds before/after content that is not JSON` };
      return;
    }
    // the stored text is hashed as it is: rewriting it in any way, even to equal JSON, is a change
    const hash = storedHash(this.prev, r);
    if (hash !== r.hash) {
      this.broken = { brokenAt: expected, message: `audit record ${expected} (id ${r.id}) does not match its hash: it, or the record before it, was changed` };
      return;
    }
    this.prev = hash;
    this.position = position;
  }

  /** The outcome once every record was fed; the chain's head must name the last record. */
  finish(head: ChainHead | null): AuditVerification {
    const records = this.count;
    if (this.broken) return { ok: false, records, ...this.broken };
    const headPosition = head ? Number(head.position) : 0;
    if (headPosition > this.position) {
      return { ok: false, records, brokenAt: this.position + 1, message: `audit record ${this.position + 1} is missing: the chain's head is at ${headPosition}, its last record at ${this.position}` };
    }
    if (headPosition < this.position) {
      return { ok: false, records, brokenAt: headPosition + 1, message: `audit record ${headPosition + 1} lies beyond the chain's head (${headPosition}): it was added outside the chain` };
    }
    if ((head?.hash ?? GENESIS) !== this.prev) {
      return { ok: false, records, brokenAt: this.position, message: `the chain's head does not hold the hash of its last record (${this.position})` };
    }
    return { ok: true, records, head: this.prev };
  }
}
