import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sheetOf } from '../support/sheets';
import { client, hairContest, judgeToken, ORGANIZER_PASSWORD, organizerToken, type TestApp } from '../support/test-app';
import { expectNoSeriousA11y, launchBrowser, screenshot, startAppWithUi, type Browser } from './browser-support';

/**
 * The fleet monitor in Chromium: a judge's tablet with a sheet waiting goes out of network, the
 * chief judge's desk shows it red with a notice after the stale time, and green again once the
 * tablet is back and its outbox has drained. The organizer console lists every judge's tablet.
 */

const CODE = 'FLEETB';
const EVENT = 'hair';
/** the 2 minutes of a venue, made short for the test */
const STALE_MS = 3_000;
const TABLET = { width: 1280, height: 800 };
const UI_MS = 15_000;

async function signIn(page: Page, base: string, pin: string): Promise<void> {
  await page.goto(`${base}/judge/?contest=${CODE}`);
  await page.locator('input[name="pin"]').fill(pin);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.locator('input[name="pin"]').waitFor({ state: 'detached' });
}

describe('fleet monitor in the browser', () => {
  let tablet: Browser;
  let chief: Browser;
  let t: TestApp;
  let judgePage: Page;
  let desk: Page;

  beforeAll(async () => {
    [tablet, chief, t] = await Promise.all([launchBrowser(), launchBrowser(), startAppWithUi({ FLEET_STALE_MS: String(STALE_MS) })]);
    const api = client(t.base);
    const org = await organizerToken(t.base);
    const created = await api('POST', '/api/contests', hairContest(CODE, 3), org);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    judgePage = await tablet.page(TABLET);
    desk = await chief.page(TABLET);
    for (const p of [judgePage, desk]) p.setDefaultTimeout(UI_MS);
  });

  afterAll(async () => {
    await tablet?.close();
    await chief?.close();
    await t?.close();
  });

  it('turns a silent tablet with marks waiting red on the chief judge’s desk, then green once it has synced', async () => {
    await signIn(desk, t.base, '100006');
    await desk.locator('[data-live="live"]').waitFor();
    await desk.locator('button[data-tab="devices"]').click();
    const row = desk.locator('[data-testid="fleet-table"] tr[data-judge="J1"]');
    // the panel J1–J5 and the chief judge J6, none of whose tablets has reported yet
    await desk.locator('[data-testid="fleet-table"] tr[data-judge="J6"]').first().waitFor();
    expect(await desk.locator('[data-testid="fleet-table"] tbody tr').count()).toBe(6);
    expect(await row.getAttribute('data-tone')).toBe('none');

    await signIn(judgePage, t.base, '100001');
    await judgePage.locator('a.tile[data-station="07"]').waitFor();
    await row.and(desk.locator('[data-tone="ok"]')).waitFor();
    expect(await row.locator('[data-testid="fleet-outbox"]').textContent()).toBe('0');

    // the sheet cannot get through (the venue's access point drops it), while the tablet still reports
    await judgePage.route('**/api/contests/**/sheets/**', (route) => (route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.continue()));
    await judgePage.evaluate((e) => (location.hash = `#/events/${e}/stations/07`), EVENT);
    await judgePage.locator('#mark-design').waitFor();
    for (const [k, v] of Object.entries({ design: 36, technique: 26, finish: 27 })) await judgePage.locator(`#mark-${k}`).fill(String(v));
    await judgePage.getByRole('button', { name: '检查并提交' }).click();
    await judgePage.getByRole('dialog').getByRole('button', { name: '确认提交' }).click();
    await judgePage.locator('header.bar .badge[data-state="queued"]').waitFor();
    await row.locator('[data-testid="fleet-outbox"]', { hasText: '1' }).waitFor();
    expect(await row.getAttribute('data-tone')).toBe('ok');

    // then the tablet drops off the network altogether: no contact for the stale time turns it red
    await tablet.context.setOffline(true);
    const silentAt = Date.now();
    await row.and(desk.locator('[data-tone="stale"]')).waitFor({ timeout: STALE_MS + 10_000 });
    expect(Date.now() - silentAt).toBeGreaterThanOrEqual(STALE_MS - 1500);
    const notice = desk.getByTestId('fleet-stale-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('裁判1（J1）的平板有 1 份评分表未发送');
    expect(await desk.locator('.stale-devices').textContent()).toBe('1');
    await screenshot(desk, 'fleet-desk-stale');
    await expectNoSeriousA11y(desk, 'fleet-desk-stale');

    // back on the network: the outbox drains, the report says so, the row turns green and the notice goes
    await judgePage.unroute('**/api/contests/**/sheets/**');
    await tablet.context.setOffline(false);
    await judgePage.locator('header.bar .badge[data-state="confirmed"]').waitFor({ timeout: UI_MS });
    await row.locator('[data-testid="fleet-outbox"]', { hasText: /^0$/ }).waitFor();
    expect(await row.getAttribute('data-tone')).toBe('ok');
    await notice.waitFor({ state: 'detached' });
    expect(await sheetOf(client(t.base), await judgeToken(t.base, CODE, '100001'), CODE, EVENT, '07')).toMatchObject({ status: 'submitted', version: 1 });
    await screenshot(desk, 'fleet-desk-synced');
  }, 90_000);

  it('lists every judge of the contest in the organizer console’s 设备 tab', async () => {
    // a browser of its own: the tablet app's service worker answers every page under /judge/ with the tablet app
    const console_ = await launchBrowser();
    const page = await console_.page(TABLET);
    page.setDefaultTimeout(UI_MS);
    await page.goto(`${t.base}/judge/admin.html`);
    await page.locator('#password').fill(ORGANIZER_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText(CODE).first().waitFor();
    await page.goto(`${t.base}/judge/admin.html#/c/${CODE}/devices`);
    await page.locator('[data-testid="fleet-table"] tr[data-judge="J7"]').waitFor();
    expect(await page.locator('[data-testid="fleet-table"] tbody tr').count()).toBe(7);
    await page.locator('[data-testid="fleet-table"] tr[data-judge="J1"][data-tone="ok"]').waitFor();
    await screenshot(page, 'fleet-console');
    await expectNoSeriousA11y(page, 'fleet-console');
    await console_.close();
  }, 60_000);
});
