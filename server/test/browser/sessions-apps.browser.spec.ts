import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrganizerPassword } from '../../src/auth/organizer-password';
import { client, hairContest, type TestApp } from '../support/test-app';
import { launchBrowser, startAppWithUi, type Browser } from './browser-support';

/**
 * The apps' sign-outs end the login on the server, not only on the device: a tablet handed to
 * the next person, or a console left open, holds no token that still works.
 */

const CODE = 'APPS';
const UI_MS = 10_000;

let t: TestApp;
const browsers: Browser[] = [];
let api: ReturnType<typeof client>;
let password: string;

/** Waits until the token answers 401, or fails after `ms`. */
async function revokedWithin(token: string, path: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if ((await api('GET', path, undefined, token)).status === 401) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stored(page: Page, key: string): Promise<{ token: string }> {
  const raw = await page.evaluate((k) => localStorage.getItem(k), key);
  expect(raw, `${key} in localStorage`).not.toBeNull();
  return JSON.parse(raw!) as { token: string };
}

beforeAll(async () => {
  // no ORGANIZER_PASSWORD: the password is the stored one, which the console may change
  t = await startAppWithUi({ ORGANIZER_PASSWORD: undefined } as unknown as Record<string, string>);
  api = client(t.base);
  password = t.app.get(OrganizerPassword).generated!;
  const org = (await api('POST', '/api/auth/organizer', { password })).body.token as string;
  expect((await api('POST', '/api/contests', hairContest(CODE), org)).status).toBe(201);
});

afterAll(async () => {
  for (const b of browsers) await b.close();
  await t?.close();
});

/** A page in a browser profile of its own: the tablet app's service worker must not answer the console's address. */
async function freshPage(): Promise<Page> {
  const b = await launchBrowser();
  browsers.push(b);
  const page = await b.page();
  page.setDefaultTimeout(UI_MS);
  return page;
}

describe('the apps end their logins on the server', () => {
  it('the tablet\u2019s 退出 revokes the judge\u2019s token', async () => {
    const page = await freshPage();
    await page.goto(`${t.base}/judge/?contest=${CODE}`);
    await page.locator('input[name="pin"]').fill('100001');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.locator('input[name="pin"]').waitFor({ state: 'detached' });
    const { token } = await stored(page, 'skillscore.judge.session');
    const sheets = `/api/contests/${CODE}/events/hair/sheets`;
    expect((await api('GET', sheets, undefined, token)).status).toBe(200);

    await page.getByRole('button', { name: '退出', exact: true }).click();
    await page.locator('input[name="pin"]').waitFor();
    expect(await revokedWithin(token, sheets, 3000)).toBe(true);
    await page.close();
  });

  it('the console changes the password (other organizer logins end, its own stays), and its 退出 revokes its token', async () => {
    const other = (await api('POST', '/api/auth/organizer', { password })).body.token as string;
    const page = await freshPage();
    await page.goto(`${t.base}/judge/admin.html`);
    await page.locator('#password').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('#sign-out').waitFor();
    const { token } = await stored(page, 'skillscore.console.session');

    await page.locator('#change-password').click();
    await page.locator('#password-current').fill(password);
    await page.locator('#password-next').fill('changed-in-the-console');
    await page.locator('#password-repeat').fill('changed-in-the-console');
    await page.locator('dialog [data-confirm]').click();
    await page.getByText('密码已修改').waitFor();
    expect((await api('GET', `/api/contests/${CODE}/judges`, undefined, other)).status).toBe(401);
    expect((await api('GET', `/api/contests/${CODE}/judges`, undefined, token)).status).toBe(200);
    expect((await api('POST', '/api/auth/organizer', { password: 'changed-in-the-console' })).status).toBe(200);
    await page.locator('dialog [data-confirm]').click();

    await page.locator('#sign-out').click();
    await page.locator('#password').waitFor();
    expect(await revokedWithin(token, `/api/contests/${CODE}/judges`, 3000)).toBe(true);
    await page.close();
  });
});
