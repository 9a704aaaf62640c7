import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/config';
import type { JudgeLoginResponse, OrganizerLoginResponse } from '../contracts/sheets';
import { AuthToken, Contest, ContestEvent, Judge } from '../database/entities';
import { sqlOne } from '../database/sql';
import { assignmentsOf } from '../domain/scoring/scheme';
import { LoginThrottle } from './login-throttle';
import { OrganizerPassword } from './organizer-password';
import type { Principal } from './principal';
import { hashPin, newToken, sha256 } from './secrets';

@Injectable()
export class AuthService {
  constructor(
    private readonly config: AppConfig,
    private readonly throttle: LoginThrottle,
    private readonly password: OrganizerPassword,
    @InjectRepository(AuthToken) private readonly tokens: Repository<AuthToken>,
    @InjectRepository(Contest) private readonly contests: Repository<Contest>,
    @InjectRepository(Judge) private readonly judges: Repository<Judge>,
    @InjectRepository(ContestEvent) private readonly events: Repository<ContestEvent>,
  ) {}

  async loginOrganizer(password: string, source: string): Promise<OrganizerLoginResponse> {
    this.throttle.assertAllowed(source, 'organizer');
    if (!(await this.password.matches(password))) {
      this.throttle.fail(source, 'organizer');
      throw DomainError.unauthenticated('wrong organizer password');
    }
    return this.issue({ kind: 'organizer', contestId: null, judgeId: null }, this.config.organizerTokenMs);
  }

  async loginJudge(code: string, pin: string, source: string): Promise<JudgeLoginResponse> {
    const target = `contest:${code.toUpperCase()}`;
    this.throttle.assertAllowed(source, target);
    const contest = await this.contests.createQueryBuilder('c').where('UPPER(c.code) = :code', { code: code.toUpperCase() }).getOne();
    const judge = contest ? await this.judges.findOneBy({ contestId: contest.id, pinHash: hashPin(pin, contest.pinSalt) }) : null;
    if (!contest || !judge) {
      this.throttle.fail(source, target);
      throw DomainError.unauthenticated('wrong contest code or PIN');
    }
    const token = await this.issue({ kind: 'judge', contestId: contest.id, judgeId: judge.id }, this.config.judgeTokenMs);
    const events = (await this.events.find({ where: { contestId: contest.id }, order: { position: 'ASC' } }))
      .map((e) => {
        const chief = e.scheme.chiefJudge === judge.key;
        const onPanel = Object.values(assignmentsOf(e.scheme)).some((js) => js.includes(judge.key));
        return chief || onPanel ? { key: e.key, name: e.name, role: chief ? ('chief' as const) : ('judge' as const) } : null;
      })
      .filter((e) => e !== null);
    return { ...token, judge: { key: judge.key, name: judge.name }, events, contest: { code: contest.code, title: contest.title } };
  }

  private async issue(who: Pick<AuthToken, 'kind' | 'contestId' | 'judgeId'>, ttlMs: number): Promise<{ token: string; expiresAt: string }> {
    const token = newToken();
    const now = Date.now();
    const expiresAt = new Date(now + ttlMs).toISOString();
    await this.tokens.insert({ ...who, tokenHash: sha256(token), expiresAt, createdAt: new Date(now).toISOString() });
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
