import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppealClock } from '../../src/appeals/appeal-clock';
import { AppealsService } from '../../src/appeals/appeals.service';
import { putSheet } from '../support/sheets';
import { client, hairContest, judgeToken, organizerToken, ORGANIZER_PASSWORD, type TestApp } from '../support/test-app';
import { expectNoSeriousA11y, launchBrowser, screenshot, startAppWithUi, type Browser } from './browser-support';

/**
 * The appeals workflow across the three apps in Chromium: the organizer publishes the results and
 * records an appeal in the console, the chief judge answers it on the tablet desk, and the public
 * board (projector and phone) goes from "成绩公示中" to "正式成绩" when the window closes.
 */
const CODE = 'APPB';
const UI_MS = 10_000;
const LONG_MS = 150_000;

let t: TestApp;
let browser: Browser;
let api: ReturnType<typeof client>;
let org: string;
let offset = 0;

async function signInConsole(page: Page): Promise<void> {
  await page.goto(`${t.base}/judge/admin.html`);
  await page.locator('#password').fill(ORGANIZER_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.locator('#password').waitFor({ state: 'detached' });
}

beforeAll(async () => {
  t = await startAppWithUi();
  api = client(t.base);
  org = await organizerToken(t.base);
  const clock = t.app.get(AppealClock);
  const real = clock.now.bind(clock);
  clock.now = () => real() + offset;
  expect((await api('POST', '/api/contests', hairContest(CODE, 3), org)).status).toBe(201);
  for (const j of ['J1', 'J2', 'J3', 'J4', 'J5']) {
    const tok = await judgeToken(t.base, CODE, String(100000 + Number(j.slice(1))));
    for (const [i, st] of ['07', '08', '09'].entries()) expect((await putSheet(api, tok, CODE, 'hair', st, { design: 30 + i, technique: 20, finish: 20 })).status).toBe(200);
  }
  const chief = await judgeToken(t.base, CODE, '100006');
  expect((await api('POST', `/api/contests/${CODE}/events/hair/finalize`, undefined, chief)).status).toBe(200);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('appeals across console, desk and board', () => {
  it(
    'publishes, records an appeal, the chief answers it, and the board turns official when the window closes',
    async () => {
      const board = await browser.page({ width: 1920, height: 1080 });
      board.setDefaultTimeout(UI_MS);
      await board.goto(`${t.base}/board/?contest=${CODE}&teams=0`);
      await board.getByTestId('event-name').waitFor();
      expect(await board.getByTestId('publication-notice').count()).toBe(0);

      // the organizer publishes with a one-hour window
      const console = await browser.page({ width: 1280, height: 860 });
      console.setDefaultTimeout(UI_MS);
      await signInConsole(console);
      await console.goto(`${t.base}/judge/admin.html#/c/${CODE}/appeals`);
      await console.locator('#appeal-minutes').fill('60');
      await console.locator('#publish-results').click();
      await console.locator('[data-state="open"]').waitFor();
      await screenshot(console, 'appeals-console-published');
      await expectNoSeriousA11y(console, 'appeals-console-published');

      // the board learns it from the feed
      const notice = board.getByTestId('publication-notice');
      await notice.filter({ hasText: /成绩公示中，复核申请截止 \d\d:\d\d/ }).waitFor();
      expect(await notice.getAttribute('data-phase')).toBe('open');
      await screenshot(board, 'appeals-board-open');

      // an appeal is recorded against station 07
      await console.locator('#appeal-station').selectOption('07');
      await console.locator('#appeal-reason').fill('造型设计评分偏低，请求复核');
      await console.locator('#appeal-filed-by').fill('广安市总工会 领队');
      await console.locator('#file-appeal').click();
      await console.locator('#appeals-register tr[data-appeal="1"]').waitFor();
      await screenshot(console, 'appeals-console-register');
      await expectNoSeriousA11y(console, 'appeals-console-register');

      // the chief judge answers it on the desk
      const desk = await browser.page({ width: 1280, height: 800 });
      desk.setDefaultTimeout(UI_MS);
      await desk.goto(`${t.base}/judge/?contest=${CODE}`);
      await desk.locator('input[name="pin"]').fill('100006');
      await desk.getByRole('button', { name: '登录', exact: true }).click();
      await desk.locator('input[name="pin"]').waitFor({ state: 'detached' });
      await desk.getByTestId('to-appeals').click();
      const card = desk.locator('section[data-appeal="1"]');
      await card.getByText('造型设计评分偏低，请求复核').waitFor();
      await card.getByText('广安市总工会 领队', { exact: false }).waitFor();
      await screenshot(desk, 'appeals-desk-open');
      await expectNoSeriousA11y(desk, 'appeals-desk-open');
      // an answer without a decision is caught on the tablet
      await card.getByRole('button', { name: '提交答复' }).click();
      await card.getByText('请选择复核结论').waitFor();
      await card.locator('[data-outcome="rejected"]').click();
      await card.locator('textarea[name="answer"]').fill('经复核，造型设计各裁判评分在容差之内，维持原成绩。');
      await card.getByRole('button', { name: '提交答复' }).click();
      await desk.locator('li[data-appeal="1"]').getByText('维持原成绩', { exact: true }).waitFor();
      await screenshot(desk, 'appeals-desk-answered');

      // window still open: the board still says so
      expect(await notice.getAttribute('data-phase')).toBe('open');

      // the window closes: the board turns official without a reload
      offset += 61 * 60_000;
      await t.app.get(AppealsService).rearm();
      await board.getByTestId('publication-notice').filter({ hasText: '正式成绩' }).waitFor();
      await screenshot(board, 'appeals-board-official');

      const phone = await browser.page({ width: 390, height: 844 });
      phone.setDefaultTimeout(UI_MS);
      await phone.goto(`${t.base}/board/?contest=${CODE}&view=phone`);
      await phone.getByTestId('publication-notice').filter({ hasText: '正式成绩' }).waitFor();
      await screenshot(phone, 'appeals-phone-official');
      await expectNoSeriousA11y(phone, 'appeals-phone-official');

      // the register shows the answer and offers the notice
      await console.getByRole('button', { name: '刷新' }).click();
      await console.locator('[data-state="official"]').waitFor();
      await console.locator('#appeals-register tr[data-appeal="1"]').getByRole('button', { name: '复核结果通知' }).waitFor();
      for (const p of [board, console, desk, phone]) await p.close();
    },
    LONG_MS,
  );
});
