import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshot, startAppWithUi, type Browser } from './browser-support';
import { client, hairContest, organizerToken, type TestApp } from '../support/test-app';

/**
 * The judge card's QR code in the real tablet app: one scan signs the tablet in as that judge and
 * leaves no PIN in the address; and with PIN-only logins from this address locked, the judge key
 * field still gets a judge in. hairContest's judges J1…J7 have the PINs 100001…100007.
 */

const CODE = 'CARDS';

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出', exact: true }).click();
  await page.locator('input[name="pin"]').waitFor();
}

describe('the judge card QR code on the tablet', () => {
  let browser: Browser;
  let t: TestApp;
  let page: Page;
  beforeAll(async () => {
    [browser, t] = await Promise.all([launchBrowser(), startAppWithUi()]);
    const org = await organizerToken(t.base);
    expect((await client(t.base)('POST', '/api/contests', hairContest(CODE), org)).status).toBe(201);
    page = await browser.page({ width: 1280, height: 800 });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('one scan signs the tablet in as the judge on the card, and the PIN leaves the address and history', async () => {
    await page.goto(`${t.base}/judge/#contest=${CODE}&judge=J2&pin=100002`);
    await page.locator('a.tile[data-station="07"]').waitFor();
    const session = await page.evaluate(() => JSON.parse(localStorage.getItem('skillscore.judge.session') ?? 'null') as { judge: { key: string } } | null);
    expect(session?.judge.key).toBe('J2');
    expect(page.url()).not.toContain('100002');
    await screenshot(page, 'judge-login-card-scan');
    // the card's address was replaced, not kept behind the app's: one step back is the blank tab
    await page.goBack();
    expect(page.url()).toBe('about:blank');
    await page.goForward();
    expect(page.url()).not.toContain('100002');
    await page.locator('a.tile[data-station="07"]').waitFor();
  });

  it('with PIN-only logins from this address locked, the tablet suggests the judge key, and the key gets the judge in', async () => {
    await signOut(page);
    // someone behind the same address hammers PIN-only logins
    for (let i = 0; i < 10; i++) expect((await client(t.base)('POST', '/api/auth/judge', { contest: CODE, pin: String(990000 + i) })).status).toBe(401);
    await page.locator('input[name="contest"]').fill(CODE);
    await page.locator('input[name="pin"]').fill('100003');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByText('失败次数过多').waitFor();
    await page.getByText('可填写裁判编号').waitFor();
    await screenshot(page, 'judge-login-locked-suggests-key');
    await page.locator('input[name="judge"]').fill('J3');
    await page.locator('input[name="pin"]').fill('100003');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.locator('a.tile[data-station="07"]').waitFor();
    const session = await page.evaluate(() => JSON.parse(localStorage.getItem('skillscore.judge.session') ?? 'null') as { judge: { key: string } } | null);
    expect(session?.judge.key).toBe('J3');
  });
});
