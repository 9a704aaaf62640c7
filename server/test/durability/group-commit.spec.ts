import 'reflect-metadata';
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { Transactor } from '../../src/database/transactor';

/** A second, independent connection to the same file: what it sees is committed. */
interface Reader {
  prepare(sql: string): { get(...params: unknown[]): unknown };
  close(): void;
}
const openReader = (path: string): Reader => {
  const Database = createRequire(join(process.cwd(), 'package.json'))('better-sqlite3') as new (path: string, options: { readonly: boolean }) => Reader;
  return new Database(path, { readonly: true });
};

/** Units of work that queue up while a commit is under way share the next one; each still stands or falls alone. */
describe('group commit on SQLite', () => {
  let dir: string;
  let ds: DataSource;
  let tx: Transactor;
  let other: Reader;

  const put = (key: string) => (em: import('typeorm').EntityManager) => em.query(`INSERT INTO "settings" ("key", "value") VALUES (?, 'v')`, [key]);
  const committed = (key: string) => other.prepare(`SELECT count(*) AS n FROM "settings" WHERE "key" = ?`).get(key) as { n: number };

  /** A unit that holds the transaction open until released, so the units queued meanwhile form one batch. */
  function holdOpen(work?: (em: import('typeorm').EntityManager) => Promise<unknown>) {
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const done = tx.run(async (em) => {
      await work?.(em);
      started();
      await new Promise<void>((r) => (release = r));
    });
    return { done, running, release: async () => (await running, release()) };
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'skillscore-tx-'));
    const path = join(dir, 'db.sqlite');
    ds = new DataSource(dataSourceOptions({ kind: 'sqlite', path }));
    await ds.initialize();
    tx = new Transactor(ds);
    other = openReader(path);
  });

  afterEach(async () => {
    other.close();
    await ds.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('units queued in the same turn of the event loop share one transaction', async () => {
    const spy = vi.spyOn(ds, 'transaction');
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((k) => tx.run(put(k))));
    expect(spy).toHaveBeenCalledTimes(1);
    for (const k of ['a', 'b', 'c', 'd', 'e']) expect(committed(k).n).toBe(1);
  });

  it('units queued while a transaction is open share the next one', async () => {
    const spy = vi.spyOn(ds, 'transaction');
    const first = holdOpen(put('a'));
    await first.running;
    const rest = ['b', 'c', 'd', 'e'].map((k) => tx.run(put(k)));
    await first.release();
    await Promise.all([first.done, ...rest]);
    expect(spy).toHaveBeenCalledTimes(2);
    for (const k of ['a', 'b', 'c', 'd', 'e']) expect(committed(k).n).toBe(1);
  });

  it('a unit that fails inside a shared transaction is rolled back alone, and only its caller hears of it', async () => {
    const first = holdOpen();
    const ok1 = tx.run(put('ok1'));
    const failing = tx.run(async (em) => {
      await put('half-done')(em);
      throw new Error('refused after a write');
    });
    const duplicate = tx.run(put('ok1')); // a constraint error from SQLite itself
    const ok2 = tx.run(put('ok2'));
    await first.release();
    await first.done;
    await expect(ok1).resolves.toBeDefined();
    await expect(failing).rejects.toThrow('refused after a write');
    await expect(duplicate).rejects.toThrow(/UNIQUE/);
    await expect(ok2).resolves.toBeDefined();
    expect(committed('ok1').n).toBe(1);
    expect(committed('ok2').n).toBe(1);
    expect(committed('half-done').n).toBe(0);
  });

  it('a unit settles only once its write is committed: another connection already sees it', async () => {
    const first = holdOpen();
    const seen: number[] = [];
    const units = ['x1', 'x2', 'x3'].map((k) => tx.run(put(k)).then(() => seen.push(committed(k).n)));
    await first.release();
    await Promise.all([first.done, ...units]);
    expect(seen).toEqual([1, 1, 1]);
  });

  it('every unit of a batch whose commit fails is rejected and nothing of it is stored', async () => {
    const first = holdOpen(put('kept'));
    await first.running;
    const a = tx.run(put('lost-a'));
    const b = tx.run(async (em) => {
      await put('lost-b')(em);
      // ends the transaction under TypeORM's feet, so the rest of the batch cannot commit
      await em.query('ROLLBACK');
    });
    await first.release();
    await first.done;
    await expect(a).rejects.toThrow();
    await expect(b).rejects.toThrow();
    expect(committed('kept').n).toBe(1);
    expect(committed('lost-a').n).toBe(0);
    expect(committed('lost-b').n).toBe(0);
    // the queue goes on afterwards
    await tx.run(put('after'));
    expect(committed('after').n).toBe(1);
  });
});
