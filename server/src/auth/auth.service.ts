import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/config';
import type { JudgeLoginResponse, OrganizerLoginResponse } from '../contracts/sheets';
import { AuthToken, Contest, ContestEvent, Judge } from '../database/entities';
import { sqlOne } from '../database/sql';
import { Transactor } from '../database/transactor';
import { assignmentsOf } from '../domain/scoring/scheme';
import { LoginAudit, type LoginRecord } from './login-audit';
import { LoginThrottle } from './login-throttle';
import { OrganizerPassword } from './organizer-password';
import type { Principal } from './principal';
import { hashPinAsync, newToken, sameHash, sha256 } from './secrets';

/** A judge's login: the contest code, the PIN, and the judge's key when the tablet names it (the card's QR code does). */
export interface JudgeCredentials {
  contest: string;
  pin: string;
  judge?: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottle,
    private readonly password: OrganizerPassword,
    private readonly tx: Transactor,
    private readonly loginAudit: LoginAudit,
    @InjectRepository(AuthToken) private readonly tokens: Repository<AuthToken>,
    @InjectRepository(Contest) private readonly contests: Repository<Contest>,
    @InjectRepository(Judge) private readonly judges: Repository<Judge>,
    @InjectRepository(ContestEvent) private readonly events: Repository<ContestEvent>,
  ) {}

  async loginOrganizer(password: string, source: string): Promise<OrganizerLoginResponse> {
    await this.throttle.guard({ kind: 'organizer', source }, async () => {
      if (await this.password.matches(password)) return;
      await this.loginAudit.failed({ contestId: null, actor: 'anonymous', source, reason: 'wrong organizer password' });
      throw DomainError.unauthenticated('wrong organizer password');
    });
    return this.issue({ kind: 'organizer', contestId: null, judgeId: null }, this.config.organizerTokenMs, { contestId: null, actor: 'organizer', source });
  }

  async loginJudge(credentials: JudgeCredentials, source: string): Promise<JudgeLoginResponse> {
    const code = credentials.contest.toUpperCase();
    const named = credentials.judge;
    const attempt = named === undefined ? ({ kind: 'pin', source, contest: code } as const) : ({ kind: 'named', source, contest: code, judge: named } as const);
    const { contest, judge } = await this.throttle.guard(attempt, async () => {
      const contest = await this.contests.createQueryBuilder('c').where('UPPER(c.code) = :code', { code }).getOne();
      const found = contest ? await this.judgeWithPin(contest, credentials.pin, named) : { judge: null, reason: 'unknown contest' };
      if (!contest || !found.judge) {
        await this.loginAudit.failed({ contestId: contest?.id ?? null, actor: 'anonymous', judge: named ?? null, source, contest: contest ? undefined : code, reason: found.reason });
        throw DomainError.unauthenticated(named === undefined ? 'wrong contest code or PIN' : 'wrong contest code, judge key or PIN');
      }
      return { contest, judge: found.judge };
    });
    const token = await this.issue({ kind: 'judge', contestId: contest.id, judgeId: judge.id }, this.config.judgeTokenMs, {
      contestId: contest.id,
      actor: `judge:${judge.key}`,
      judge: judge.key,
      source,
      named: named !== undefined,
    });
    const events = (await this.events.find({ where: { contestId: contest.id }, order: { position: 'ASC' } }))
      .map((e) => {
        const chief = e.scheme.chiefJudge === judge.key;
        const onPanel = Object.values(assignmentsOf(e.scheme)).some((js) => js.includes(judge.key));
        return chief || onPanel ? { key: e.key, name: e.name, role: chief ? ('chief' as const) : ('judge' as const) } : null;
      })
      .filter((e) => e !== null);
    return { ...token, judge: { key: judge.key, name: judge.name }, events, contest: { code: contest.code, title: contest.title } };
  }

  /**
   * The judge the PIN belongs to: with a judge key, that judge's PIN alone is compared; without
   * one, the PIN is looked up among all the contest's judges (one hash: the salt is the contest's).
   */
  private async judgeWithPin(contest: Contest, pin: string, key: string | undefined): Promise<{ judge: Judge | null; reason: string }> {
    if (key === undefined) {
      const judge = await this.judges.findOneBy({ contestId: contest.id, pinHash: await hashPinAsync(pin, contest.pinSalt) });
      return { judge, reason: 'wrong PIN' };
    }
    const judge = await this.judges.findOneBy({ contestId: contest.id, key });
    if (!judge) return { judge: null, reason: 'unknown judge' };
    return sameHash(await hashPinAsync(pin, contest.pinSalt), judge.pinHash) ? { judge, reason: '' } : { judge: null, reason: 'wrong PIN' };
  }

  /** A new token and the login's audit record, committed together. */
  private async issue(
    who: Pick<AuthToken, 'kind' | 'contestId' | 'judgeId'>,
    ttlMs: number,
    audit: LoginRecord,
  ): Promise<{ token: string; expiresAt: string }> {
    const token = newToken();
    const now = Date.now();
    const expiresAt = new Date(now + ttlMs).toISOString();
    await this.tx.run(async (em) => {
      await em.insert(AuthToken, { ...who, tokenHash: sha256(token), expiresAt, createdAt: new Date(now).toISOString() });
      await this.loginAudit.succeeded(em, audit);
    });
    if (Math.random() < 0.01) await this.tokens.delete({ expiresAt: LessThan(new Date(now).toISOString()) });
    return { token, expiresAt };
  }

  /** The caller of a bearer token, or a 401 naming what is wrong with it. */
  async verify(token: string | undefined): Promise<Principal> {
    if (!token) throw DomainError.unauthenticated('missing token: send Authorization: Bearer TOKEN');
    // every request of a judge's tablet passes here, so the token and its judge are read in one statement
    const row = await sqlOne<{ id: number; kind: string; expiresAt: string; judgeId: number | null; contestId: number | null; judgeKey: string | null; judgeName: string | null }>(
      this.tokens.manager,
      `SELECT t."id" AS "id", t."kind" AS "kind", t."expiresAt" AS "expiresAt", j."id" AS "judgeId", j."contestId" AS "contestId", j."key" AS "judgeKey", j."name" AS "judgeName"
       FROM "tokens" t LEFT JOIN "judges" j ON j."id" = t."judgeId" WHERE t."tokenHash" = ?`,
      [sha256(token)],
    );
    if (!row) throw DomainError.unauthenticated('unknown token: log in again');
    if (row.expiresAt <= new Date().toISOString()) throw DomainError.unauthenticated('token expired: log in again');
    if (row.kind === 'organizer') return { kind: 'organizer', tokenId: row.id };
    if (row.judgeId === null || row.contestId === null || row.judgeKey === null || row.judgeName === null) throw DomainError.unauthenticated('unknown token: log in again');
    return { kind: 'judge', tokenId: row.id, contestId: row.contestId, judgeId: row.judgeId, judgeKey: row.judgeKey, judgeName: row.judgeName };
  }
}
