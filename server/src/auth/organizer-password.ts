import { Injectable, Logger } from '@nestjs/common';
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Not } from 'typeorm';
import { AppConfig } from '../config/config';
import { AuthToken, Setting } from '../database/entities';
import { Transactor } from '../database/transactor';
import { hashPassword, newPassword, passwordMatches } from './secrets';

const KEY = 'organizer.passwordHash';
/** where a generated password goes when no one is at a terminal to read it */
export const PASSWORD_FILE = 'organizer-password.txt';

/**
 * The organizer password. Its hash is stored in the database, so every server process on one
 * database checks the same one and a change reaches them all. ORGANIZER_PASSWORD sets it at
 * start; without it one is generated on the first start. Whenever the stored password is
 * replaced, every organizer login made with the old one ends.
 */
@Injectable()
export class OrganizerPassword {
  /** set only on the start that generated it, so it can be handed over once */
  generated: string | null = null;
  private readonly log = new Logger('auth');

  constructor(
    private readonly config: AppConfig,
    private readonly tx: Transactor,
  ) {}

  async init(): Promise<void> {
    const stored = await this.storedHash();
    const fromEnv = this.config.organizerPassword;
    if (fromEnv) {
      if (stored && (await passwordMatches(fromEnv, stored))) return;
      const revoked = await this.replace(hashPassword(fromEnv), null);
      this.removeFile();
      if (stored) this.log.log(`ORGANIZER_PASSWORD differs from the stored password: it replaces it, and ${revoked.length} organizer login(s) made with the old one have ended`);
      return;
    }
    if (stored) return;
    this.generated = newPassword();
    await this.replace(hashPassword(this.generated), null);
  }

  async matches(password: string): Promise<boolean> {
    let stored = await this.storedHash();
    if (!stored) {
      await this.init();
      stored = await this.storedHash();
    }
    return stored !== null && (await passwordMatches(password, stored));
  }

  /**
   * Stores a new password and ends every organizer login but `keep` (the caller's). Answers the
   * hashes of the tokens it revoked, so their live sockets can be closed too.
   */
  async change(next: string, keep: number): Promise<string[]> {
    const revoked = await this.replace(hashPassword(next), keep);
    this.removeFile();
    return revoked;
  }

  /**
   * Writes the generated password to a file only its owner can read (for a start with no one at
   * a terminal: a service, a container, output sent to a log) and answers its path.
   */
  writeFile(): string {
    if (!this.generated) throw new Error('no generated organizer password to write');
    mkdirSync(this.config.dataDir, { recursive: true });
    const file = join(this.config.dataDir, PASSWORD_FILE);
    // a new file, so the mode applies whatever an older one had
    rmSync(file, { force: true });
    writeFileSync(file, `${this.generated}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return file;
  }

  private async storedHash(): Promise<string | null> {
    const row = await this.tx.manager.findOneBy(Setting, { key: KEY });
    return row?.value ?? null;
  }

  private replace(hash: string, keep: number | null): Promise<string[]> {
    return this.tx.run(async (em) => {
      await em.save(Setting, { key: KEY, value: hash });
      const where = keep === null ? { kind: 'organizer' as const } : { kind: 'organizer' as const, id: Not(keep) };
      const gone = await em.find(AuthToken, { select: { id: true, tokenHash: true }, where });
      if (gone.length) await em.delete(AuthToken, where);
      return gone.map((t) => t.tokenHash);
    });
  }

  /** The file of a generated password is stale once another password replaces it. */
  private removeFile(): void {
    rmSync(join(this.config.dataDir, PASSWORD_FILE), { force: true });
  }
}
