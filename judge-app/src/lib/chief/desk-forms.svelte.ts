import type { ApiError } from '../api/http';
import type { EntryStatus } from '../api/chief-api';
import type { ActResult, ChiefDesk } from './chief-desk.svelte';
import { readPoints, reasonIssue } from './desk-view';

/**
 * What every act's form shares: a reason, whether the chief judge has tried to send it (problems
 * show only then), the act under way and the server's refusal.
 */
abstract class ActForm {
  reason = $state('');
  tried = $state(false);
  busy = $state(false);
  error = $state<ApiError | null>(null);

  get reasonIssue() {
    return reasonIssue(this.reason);
  }

  /** Runs the act when the form is complete; clears the form only when the server took it. */
  protected async run(ready: boolean, act: () => Promise<ActResult>): Promise<boolean> {
    this.tried = true;
    this.error = null;
    if (!ready || this.reasonIssue) return false;
    this.busy = true;
    const r = await act();
    this.busy = false;
    if (!r.ok) {
      this.error = r.error;
      return false;
    }
    this.clear();
    return true;
  }

  protected clear(): void {
    this.reason = '';
    this.tried = false;
  }
}

/** A reason for one act (reopen a sheet, withdraw a deduction, restore an entry). */
export class ReasonForm extends ActForm {
  constructor(initial = '') {
    super();
    this.reason = initial;
  }

  submit(act: (reason: string) => Promise<ActResult>): Promise<boolean> {
    return this.run(true, () => act(this.reason));
  }
}

export class DeductionForm extends ActForm {
  station = $state('');
  points = $state('');
  /** the appeal (复核申请) this deduction is made for, '' for none */
  appeal = $state('');
  /** what was deducted last, for the confirmation line */
  last = $state<{ station: string; points: number } | null>(null);

  get parsed() {
    return readPoints(this.points);
  }

  async submit(desk: Pick<ChiefDesk, 'addDeduction'>): Promise<boolean> {
    const { value } = this.parsed;
    const station = this.station;
    const ok = await this.run(station !== '' && value !== null, () => (this.appeal ? desk.addDeduction(station, value!, this.reason, this.appeal) : desk.addDeduction(station, value!, this.reason)));
    if (ok) this.last = { station, points: value! };
    return ok;
  }

  protected override clear(): void {
    super.clear();
    // the station stays: several items for one station are entered one after another
    this.points = '';
    this.appeal = '';
  }
}

export class StatusForm extends ActForm {
  station = $state('');
  status = $state<EntryStatus>('absent');

  submit(desk: Pick<ChiefDesk, 'setStatus'>): Promise<boolean> {
    const { station, status } = this;
    return this.run(station !== '', () => desk.setStatus(station, status, this.reason));
  }
}
