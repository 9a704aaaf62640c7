import type { AppealDecisionBody, AppealView, ChiefProgress, DeductionBody, DeductionView, EntryStatusBody } from '@skillscore/server/contracts';
import type { Http } from './http';
import { eventPath } from './judge-api';

const seg = encodeURIComponent;

export type EntryStatus = EntryStatusBody['status'];

/** A deduction as the desk lists it: withdrawn ones stay in the list, marked so. */
export type DeductionItem = DeductionView & { voided: boolean };

/** The chief judge's side of the API (integration contract §2, chief judge; docs/api.md). */
export class ChiefApi {
  constructor(
    readonly http: Http,
    private readonly token: () => string | null,
  ) {}

  progress(contest: string, event: string): Promise<ChiefProgress> {
    return this.http.json('GET', `${eventPath(contest, event)}/progress`, { token: this.token() });
  }

  deductions(contest: string, event: string): Promise<DeductionItem[]> {
    return this.http.json('GET', `${eventPath(contest, event)}/deductions`, { token: this.token() });
  }

  /** `appeal`: the appeal the reopen is made for, if any */
  reopen(contest: string, event: string, station: string, judge: string, reason: string, appeal?: string): Promise<unknown> {
    return this.http.json('POST', `${eventPath(contest, event)}/sheets/${seg(station)}/${seg(judge)}/reopen`, { body: appeal ? { reason, appeal } : { reason }, token: this.token() });
  }

  addDeduction(contest: string, event: string, body: DeductionBody): Promise<DeductionView> {
    return this.http.json('POST', `${eventPath(contest, event)}/deductions`, { body, token: this.token() });
  }

  voidDeduction(contest: string, event: string, id: number, reason: string): Promise<unknown> {
    return this.http.json('POST', `${eventPath(contest, event)}/deductions/${id}/void`, { body: { reason }, token: this.token() });
  }

  setStatus(contest: string, event: string, station: string, status: EntryStatus, reason: string): Promise<unknown> {
    const body: EntryStatusBody = reason ? { status, reason } : { status };
    return this.http.json('POST', `${eventPath(contest, event)}/entries/${seg(station)}/status`, { body, token: this.token() });
  }

  /** The event's appeals (复核申请), open and answered. */
  appeals(contest: string, event: string): Promise<AppealView[]> {
    return this.http.json('GET', `${eventPath(contest, event)}/appeals`, { token: this.token() });
  }

  decideAppeal(contest: string, event: string, id: string, body: AppealDecisionBody): Promise<AppealView> {
    return this.http.json('POST', `${eventPath(contest, event)}/appeals/${seg(id)}/decision`, { body, token: this.token() });
  }

  finalize(contest: string, event: string): Promise<{ event: string; final: boolean }> {
    return this.http.json('POST', `${eventPath(contest, event)}/finalize`, { token: this.token() });
  }
}
