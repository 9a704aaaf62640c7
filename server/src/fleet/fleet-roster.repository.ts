import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Contest, ContestEvent, Judge } from '../database/entities';

export interface RosterJudge {
  key: string;
  name: string;
}

/** Who the fleet monitor lists: a contest's judges, and the judges an event's desk follows. */
@Injectable()
export class FleetRosterRepository {
  constructor(
    @InjectRepository(Contest) private readonly contests: Repository<Contest>,
    @InjectRepository(Judge) private readonly judges: Repository<Judge>,
  ) {}

  async contestCode(contestId: number): Promise<string | null> {
    const c = await this.contests.findOne({ where: { id: contestId }, select: { id: true, code: true } });
    return c?.code ?? null;
  }

  judgesOf(contestId: number): Promise<RosterJudge[]> {
    return this.judges.find({ where: { contestId }, select: { key: true, name: true }, order: { key: 'ASC' } });
  }

  /** The event's panel and its chief judge: the tablets its desk depends on. */
  static eventJudgeKeys(event: ContestEvent): Set<string> {
    const keys = new Set<string>((event.scheme.panel ?? []).map((p) => p.judge));
    if (event.scheme.chiefJudge) keys.add(event.scheme.chiefJudge);
    return keys;
  }
}
