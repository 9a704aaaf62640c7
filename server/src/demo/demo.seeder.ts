import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Repository } from 'typeorm';
import type { Principal } from '../auth/principal';
import { ChiefService } from '../chief/chief.service';
import { AppConfig } from '../config/config';
import { ContestsService } from '../contests/contests.service';
import { Contest, Judge } from '../database/entities';
import { SheetsService } from '../sheets/sheets.service';
import { DEMO_CODE, demoContestFile, demoMark, seededRandom } from './demo-contest';
import { LiveJudges } from './live-judges';

const ORGANIZER: Principal = { kind: 'organizer', tokenId: 0 };

/** Seeds the demo contest on an empty database, with marks entered through the real sheet service. */
@Injectable()
export class DemoSeeder {
  private readonly log = new Logger('demo');
  private live: LiveJudges | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly contests: ContestsService,
    private readonly sheets: SheetsService,
    private readonly chief: ChiefService,
    @InjectRepository(Contest) private readonly contestRepo: Repository<Contest>,
    @InjectRepository(Judge) private readonly judges: Repository<Judge>,
  ) {}

  async seedIfEmpty(): Promise<{ code: string; pinsFile: string } | null> {
    const pinsFile = join(this.config.dataDir, 'demo-judges.txt');
    if ((await this.contestRepo.count()) > 0) {
      return (await this.contestRepo.existsBy({ code: DEMO_CODE })) ? { code: DEMO_CODE, pinsFile } : null;
    }
    const file = demoContestFile();
    const created = await this.contests.create(file, ORGANIZER);
    const roles = new Map<string, string>();
    for (const ev of file.events ?? []) {
      for (const p of ev.panel ?? []) roles.set(p.judge, `${ev.name} ${p.criteria ? '记分员 recorder' : '裁判 judge'}`);
      if (ev.chiefJudge) roles.set(ev.chiefJudge, `${ev.name} 裁判长 chief judge`);
    }
    const lines = [`# ${file.title}`, `# contest code ${DEMO_CODE}; judge login at /judge/?contest=${DEMO_CODE}`, '', 'key\tPIN\tname\trole'];
    for (const j of created.judges) lines.push(`${j.key}\t${j.pin}\t${j.name}\t${roles.get(j.key) ?? ''}`);
    writeFileSync(pinsFile, lines.join('\n') + '\n', { mode: 0o600 });
    await this.markSome(file);
    this.log.log(`demo contest ${DEMO_CODE} seeded`);
    return { code: DEMO_CODE, pinsFile };
  }

  /** Hairdressing fully marked, beauty partly, nail art not yet: a board with something to show and something to come. */
  private async markSome(file: ReturnType<typeof demoContestFile>): Promise<void> {
    const contest = await this.contestRepo.findOneByOrFail({ code: DEMO_CODE });
    const judges = new Map((await this.judges.findBy({ contestId: contest.id })).map((j) => [j.key, j]));
    const rand = seededRandom(7);
    const share: Record<string, number> = { hair: 1, beauty: 0.4, nails: 0 };
    for (const ev of file.events ?? []) {
      const entries = ev.entries ?? [];
      const upTo = Math.round(entries.length * (share[ev.key] ?? 0));
      const skills = new Map(entries.map((x) => [x.station, 0.62 + rand() * 0.3]));
      const leanings = new Map((ev.panel ?? []).map((p) => [p.judge, (rand() - 0.5) * 0.08]));
      for (const x of entries.slice(0, upTo)) {
        for (const p of ev.panel ?? []) {
          const j = judges.get(p.judge)!;
          const who = { kind: 'judge' as const, tokenId: 0, contestId: contest.id, judgeId: j.id, judgeKey: j.key, judgeName: j.name };
          const scores: Record<string, number> = {};
          for (const c of ev.criteria) {
            const mine = p.criteria ? p.criteria.includes(c.key) : (c.kind ?? 'judged') === 'judged';
            if (mine) scores[c.key] = demoMark(rand, c.max, c.step ?? 0.5, skills.get(String(x.station))!, leanings.get(p.judge)!);
          }
          await this.sheets.submit(who, DEMO_CODE, ev.key, String(x.station), { requestId: randomUUID(), scores });
        }
      }
    }
    const hair = file.events?.find((e) => e.key === 'hair');
    const [first, second] = hair?.entries ?? [];
    if (first) await this.chief.addDeduction(ORGANIZER, DEMO_CODE, 'hair', { station: first.station, points: 1.5, reason: '超时 overtime' });
    if (second) await this.chief.addDeduction(ORGANIZER, DEMO_CODE, 'hair', { station: second.station, points: 1, reason: '工位卫生 hygiene' });
  }

  /** DEMO=live: simulated judges keep marking the demo contest through the REST API. */
  startLiveJudges(): void {
    this.live = new LiveJudges(`http://127.0.0.1:${this.config.port}`, DEMO_CODE, this.contests, this.log);
    void this.live.start();
  }

  stopLiveJudges(): void {
    this.live?.stop();
  }
}
