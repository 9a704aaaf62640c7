import { APPEAL_ANSWER_MAX, type AppealOutcome } from '@skillscore/server/contracts';
import type { ApiError } from '../api/http';
import type { ChiefDesk } from './chief-desk.svelte';

export type AnswerIssue = 'outcome' | 'empty' | 'tooLong';

/** The chief judge's answer to one appeal: upheld or rejected, and the written answer. */
export class AppealAnswerForm {
  outcome = $state<AppealOutcome | null>(null);
  answer = $state('');
  tried = $state(false);
  busy = $state(false);
  error = $state<ApiError | null>(null);

  constructor(readonly id: string) {}

  get issue(): AnswerIssue | null {
    if (!this.outcome) return 'outcome';
    const s = this.answer.trim();
    if (s === '') return 'empty';
    if (s.length > APPEAL_ANSWER_MAX) return 'tooLong';
    return null;
  }

  /** Sends the answer when the form is complete; true once the server took it. */
  async submit(desk: Pick<ChiefDesk, 'decideAppeal'>): Promise<boolean> {
    this.tried = true;
    this.error = null;
    if (this.issue || !this.outcome) return false;
    this.busy = true;
    const r = await desk.decideAppeal(this.id, this.outcome, this.answer);
    this.busy = false;
    if (!r.ok) {
      this.error = r.error;
      return false;
    }
    return true;
  }
}
