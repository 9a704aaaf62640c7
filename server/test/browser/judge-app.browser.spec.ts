import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ChiefProgress } from '../../src/contracts/chief';
import { putSheet, sheetOf, sheetsPath } from '../support/sheets';
import { client, hairContest, judgeToken, organizerToken, type TestApp } from '../support/test-app';
import { expectNoSeriousA11y, launchBrowser, screenshot, startAppWithUi, type Browser } from './browser-support';

/**
 * The judge tablet app in Chromium, built and served by the real server: signing in, marking,
 * submitting without network, a sheet the chief judge reopens, and the chief judge's desk.
 * Everything the app claims is checked against the server over REST.
 */

const CODE = 'TABLET';
const EVENT = 'hair';
/** hairContest(CODE, 5): stations 07–11, panel J1–J5, chief judge J6 */
const STATIONS = ['07', '08', '09', '10', '11'];
const PIN: Record<string, string> = { J1: '100001', J2: '100002', J3: '100003', J6: '100006' };
const TABLET = { width: 1280, height: 800 };
const PORTRAIT = { width: 800, height: 1280 };
/** the tests that walk many screens, each checked by axe, on a shared two-core machine */
const LONG_MS = 90_000;
/** a tolerance alert reaches the desk over the staff channel; the desk's fallback poll is 20 s */
const ALERT_MS = 5_000;

type Api = ReturnType<typeof client>;
type Marks = { design: number; technique: number; finish: number };

/** The judge's own hash route; a hash change never needs the network. */
async function goTo(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    location.hash = h;
  }, hash);
}

async function signIn(page: Page, pin: string): Promise<void> {
  await page.locator('input[name="pin"]').fill(pin);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.locator('input[name="pin"]').waitFor({ state: 'detached' });
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出', exact: true }).click();
  await page.locator('input[name="pin"]').waitFor();
}

