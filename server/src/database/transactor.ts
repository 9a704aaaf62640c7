import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

type Work<T> = (em: EntityManager) => Promise<T>;

interface Unit {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

/** How many queued units share one commit at most; keeps one batch's time on the event loop short. */
const MAX_UNITS_PER_COMMIT = 64;

/**
 * Runs a unit of work in one transaction; its promise settles only once the unit is committed
 * (or rolled back).
 *
 * SQLite has one connection and one writer, so units are queued here instead of colliding
 * ("cannot start a transaction within a transaction"). Units that queue up in the same turn of
 * the event loop, or while a commit is under way, share the next transaction, each inside its own
 * savepoint: a unit that fails is rolled back alone, the others commit together with one sync to
 * disk instead of one each. With `synchronous = FULL` that sync blocks the process for one to
 * several milliseconds, which otherwise bounds how many marks a second the server can acknowledge.
 */
@Injectable()
export class Transactor {
  private readonly serialize: boolean;
  private readonly queue: Unit[] = [];
  private draining = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serialize = dataSource.options.type === 'better-sqlite3';
  }

  run<T>(work: Work<T>): Promise<T> {
    if (!this.serialize) return this.dataSource.transaction(work);
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // a turn of the event loop later, so the requests read in the same network poll share the commit
        setImmediate(() => void this.drain());
      }
    });
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) await this.commitBatch(this.queue.splice(0, MAX_UNITS_PER_COMMIT));
    } finally {
      this.draining = false;
    }
  }

  private async commitBatch(batch: Unit[]): Promise<void> {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    try {
      await this.dataSource.transaction(async (em) => {
        for (const unit of batch) {
          await em.query('SAVEPOINT unit');
          try {
            const value = await unit.work(em);
            await em.query('RELEASE unit');
            outcomes.push({ ok: true, value });
          } catch (error) {
            await em.query('ROLLBACK TO unit');
            await em.query('RELEASE unit');
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      // the commit itself failed (disk full, I/O error): nothing of the batch is stored
      for (const unit of batch) unit.reject(error);
      return;
    }
    batch.forEach((unit, i) => {
      const o = outcomes[i];
      if (o.ok) unit.resolve(o.value);
      else unit.reject(o.error);
    });
  }
}
