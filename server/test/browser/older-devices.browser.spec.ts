import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sheetOf } from '../support/sheets';
import { client, hairContest, judgeToken, organizerToken, type TestApp } from '../support/test-app';
import { launchBrowser, screenshot, startAppWithUi, type Browser } from './browser-support';

/**
 * A judge on an iPad stuck on iOS 13–15.3 has no `HTMLDialogElement.prototype.showModal`: the
 * review dialog must still open, hold the focus, cancel on Escape and submit. Chromium with
 * `showModal` removed before the app loads stands in for such a tablet.
 */

const CODE = 'OLDPAD';
const TABLET = { width: 1024, height: 768 };

describe('judge app without showModal', () => {
  let browser: Browser;
  let t: TestApp;
  let page: Page;
  let api: ReturnType<typeof client>;

  beforeAll(async () => {
    [browser, t] = await Promise.all([launchBrowser(), startAppWithUi()]);
    api = client(t.base);
    const org = await organizerToken(t.base);
    expect((await api('POST', '/api/contests', hairContest(CODE, 2), org)).status).toBe(201);
    page = await browser.page(TABLET);
    await page.addInitScript(() => {
      delete (HTMLDialogElement.prototype as { showModal?: unknown }).showModal;
    });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('reviews and submits a sheet through the overlay dialog', async () => {
    await page.goto(`${t.base}/judge/`);
    expect(await page.evaluate(() => typeof HTMLDialogElement.prototype.showModal)).toBe('undefined');
    await page.locator('input[name="contest"]').fill(CODE);
    await page.locator('input[name="pin"]').fill('100001');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.locator('a.tile[data-station="07"]').waitFor();
    await page.evaluate(() => {
      location.hash = '#/events/hair/stations/07';
    });
    await page.locator('#mark-design').waitFor();
    for (const [k, v] of Object.entries({ design: 36, technique: 24, finish: 25 })) await page.locator(`#mark-${k}`).fill(String(v));

    const review = page.getByRole('button', { name: '检查并提交' });
    await review.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await dialog.isVisible()).toBe(true);
    // focus moved into the dialog and Tab keeps it there
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    // the page behind, header included, is covered: a tap there reaches nothing of the app
    const covered = await page.evaluate(() => document.elementFromPoint(window.innerWidth - 20, 20)?.className ?? '');
    expect(covered).toContain('scrim');
    await screenshot(page, 'judge-review-overlay');

    // Escape cancels, as the native modal does
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await sheetOf(api, await judgeToken(t.base, CODE, '100001'), CODE, 'hair', '07')).toMatchObject({ status: 'open' });

    await review.click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '确认提交' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('header.bar .badge[data-state="confirmed"]').waitFor({ timeout: 5_000 });
    expect(await sheetOf(api, await judgeToken(t.base, CODE, '100001'), CODE, 'hair', '07')).toMatchObject({
      status: 'submitted',
      scores: { design: 36, technique: 24, finish: 25 },
    });
  }, 60_000);
});
