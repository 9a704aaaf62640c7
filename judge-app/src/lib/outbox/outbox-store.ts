import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxRecord } from './types';

interface OutboxDB extends DBSchema {
  submissions: { key: string; value: OutboxRecord; indexes: { byCreated: number } };
}

export const DEFAULT_DB_NAME = 'skillscore-judge';

export interface OutboxStorage {
  put(record: OutboxRecord): Promise<void>;
  all(): Promise<OutboxRecord[]>;
}

/** Durable home of every submission: written before a request leaves the tablet. */
export class OutboxStore implements OutboxStorage {
  private constructor(private readonly db: IDBPDatabase<OutboxDB>) {}

  static async open(name: string = DEFAULT_DB_NAME): Promise<OutboxStore> {
    const db = await openDB<OutboxDB>(name, 1, {
      upgrade(db) {
        const s = db.createObjectStore('submissions', { keyPath: 'requestId' });
        s.createIndex('byCreated', 'createdAt');
      },
    });
    return new OutboxStore(db);
  }

  /** Resolves once the record is committed to disk, not merely queued in a transaction. */
  async put(record: OutboxRecord): Promise<void> {
    const tx = this.db.transaction('submissions', 'readwrite', { durability: 'strict' });
    await Promise.all([tx.store.put(record), tx.done]);
  }

  async all(): Promise<OutboxRecord[]> {
    return this.db.getAllFromIndex('submissions', 'byCreated');
  }

  close(): void {
    this.db.close();
  }
}

/**
 * For a browser that refuses IndexedDB (some private modes): sheets are still sent, but only
 * while the page stays open, and the app says so.
 */
export class MemoryOutboxStore implements OutboxStorage {
  private readonly rows = new Map<string, OutboxRecord>();

  async put(record: OutboxRecord): Promise<void> {
    this.rows.set(record.requestId, structuredClone(record));
  }

  async all(): Promise<OutboxRecord[]> {
    return [...this.rows.values()].sort((a, b) => a.createdAt - b.createdAt).map((r) => structuredClone(r));
  }
}
