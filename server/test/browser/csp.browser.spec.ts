import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putSheet } from '../support/sheets';
import { client, hairContest, judgeToken, ORGANIZER_PASSWORD, organizerToken, type TestApp } from '../support/test-app';
import { collectCspViolations, launchBrowser, startAppWithUi, type Browser } from './browser-support';

/**
 * Every screen of the built apps runs under the server's Content-Security-Policy without a single
 * violation: scripts from files only, the live feed over socket.io, QR codes as data: images, the
 * judge app's service worker.
 */
const CODE = 'CSP2025';
const UI_MS = 15_000;
let t: TestApp;
let browser: Browser;

beforeAll(async () => {
  [t, browser] = await Promise.all([startAppWithUi(), launchBrowser()]);
  const api = client(t.base);
  const org = await organizerToken(t.base);
  expect((await api('POST', '/api/contests', hairContest(CODE, 3), org)).status).toBe(201);
  const judge = await judgeToken(t.base, CODE, '100001');
  expect((await putSheet(api, judge, CODE, 'hair', '07', { design: 35, technique: 25, finish: 25 })).status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(viewport?: { width: number; height: number }): Promise<{ page: Page; violations: string[] }> {
  const page = await browser.page(viewport);
  page.setDefaultTimeout(UI_MS);
  const violations = await collectCspViolations(page);
  return { page, violations };
}

/** Lets late loads (lazy chunks, the socket's upgrade, the service worker) happen before counting. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForTimeout(500);
}

describe('Content-Security-Policy: no violation on any screen', () => {
  it('scoreboard: projector and phone, live over socket.io', async () => {
    for (const [view, viewport] of [['projector', { width: 1920, height: 1080 }], ['phone', { width: 390, height: 844 }]] as const) {
      const { page, violations } = await open(viewport);
      await page.goto(`${t.base}/board/?contest=${CODE}&view=${view}`);
      await page.getByText('王小雨').first().waitFor();
      // a change reaches the board: the live feed's connection was allowed
      const api = client(t.base);
      const judge = await judgeToken(t.base, CODE, '100002');
      expect((await putSheet(api, judge, CODE, 'hair', view === 'projector' ? '08' : '09', { design: 30, technique: 20, finish: 20 })).status).toBe(200);
      await page.getByText('李晓燕').first().waitFor();
      await settle(page);
      expect(violations, view).toEqual([]);
      await page.close();
    }
    const { page, violations } = await open();
    await page.goto(`${t.base}/board/`);
    await settle(page);
    expect(violations, 'board without a contest').toEqual([]);
    await page.close();
  }, 60_000);

  it('judge tablet: the card link signs in, the stations and a sheet, the service worker, the chief desk', async () => {
    const { page, violations } = await open({ width: 1024, height: 768 });
    await page.goto(`${t.base}/judge/#contest=${CODE}&judge=J3&pin=100003`);
    await page.locator('a.tile[data-station="07"]').waitFor();
    await page.locator('a.tile[data-station="07"]').click();
    await page.locator('input, button').first().waitFor();
    await page.evaluate(() => navigator.serviceWorker?.ready.then(() => true));
    await settle(page);
    expect(violations, 'judge').toEqual([]);
    await page.close();

    // the chief judge's desk listens on the staff socket
    const chief = await open({ width: 1024, height: 768 });
    await chief.page.goto(`${t.base}/judge/#contest=${CODE}&judge=J6&pin=100006`);
    await chief.page.locator('main').first().waitFor();
    await settle(chief.page);
    await chief.page.waitForTimeout(1000);
    expect(chief.violations, 'chief desk').toEqual([]);
    await chief.page.close();
  }, 60_000);

  it('organizer console: sign-in and every tab', async () => {
    // a browser of its own: the judge app's service worker above would answer /judge/admin.html with the tablet app
    const desk = await launchBrowser();
    const page = await desk.page({ width: 1440, height: 900 });
    page.setDefaultTimeout(UI_MS);
    const violations = await collectCspViolations(page);
    await page.goto(`${t.base}/judge/admin.html`);
    await page.locator('#password').fill(ORGANIZER_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText(CODE).first().waitFor();
    for (const tab of ['overview', 'setup', 'import', 'draw', 'judges', 'board', 'appeals', 'exports', 'audit']) {
      await page.goto(`${t.base}/judge/admin.html#/c/${CODE}/${tab}`);
      await page.locator(`a[data-tab="${tab}"][aria-current="page"]`).waitFor();
      await settle(page);
      expect(violations, tab).toEqual([]);
    }
    await desk.close();
  }, 90_000);

  it('the check itself sees a violation: an inline script is refused and reported', async () => {
    const { page, violations } = await open();
    await page.goto(`${t.base}/board/?contest=${CODE}`);
    await page.getByText('王小雨').first().waitFor();
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.inlineRan = true';
      document.head.append(s);
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
    expect(violations.some((v) => v.includes('script-src'))).toBe(true);
    await page.close();
  });

  it('the API documentation page, where it is served', async () => {
    const r = await fetch(`${t.base}/api/docs`);
    if (r.status === 404) return;
    const { page, violations } = await open();
    await page.goto(`${t.base}/api/docs`);
    // Swagger UI rendered the document: its scripts ran
    await page.locator('#swagger-ui .info').first().waitFor();
    await settle(page);
    expect(violations, 'api docs').toEqual([]);
    await page.close();
  }, 30_000);
});
