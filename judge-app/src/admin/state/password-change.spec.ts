import { describe, expect, it } from 'vitest';
import { httpError } from '../testing/fake-console-api';
import { PasswordChange } from './password-change.svelte';

function form(reply: () => Promise<void> = async () => undefined) {
  const sent: { current: string; next: string }[] = [];
  const f = new PasswordChange({
    changePassword: (body) => {
      sent.push(body);
      return reply();
    },
  });
  return { f, sent };
}

const fill = (f: PasswordChange, current: string, next: string, repeat = next) => {
  f.current = current;
  f.next = next;
  f.repeat = repeat;
};

describe('PasswordChange', () => {
  it('sends the current and the new password once the form is right, then clears it', async () => {
    const { f, sent } = form();
    fill(f, 'old-password', 'new-password');
    expect(await f.submit()).toBe(true);
    expect(sent).toEqual([{ current: 'old-password', next: 'new-password' }]);
    expect(f.done).toBe(true);
    expect([f.current, f.next, f.repeat]).toEqual(['', '', '']);
  });

  it('checks the form before sending anything', async () => {
    const { f, sent } = form();
    const cases: [string, string, string, string][] = [
      ['', 'new-password', 'new-password', 'password.currentEmpty'],
      ['old-password', 'short', 'short', 'password.tooShort'],
      ['old-password', 'x'.repeat(201), 'x'.repeat(201), 'password.tooLong'],
      ['old-password', 'old-password', 'old-password', 'password.same'],
      ['old-password', 'new-password', 'new-passw0rd', 'password.mismatch'],
    ];
    for (const [current, next, repeat, key] of cases) {
      fill(f, current, next, repeat);
      expect(await f.submit()).toBe(false);
      expect(f.problem).toMatchObject({ key });
    }
    expect(sent).toEqual([]);
  });

  it('tells a wrong current password and a password fixed by the server environment apart from other errors', async () => {
    const wrong = form(async () => Promise.reject(httpError(400, 'current: is not the organizer password', [{ path: 'current', message: 'is not the organizer password' }])));
    fill(wrong.f, 'a-wrong-one', 'new-password');
    expect(await wrong.f.submit()).toBe(false);
    expect(wrong.f.problem).toEqual({ key: 'password.wrongCurrent' });
    expect(wrong.f.done).toBe(false);

    const fixed = form(async () => Promise.reject(httpError(409, 'the organizer password is fixed by ORGANIZER_PASSWORD')));
    fill(fixed.f, 'old-password', 'new-password');
    await fixed.f.submit();
    expect(fixed.f.problem).toEqual({ key: 'password.fixed' });

    const down = form(async () => Promise.reject(httpError(503, 'unavailable')));
    fill(down.f, 'old-password', 'new-password');
    await down.f.submit();
    expect(down.f.problem).toMatchObject({ error: expect.any(Error) });
  });
});
