import type { JudgeLoginResponse } from '@skillscore/server/contracts';
import { browserStorage, readJson, remove, writeJson, type KeyValue } from '../storage';

export interface SessionData {
  contest: string;
  token: string;
  judge: JudgeLoginResponse['judge'];
  events: JudgeLoginResponse['events'];
  contestTitle: string | null;
}

/** Why the login screen is showing, when it is not simply the first visit. */
export type SignedOutReason = 'expired' | 'signedOut' | 'otherContest' | 'otherJudge' | null;

const SESSION_KEY = 'skillscore.judge.session';
const CONTEST_KEY = 'skillscore.judge.contest';

/** The signed-in judge. Kept in localStorage so a reload or a sleeping tablet stays signed in. */
export class Session {
  data = $state<SessionData | null>(null);
  reason = $state<SignedOutReason>(null);
  /** the contest code last used on this tablet, to prefill the login */
  lastContest = $state('');
  /** the contest code came from the judge card's QR link */
  fromLink = $state(false);
  /** the judge key to prefill: from a card's QR link, or the judge whose sign-in expired (not kept across reloads) */
  lastJudge = $state('');

  constructor(private readonly store: KeyValue = browserStorage()) {
    this.data = readJson<SessionData>(store, SESSION_KEY);
    this.lastContest = store.getItem(CONTEST_KEY) ?? this.data?.contest ?? '';
  }

  get token(): string | null {
    return this.data?.token ?? null;
  }

  signIn(contest: string, res: JudgeLoginResponse): void {
    this.data = {
      contest: res.contest?.code ?? contest,
      token: res.token,
      judge: res.judge,
      events: res.events,
      contestTitle: res.contest?.title ?? null,
    };
    this.reason = null;
    this.lastContest = this.data.contest;
    writeJson(this.store, SESSION_KEY, this.data);
    this.store.setItem(CONTEST_KEY, this.data.contest);
  }

  signOut(reason: Exclude<SignedOutReason, null>): void {
    if (this.data) this.lastContest = this.data.contest;
    // only the judge coming back after an expiry sees their key again; on a handed-over tablet the next judge types their own
    this.lastJudge = reason === 'expired' && this.data ? this.data.judge.key : '';
    this.data = null;
    this.reason = reason;
    remove(this.store, SESSION_KEY);
  }

  /** A judge card's QR link: a contest, and the judge when the card names one; whoever else is signed in here is signed out. */
  preferContest(code: string, judge: string | null = null): void {
    if (this.data && this.data.contest !== code) this.signOut('otherContest');
    else if (this.data && judge !== null && this.data.judge.key !== judge) this.signOut('otherJudge');
    this.lastContest = code;
    this.lastJudge = judge ?? '';
    this.fromLink = true;
  }
}
