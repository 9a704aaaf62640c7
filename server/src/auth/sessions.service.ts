import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { In, MoreThan } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/config';
import { AuthToken } from '../database/entities';
import { Transactor } from '../database/transactor';
import { OrganizerPassword } from './organizer-password';
import type { Principal } from './principal';

/** Domain event: these tokens no longer open anything; sockets opened with them must close. */
export const TOKENS_REVOKED = 'tokens.revoked';

export interface TokensRevoked {
  /** sha256 of each token, as stored: the raw tokens are never kept */
  tokenHashes: string[];
}

/**
 * Wrong current passwords one organizer login may send before it ends: a stolen token must not
 * become a way to guess the password (and keep the console) past the login throttle.
 */
export const MAX_WRONG_CURRENT = 5;

/** Ending sessions: logout, and a new organizer password ending the organizer's other logins. */
@Injectable()
export class SessionsService {
  private readonly wrongCurrent = new Map<number, number>();

  constructor(
    private readonly config: AppConfig,
    private readonly password: OrganizerPassword,
    private readonly tx: Transactor,
    private readonly bus: EventEmitter2,
  ) {}

  async logout(who: Principal): Promise<void> {
    await this.revoke(who.tokenId);
  }

  async changeOrganizerPassword(who: Principal, current: string, next: string): Promise<void> {
    if (this.config.organizerPassword) {
      throw DomainError.conflict(
        'the organizer password is fixed by ORGANIZER_PASSWORD in the server environment: change it there and restart the server (organizer logins made with the old one then end)',
      );
    }
    if (!(await this.password.matches(current))) {
      const wrong = (this.wrongCurrent.get(who.tokenId) ?? 0) + 1;
      if (wrong >= MAX_WRONG_CURRENT) {
        this.wrongCurrent.delete(who.tokenId);
        await this.revoke(who.tokenId);
        throw DomainError.unauthenticated(`the current password was wrong ${MAX_WRONG_CURRENT} times: this login has ended; log in again`);
      }
      // one entry per organizer login that mistyped; a handful at most, cleared as they end
      if (this.wrongCurrent.size > 10_000) this.wrongCurrent.clear();
      this.wrongCurrent.set(who.tokenId, wrong);
      throw DomainError.invalid([{ path: 'current', message: `is not the organizer password (${MAX_WRONG_CURRENT - wrong} more tries before this login ends)` }]);
    }
    this.wrongCurrent.delete(who.tokenId);
    this.announce(await this.password.change(next, who.tokenId));
  }

  /** Of these token hashes, the ones that still open something (stored and not expired). */
  async live(tokenHashes: readonly string[]): Promise<Set<string>> {
    const unique = [...new Set(tokenHashes)];
    const now = new Date().toISOString();
    const alive = new Set<string>();
    // in slices, well under SQLite's limit on bound parameters
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await this.tx.manager.find(AuthToken, { select: { tokenHash: true }, where: { tokenHash: In(unique.slice(i, i + 500)), expiresAt: MoreThan(now) } });
      for (const r of rows) alive.add(r.tokenHash);
    }
    return alive;
  }

  private async revoke(tokenId: number): Promise<void> {
    const hashes = await this.tx.run(async (em) => {
      const row = await em.findOne(AuthToken, { select: { id: true, tokenHash: true }, where: { id: tokenId } });
      if (!row) return [];
      await em.delete(AuthToken, { id: tokenId });
      return [row.tokenHash];
    });
    this.wrongCurrent.delete(tokenId);
    this.announce(hashes);
  }

  private announce(tokenHashes: string[]): void {
    if (tokenHashes.length) this.bus.emit(TOKENS_REVOKED, { tokenHashes } satisfies TokensRevoked);
  }
}
