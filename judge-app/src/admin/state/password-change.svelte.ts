import { ORGANIZER_PASSWORD_MAX, ORGANIZER_PASSWORD_MIN } from '@skillscore/server/contracts';
import { ApiError } from '../../lib/api/http';
import type { ConsoleApi } from '../api/console-api';
import type { MessageKey } from '../i18n/zh-CN';

export type PasswordProblem = { key: MessageKey; params?: Record<string, number> } | { error: unknown };

/**
 * The organizer's password change: the current password again, the new one twice. On success
 * the server has ended every other organizer login; this console stays signed in.
 */
export class PasswordChange {
  current = $state('');
  next = $state('');
  repeat = $state('');
  busy = $state(false);
  done = $state(false);
  problem = $state<PasswordProblem | null>(null);

  constructor(private readonly api: Pick<ConsoleApi, 'changePassword'>) {}

  /** What is wrong with the form before anything is sent, or null. */
  check(): PasswordProblem | null {
    if (!this.current) return { key: 'password.currentEmpty' };
    if ([...this.next].length < ORGANIZER_PASSWORD_MIN) return { key: 'password.tooShort', params: { min: ORGANIZER_PASSWORD_MIN } };
    if ([...this.next].length > ORGANIZER_PASSWORD_MAX) return { key: 'password.tooLong', params: { max: ORGANIZER_PASSWORD_MAX } };
    if (this.next === this.current) return { key: 'password.same' };
    if (this.next !== this.repeat) return { key: 'password.mismatch' };
    return null;
  }

  async submit(): Promise<boolean> {
    if (this.busy || this.done) return this.done;
    this.problem = this.check();
    if (this.problem) return false;
    this.busy = true;
    try {
      await this.api.changePassword({ current: this.current, next: this.next });
      this.done = true;
      this.current = this.next = this.repeat = '';
      return true;
    } catch (e) {
      this.problem = problemOf(e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}

function problemOf(e: unknown): PasswordProblem {
  if (e instanceof ApiError && e.status === 400 && e.body?.problems?.some((p) => p.path === 'current')) return { key: 'password.wrongCurrent' };
  if (e instanceof ApiError && e.status === 409) return { key: 'password.fixed' };
  return { error: e };
}