/** Types the marks on the open sheet, reviews them and confirms. */
async function submitSheet(page: Page, station: string, marks: Marks, shot?: string): Promise<void> {
  await goTo(page, `#/events/${EVENT}/stations/${station}`);
  await page.locator('#mark-design').waitFor();
  for (const [k, v] of Object.entries(marks)) await page.locator(`#mark-${k}`).fill(String(v));
  if (shot) await screenshot(page, `${shot}-sheet`);
  if (shot) await expectNoSeriousA11y(page, `${shot}-sheet`);
  await page.getByRole('button', { name: '检查并提交' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  if (shot) await screenshot(page, `${shot}-review`);
  if (shot) await expectNoSeriousA11y(page, `${shot}-review`);
  await dialog.getByRole('button', { name: '确认提交' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** The state the sheet screen's header shows for its station. */
function sheetState(page: Page) {
  return page.locator('header.bar .badge');
}

async function waitForState(page: Page, selector: string, state: string, timeout = 5_000): Promise<void> {
  await page.locator(`${selector}[data-state="${state}"]`).first().waitFor({ timeout });
}

/** Visible controls smaller than 48 × 48 px, which a hurried finger on a tablet misses. */
function smallTargets(page: Page): Promise<string[]> {
  return page.locator('main button, main a[href], main select, main input, main textarea, header button').evaluateAll((els) => {
    if (els.length === 0) return ['no controls found'];
    return els
      .map((el) => ({ el, r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 0 && r.height > 0 && (r.width < 48 || r.height < 48))
      .map(({ el, r }) => `${el.tagName} "${(el.textContent ?? '').trim().slice(0, 20)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
  });
}

async function sheets(api: Api, token: string): Promise<{ station: string; status: string; version?: number; scores: Record<string, number> | null }[]> {
  const r = await api('GET', sheetsPath(CODE, EVENT), undefined, token);
  expect(r.status).toBe(200);
  return r.body;
}

async function progress(api: Api, token: string): Promise<ChiefProgress> {
  const r = await api('GET', `/api/contests/${CODE}/events/${EVENT}/progress`, undefined, token);
  expect(r.status).toBe(200);
  return r.body;
}

describe('judge tablet app in the browser', () => {
  let tablet: Browser;
  let chiefTablet: Browser;
  let t: TestApp;
  let api: Api;
  const tok: Record<string, string> = {};
  let page: Page;

  beforeAll(async () => {
    [tablet, chiefTablet, t] = await Promise.all([launchBrowser(), launchBrowser(), startAppWithUi()]);
    api = client(t.base);
    const org = await organizerToken(t.base);
    const created = await api('POST', '/api/contests', hairContest(CODE, STATIONS.length), org);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    for (const [j, pin] of Object.entries(PIN)) tok[j] = await judgeToken(t.base, CODE, pin);
    page = await tablet.page(TABLET);
  });

  afterAll(async () => {
    await tablet?.close();
    await chiefTablet?.close();
    await t?.close();
  });

  it('signs in with the contest code and PIN, and shows 已确认 only for a sheet the server stored', async () => {
    await page.goto(`${t.base}/judge/`);
    await page.locator('input[name="contest"]').fill(CODE);
    await screenshot(page, 'judge-login');
    await expectNoSeriousA11y(page, 'judge-login');
    await signIn(page, PIN.J1);
    // one event: straight to its stations, blind (numbers only)
    await page.getByRole('heading', { name: '美发' }).waitFor();
    await page.locator('a.tile[data-station="11"]').waitFor();
    expect(await page.locator('a.tile').count()).toBe(STATIONS.length);
    await screenshot(page, 'judge-stations');
    await expectNoSeriousA11y(page, 'judge-stations');

    expect(await sheetOf(api, tok.J1, CODE, EVENT, '07')).toMatchObject({ status: 'open', version: 0 });
    await submitSheet(page, '07', { design: 37.5, technique: 25, finish: 27 }, 'judge');
    await waitForState(page, 'header.bar .badge', 'confirmed');
    expect(await sheetState(page).textContent()).toContain('已确认');
    expect(await sheetOf(api, tok.J1, CODE, EVENT, '07')).toMatchObject({ status: 'submitted', version: 1, scores: { design: 37.5, technique: 25, finish: 27 } });
    await screenshot(page, 'judge-receipt');
    await expectNoSeriousA11y(page, 'judge-receipt');
  }, LONG_MS);

  it('opens from the judge card’s link /judge/?contest=CODE with the code filled in', async () => {
    await signOut(page);
    await page.goto(`${t.base}/judge/?contest=${CODE}`);
    const contest = page.locator('input[name="contest"]');
    await contest.waitFor();
    expect(await contest.inputValue()).toBe(CODE);
    await page.getByText('已从裁判证二维码读取竞赛代码').waitFor();
    // the code is remembered, not kept in the address, so a reload does not sign anyone out
    expect(new URL(page.url()).search).toBe('');
    await screenshot(page, 'judge-login-from-card');
    await expectNoSeriousA11y(page, 'judge-login-from-card');
    await signIn(page, PIN.J2);
    await page.locator('a.tile[data-station="07"][data-state="open"]').waitFor();
  });

  it('keeps three sheets submitted offline through a reload and sends each exactly once', async () => {
    await signOut(page);
    await signIn(page, PIN.J3);
    await page.locator('a.tile[data-station="07"]').waitFor();
    // the offline shell needs the service worker in control of the page
    await page.waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, { timeout: 10_000 });

    await tablet.context.setOffline(true);
    const marks: Record<string, Marks> = {
      '07': { design: 36, technique: 26, finish: 27 },
      '08': { design: 35.5, technique: 24, finish: 26.5 },
      '09': { design: 38, technique: 27.5, finish: 28 },
    };
    for (const [station, m] of Object.entries(marks)) {
      await submitSheet(page, station, m);
      await waitForState(page, 'header.bar .badge', 'queued');
    }
    await page.getByRole('button', { name: /离线.*3 份待发送/ }).waitFor();
    // nothing has reached the server: the tablet must not have said 已确认
    for (const station of Object.keys(marks)) expect(await sheetOf(api, tok.J3, CODE, EVENT, station)).toMatchObject({ status: 'open', version: 0 });

    await page.reload();
    await goTo(page, `#/events/${EVENT}`);
    for (const station of Object.keys(marks)) await page.locator(`a.tile[data-station="${station}"][data-state="queued"]`).waitFor();
    await page.getByRole('button', { name: /离线.*3 份待发送/ }).waitFor();
    await screenshot(page, 'judge-offline-queued');
    await expectNoSeriousA11y(page, 'judge-offline-queued');

    await tablet.context.setOffline(false);
    await page.getByText('全部已发送').waitFor({ timeout: 10_000 });
    for (const station of Object.keys(marks)) await page.locator(`a.tile[data-station="${station}"][data-state="confirmed"]`).waitFor();
    const stored = await sheets(api, tok.J3);
    for (const [station, m] of Object.entries(marks)) expect(stored.find((s) => s.station === station)).toMatchObject({ status: 'submitted', version: 1, scores: m });
    await screenshot(page, 'judge-back-online');
    await expectNoSeriousA11y(page, 'judge-back-online');
   }, LONG_MS);

  it('shows a sheet the chief judge reopened as open, with the reason, and takes it again as version 2', async () => {
    const reopened = await api('POST', `/api/contests/${CODE}/events/${EVENT}/sheets/07/J1/reopen`, { reason: '请复核造型设计分数' }, tok.J6);
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    await signOut(page);
    await signIn(page, PIN.J1);
    await page.locator('a.tile[data-station="07"][data-state="reopened"]').waitFor();
    await goTo(page, `#/events/${EVENT}/stations/07`);
    await page.getByText('请复核造型设计分数').waitFor();
    // the last marks are filled in, to correct rather than retype
    expect(await page.locator('#mark-design').inputValue()).toBe('37.5');
    await screenshot(page, 'judge-reopened');
    await expectNoSeriousA11y(page, 'judge-reopened');

    await submitSheet(page, '07', { design: 36.5, technique: 25, finish: 27 });
    await waitForState(page, 'header.bar .badge', 'confirmed');
    expect(await sheetOf(api, tok.J1, CODE, EVENT, '07')).toMatchObject({ status: 'submitted', version: 2, scores: { design: 36.5 } });
  });

  it('alerts the chief judge’s desk within seconds of a sheet out of tolerance, and the desk acts', async () => {
    const desk = await chiefTablet.page(TABLET);
    await desk.goto(`${t.base}/judge/?contest=${CODE}`);
    await signIn(desk, PIN.J6);
    // the chief judge of the only event lands on the desk, watching live
    await desk.locator('[data-live="live"]').waitFor({ timeout: 10_000 });
    await desk.getByTestId('desk-count').filter({ hasText: '4 / 25' }).waitFor();
    expect(await desk.locator('[data-alert]').count()).toBe(0);

    // J1 has 36.5 and J3 36 for design at 07; J2's 29 spreads 7.5 over the tolerance of 6
    const r = await putSheet(api, tok.J2, CODE, EVENT, '07', { design: 29, technique: 25, finish: 27 });
    expect(r.status).toBe(200);
    const alert = desk.locator('[data-alert="07/design"]');
    await alert.waitFor({ timeout: ALERT_MS });
    const text = await alert.textContent();
    expect(text).toContain('工位 07 · 造型设计');
    expect(text).toContain('分差 7.5（容差 6）');
    for (const v of ['J1', '36.5', 'J2', '29', 'J3', '36']) expect(text).toContain(v);
    expect(await desk.locator('tr[data-station="07"] .cell[data-judge="J2"].extreme').count()).toBe(1);
    await desk.getByTestId('desk-count').filter({ hasText: '5 / 25' }).waitFor();
    await screenshot(desk, 'judge-chief-alert');
    await expectNoSeriousA11y(desk, 'judge-chief-alert');

    // send J2's sheet back from the alert, with the reason the desk suggests
    await alert.getByRole('button', { name: /J2 29/ }).click();
    const dialog = desk.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.locator('textarea').inputValue()).toContain('造型设计分差 7.5 超出容差 6');
    await screenshot(desk, 'judge-chief-reopen');
    await expectNoSeriousA11y(desk, 'judge-chief-reopen');
    await dialog.getByRole('button', { name: '退回重评' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await sheetOf(api, tok.J2, CODE, EVENT, '07')).toMatchObject({ status: 'open', version: 1 });
    await desk.locator('tr[data-station="07"] [data-judge="J2"][data-state="open"]').waitFor();
    await desk.locator('[data-alert]').waitFor({ state: 'detached' });
    await screenshot(desk, 'judge-chief-desk');
    await expectNoSeriousA11y(desk, 'judge-chief-desk');

    // a deduction for station 08, from the station's own dialog, then its withdrawal
    await desk.getByRole('button', { name: '工位 08：查看与处理' }).click();
    const station = desk.getByRole('dialog');
    await station.getByText('未提交').first().waitFor();
    expect(await station.locator('li[data-judge]').count()).toBe(5);
    await screenshot(desk, 'judge-chief-station');
    await expectNoSeriousA11y(desk, 'judge-chief-station');
    await station.getByRole('button', { name: '扣分' }).click();
    await station.waitFor({ state: 'detached' });
    expect(await desk.locator('select[name="station"]').inputValue()).toBe('08');
    await desk.locator('input[name="points"]').fill('1.5');
    await desk.getByRole('button', { name: '超时', exact: true }).click();
    await desk.getByRole('button', { name: '添加扣分' }).click();
    await desk.locator('li[data-deduction]').filter({ hasText: '超时' }).waitFor();
    let deductions = (await api('GET', `/api/contests/${CODE}/events/${EVENT}/deductions`, undefined, tok.J6)).body;
    expect(deductions).toMatchObject([{ station: '08', points: 1.5, reason: '超时', voided: false }]);
    await screenshot(desk, 'judge-chief-deductions');
    await expectNoSeriousA11y(desk, 'judge-chief-deductions');
    await desk.locator('li[data-deduction]').getByRole('button', { name: '撤销' }).click();
    await desk.getByRole('dialog').getByRole('button', { name: '录入错误' }).click();
    await desk.getByRole('dialog').getByRole('button', { name: '撤销' }).click();
    await desk.locator('li[data-deduction]').filter({ hasText: '已撤销' }).waitFor();
    deductions = (await api('GET', `/api/contests/${CODE}/events/${EVENT}/deductions`, undefined, tok.J6)).body;
    expect(deductions).toMatchObject([{ station: '08', voided: true }]);

    // station 11 absent, with a reason
    await desk.getByRole('tab', { name: /参赛状态/ }).click();
    await desk.locator('select[name="station"]').selectOption('11');
    await desk.getByRole('radio', { name: '缺考' }).click();
    await desk.getByRole('button', { name: '未到场检录' }).click();
    await desk.getByRole('button', { name: '保存状态' }).click();
    await desk.locator('li[data-station="11"]').waitFor();
    expect((await progress(api, tok.J6)).stations.find((s) => s.station === '11')?.status).toBe('absent');
    await screenshot(desk, 'judge-chief-status');
    await expectNoSeriousA11y(desk, 'judge-chief-status');

    // sign-off is refused while competing stations wait for sheets, and the dialog says which
    await desk.getByRole('button', { name: /签字确认/ }).click();
    const fin = desk.getByRole('dialog');
    await fin.getByText('还不能签字确认').waitFor();
    const listed = await fin.locator('li[data-station]').evaluateAll((items) => items.map((li) => li.getAttribute('data-station')));
    expect(listed).toEqual(['07', '08', '09', '10']);
    expect(await fin.locator('li[data-station="07"]').textContent()).toContain('J2（已退回）');
    await screenshot(desk, 'judge-chief-finalize');
    await expectNoSeriousA11y(desk, 'judge-chief-finalize');
    await fin.getByRole('button', { name: '关闭' }).click();
    expect((await progress(api, tok.J6)).final).toBe(false);

    await desk.getByRole('tab', { name: '评分进度' }).click();
    expect(await smallTargets(desk)).toEqual([]);
    await desk.setViewportSize(PORTRAIT);
    expect(await smallTargets(desk)).toEqual([]);
    await screenshot(desk, 'judge-chief-desk-portrait');
    await expectNoSeriousA11y(desk, 'judge-chief-desk-portrait');

    // English on request, and back
    await desk.getByRole('button', { name: '切换为英文' }).click();
    await desk.getByText('Chief judge’s desk').waitFor();
    await desk.getByRole('tab', { name: 'Progress' }).waitFor();
    await desk.getByRole('button', { name: 'Switch to Chinese' }).click();
    await desk.getByText('裁判长工作台').first().waitFor();
  }, LONG_MS);
});
