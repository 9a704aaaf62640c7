import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { sheetOf } from '../support/sheets';
import { client, hairContest, judgeToken, organizerToken, type TestApp } from '../support/test-app';
import { expectNoSeriousA11y, launchBrowser, screenshot, startAppWithUi, type Browser } from './browser-support';

/**
 * Judges' remarks in the tablet app: typed beside a criterion's mark, shown in the review, sent
 * with the sheet, and read on the chief judge's desk. Checked against the server over REST.
 */
const CODE = 'TABREM';
const EVENT = 'hair';
const TABLET = { width: 1280, height: 800 };
const LONG_MS = 90_000;
const REMARK = '发型轮廓清晰，收尾略粗糙 <b>x</b>';

async function signIn(page: Page, pin: string): Promise<void> {
  await page.locator('input[name="pin"]').fill(pin);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.locator('input[name="pin"]').waitFor({ state: 'detached' });
}

describe('remarks in the tablet app', () => {
  let tablet: Browser;
  let chiefTablet: Browser;
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let j1: string;

  beforeAll(async () => {
    [tablet, chiefTablet, t] = await Promise.all([launchBrowser(), launchBrowser(), startAppWithUi()]);
    api = client(t.base);
    const org = await organizerToken(t.base);
    expect((await api('POST', '/api/contests', hairContest(CODE, 2), org)).status).toBe(201);
    j1 = await judgeToken(t.base, CODE, '100001');
  });

  afterAll(async () => {
    await tablet?.close();
    await chiefTablet?.close();
    await t?.close();
  });

  it('a judge types a remark with the marks; it is reviewed, stored once with the sheet, and the chief judge reads it', async () => {
    const page = await tablet.page(TABLET);
    await page.goto(`${t.base}/judge/?contest=${CODE}`);
    await signIn(page, '100001');
    await page.evaluate(() => {
      location.hash = '#/events/hair/stations/07';
    });
    await page.locator('#mark-design').waitFor();
    for (const [k, v] of Object.entries({ design: 36.5, technique: 25, finish: 27 })) await page.locator(`#mark-${k}`).fill(String(v));

    await page.getByRole('button', { name: '为“造型设计”写评语' }).click();
    const field = page.locator('#comment-design');
    await field.fill(REMARK);
    expect(await page.locator('#comment-design-count').textContent()).toContain(`${REMARK.length} / 500`);
    const box = await field.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(48);
    await screenshot(page, 'judge-comment-sheet');
    await expectNoSeriousA11y(page, 'judge-comment-sheet');

    // over the limit: the counter says so and the sheet is not sent
    await field.fill('好'.repeat(501));
    await page.locator('[data-comment="design"] .issue').waitFor();
    await page.getByRole('button', { name: '检查并提交' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await field.fill(REMARK);

    await page.getByRole('button', { name: '检查并提交' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.locator('[data-comment-review="design"]').textContent()).toContain(REMARK);
    await screenshot(page, 'judge-comment-review');
    await dialog.getByRole('button', { name: '确认提交' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('header.bar .badge[data-state="confirmed"]').waitFor();
    expect(await page.locator('[data-comment-row="design"]').textContent()).toContain(REMARK);

    const stored = await sheetOf(api, j1, CODE, EVENT, '07');
    expect(stored).toMatchObject({ status: 'submitted', version: 1, comments: { design: REMARK } });

    // the chief judge's desk: the station's dialog lists the remark under J1, as text
    const desk = await chiefTablet.page(TABLET);
    await desk.goto(`${t.base}/judge/?contest=${CODE}`);
    await signIn(desk, '100006');
    await desk.locator('[data-live="live"]').waitFor({ timeout: 10_000 });
    await desk.getByRole('button', { name: '工位 07：查看与处理' }).click();
    const station = desk.getByRole('dialog');
    const remark = station.locator('li[data-judge="J1"] [data-comment="design"]');
    await remark.waitFor();
    expect(await remark.textContent()).toContain(REMARK);
    expect(await station.locator('li[data-judge="J1"] b').count()).toBe(0);
    await screenshot(desk, 'judge-comment-desk');
    await expectNoSeriousA11y(desk, 'judge-comment-desk');
  }, LONG_MS);
});
