import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContestFile } from '../../src/contracts/contest-file';
import { putSheet } from '../support/sheets';
import { client, judgeToken, organizerToken, ORGANIZER_PASSWORD, type TestApp } from '../support/test-app';
import { expectNoSeriousA11y, launchBrowser, screenshot, startAppWithUi, type Browser } from './browser-support';

/**
 * The organizer's console (/judge/admin.html) in Chromium, served by the real server: a contest
 * set up by hand, a spreadsheet import with a bad row, then the draw, judge cards, exports, board
 * controls, an edit after marking began, and the audit trail.
 */

const CODE = 'HAND24';
const UI_MS = 10_000;
/** the tests that walk many screens, each checked by axe, on a shared two-core machine */
const LONG_MS = 90_000;
const DESKTOP = { width: 1280, height: 860 };

let t: TestApp;
let browser: Browser;
let page: Page;
let org: string;
let api: ReturnType<typeof client>;
const dir = mkdtempSync(join(tmpdir(), 'skillscore-console-'));

/** The id the console gives the field of a contest file path (setup/problem-paths.ts). */
function field(path: string): string {
  return `#f-${path.replace(/[^A-Za-z0-9_-]/g, (c) => (c === '.' ? '--' : c === '[' ? '_' : c === ']' ? '' : '-'))}`;
}

async function fill(path: string, value: string): Promise<void> {
  await page.locator(field(path)).fill(value);
}

async function storedFile(): Promise<ContestFile> {
  const r = await api('GET', `/api/contests/${CODE}/file`, undefined, org);
  expect(r.status).toBe(200);
  return r.body;
}

async function workbook(name: string, rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('报名表');
  for (const r of rows) ws.addRow(r);
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
  return path;
}

async function openTab(tab: string): Promise<void> {
  await page.locator(`a[data-tab="${tab}"]`).click();
  await page.waitForURL(new RegExp(`#/c/${CODE}(/${tab})?$`));
}

beforeAll(async () => {
  t = await startAppWithUi();
  api = client(t.base);
  org = await organizerToken(t.base);
  browser = await launchBrowser();
  page = await browser.page(DESKTOP);
  page.setDefaultTimeout(UI_MS);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('organizer console', () => {
  it('signs in and sets up a contest by hand, the problems shown at their fields', async () => {
    await page.goto(`${t.base}/judge/admin.html`);
    await expect(page.locator('#password').isVisible()).resolves.toBe(true);
    await screenshot(page, 'console-login');
    await expectNoSeriousA11y(page, 'console-login');
    await page.locator('#password').fill('wrong password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('密码不正确。').waitFor();
    await page.locator('#password').fill(ORGANIZER_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('还没有竞赛').waitFor();
    await screenshot(page, 'console-contests-empty');
    await expectNoSeriousA11y(page, 'console-contests-empty');

    await page.locator('#new-contest').click();
    await page.locator('#save-contest').click();
    // nothing filled in: each field at fault says so, next to it
    await page.locator(`${field('code')}-problems`).getByText('不能为空').waitFor();
    await page.locator(`${field('events[0].criteria[0].max')}-problems`).waitFor();

    await fill('code', CODE);
    await fill('title', '2025 美甲技能邀请赛');
    await fill('venue', '成都市');
    for (let i = 0; i < 3; i++) await page.locator('#add-judge').click();
    for (const [i, name] of ['刘敏', '陈刚', '王芳'].entries()) await fill(`judges[${i}].name`, name);
    await fill('judges[0].pin', '111111');
    const people = [
      ['N001', '王小雨', '广安市总工会'],
      ['N002', '李晓燕', '北碚区总工会'],
      ['N003', '张婷婷', '广安市总工会'],
      ['N004', '刘丽娟', '绵阳市总工会'],
    ];
    for (const [i, [bib, name, organization]] of people.entries()) {
      await page.locator('#add-contestant').click();
      await fill(`contestants[${i}].bib`, bib);
      await fill(`contestants[${i}].name`, name);
      await fill(`contestants[${i}].organization`, organization);
    }

    await fill('events[0].key', 'nails');
    await fill('events[0].name', '美甲');
    await fill('events[0].criteria[0].key', 'design');
    await fill('events[0].criteria[0].name', '创意设计');
    await fill('events[0].criteria[0].max', '40');
    // the shared validator runs in the browser: a step that does not divide the max is caught at once
    await fill('events[0].criteria[0].step', '3');
    await page.locator(`${field('events[0].criteria[0].step')}-problems`).getByText('步长须能整除满分 40').waitFor();
    await page.locator(field('events[0].criteria')).scrollIntoViewIfNeeded();
    await screenshot(page, 'console-setup-live-check');
    await expectNoSeriousA11y(page, 'console-setup-live-check');
    await fill('events[0].criteria[0].step', '0.5');
    await fill('events[0].criteria[0].tolerance', '6');
    await page.locator('#add-criterion-0').click();
    await fill('events[0].criteria[1].key', 'skill');
    await fill('events[0].criteria[1].name', '技法');
    await fill('events[0].criteria[1].max', '60');
    await fill('events[0].criteria[1].step', '1');
    await page.locator(field('events[0].aggregate.method')).selectOption('trimmed');
    await page.getByRole('button', { name: /一、二、三等奖/ }).click();
    await page.locator('#add-all-judges-0').click();
    await page.locator(field('events[0].chiefJudge')).selectOption('J3');
    await page.locator('#enter-everyone-0').click();
    await expect(page.locator(`${field('code')}-problems`).count()).resolves.toBe(0);
    await page.evaluate(() => scrollTo(0, 0));
    await screenshot(page, 'console-setup');
    await expectNoSeriousA11y(page, 'console-setup');

    await page.locator('#save-contest').click();
    await page.waitForURL(/#\/c\/HAND24\/judges$/);
    await page.locator('#judges-table').getByText('111111').waitFor();
    await screenshot(page, 'console-judges');
    await expectNoSeriousA11y(page, 'console-judges');

    const summary = await api('GET', `/api/contests/${CODE}`);
    expect(summary.status).toBe(200);
    expect(summary.body).toMatchObject({ code: CODE, title: '2025 美甲技能邀请赛', venue: '成都市', events: [{ key: 'nails', name: '美甲', final: false }] });
    const file = await storedFile();
    expect(file.judges.map((j) => [j.key, j.name])).toEqual([
      ['J1', '刘敏'],
      ['J2', '陈刚'],
      ['J3', '王芳'],
    ]);
    expect(file.judges[0].pin).toBe('111111');
    expect(file.judges[1].pin).toMatch(/^\d{6}$/);
    expect(file.contestants).toEqual(people.map(([bib, name, organization]) => ({ bib, name, organization })));
    expect(file.events[0]).toMatchObject({
      criteria: [
        { key: 'design', name: '创意设计', kind: 'judged', max: 40, step: 0.5, tolerance: 6 },
        { key: 'skill', name: '技法', kind: 'judged', max: 60, step: 1 },
      ],
      aggregate: { over: 'criterion', method: 'trimmed' },
      awards: [
        { name: '一等奖', share: 0.1 },
        { name: '二等奖', share: 0.2 },
        { name: '三等奖', share: 0.3 },
      ],
      panel: [{ judge: 'J1' }, { judge: 'J2' }, { judge: 'J3' }],
      chiefJudge: 'J3',
      entries: [
        { bib: 'N001', station: '01' },
        { bib: 'N002', station: '02' },
        { bib: 'N003', station: '03' },
        { bib: 'N004', station: '04' },
      ],
    });
  }, LONG_MS);

  it('imports a spreadsheet: the bad row shows in the preview, the fixed file commits in one step', async () => {
    await openTab('import');
    const header = ['参赛号', '姓名', '单位', '赛项', '工位号'];
    const rows = [
      ['N005', '陈静怡', '北碚区总工会', '美甲', ''],
      ['N006', '周雨桐', '绵阳市总工会', '插花', ''],
      ['N007', '吴佳', '广安市总工会', 'nails', '09'],
    ];
    await page.locator('#import-file').setInputFiles(await workbook('报名表.xlsx', [header, ...rows]));
    await page.locator('#import-problems tr[data-row="3"]').getByText('没有赛项“插花”').waitFor();
    await expect(page.locator('#import-commit').count()).resolves.toBe(0);
    await screenshot(page, 'console-import-problems');
    await expectNoSeriousA11y(page, 'console-import-problems');
    expect((await storedFile()).contestants).toHaveLength(4);

    rows[1][3] = '美甲';
    await page.locator('#import-file').setInputFiles(await workbook('报名表-改.xlsx', [header, ...rows]));
    await page.locator('#import-commit').waitFor();
    await page.getByText('没有问题').first().waitFor();
    await screenshot(page, 'console-import-preview');
    await expectNoSeriousA11y(page, 'console-import-preview');
    await page.locator('#import-commit').click();
    await page.locator('#import-done').waitFor();

    const file = await storedFile();
    expect(file.contestants.map((c) => c.bib)).toEqual(['N001', 'N002', 'N003', 'N004', 'N005', 'N006', 'N007']);
    expect(file.events[0].entries.map((x) => x.bib)).toEqual(['N001', 'N002', 'N003', 'N004', 'N005', 'N006', 'N007']);
    expect(file.events[0].entries.find((x) => x.bib === 'N007')!.station).toBe('09');
    const standings = await api('GET', `/api/contests/${CODE}/events/nails/standings`);
    expect(standings.body.rows).toHaveLength(7);
  });

  it('draws stations from a seed it shows, and the same seed draws the same again', async () => {
    await openTab('draw');
    await page.locator('#draw-seed').fill('ceremony-2025');
    await page.locator('#draw-run').click();
    await page.locator('dialog [data-confirm]').click();
    await page.locator('#draw-seed-used').getByText('ceremony-2025').waitFor();
    await screenshot(page, 'console-draw');
    await expectNoSeriousA11y(page, 'console-draw');
    const drawn = (await storedFile()).events[0].entries;
    const again = await api('POST', `/api/contests/${CODE}/events/nails/draw`, { seed: 'ceremony-2025' }, org);
    expect(again.status).toBe(200);
    expect(new Map(again.body.stations.map((s: { bib: string; station: string }) => [s.bib, s.station]))).toEqual(new Map(drawn.map((x) => [x.bib, x.station])));
  });

  it('downloads the judge cards and the exports, and opens the print page', async () => {
    await openTab('judges');
    const cards = page.waitForEvent('download');
    await page.locator('#cards-pdf').click();
    const pdf = await cards;
    expect(readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');

    await openTab('exports');
    const csvDownload = page.waitForEvent('download');
    await page.locator('[data-export="events/nails/results.csv"]').click();
    const csv = readFileSync((await (await csvDownload).path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('王小雨');
    const xlsxDownload = page.waitForEvent('download');
    await page.locator('[data-export="export.xlsx"]').click();
    expect((await xlsxDownload).suggestedFilename()).toMatch(/\.xlsx$/);
    const printed = browser.context.waitForEvent('page');
    await page.locator('[data-export="events/nails/results.html"]').click();
    const tab = await printed;
    await tab.waitForFunction(() => document.body?.innerText.includes('王小雨'), undefined, { timeout: UI_MS });
    await tab.close();
    await screenshot(page, 'console-exports');
    await expectNoSeriousA11y(page, 'console-exports');
  });

  it('an edit after marking began asks for confirmation and a reason, then applies', async () => {
    const file = await storedFile();
    const j1 = await judgeToken(t.base, CODE, '111111');
    const station = file.events[0].entries[0].station;
    expect((await putSheet(api, j1, CODE, 'nails', station, { design: 36, skill: 50 })).status).toBe(200);

    await openTab('setup');
    await page.locator(field('events[0].criteria[1].max')).waitFor();
    await fill('venue', '成都市天府新区');
    await fill('events[0].criteria[1].max', '70');
    await page.locator('#save-contest').click();
    // the change is named as the organizer knows it, not by its path
    await page.locator('dialog li[data-path="events[0].criteria"]').getByText('美甲 › 评分项').waitFor();
    await screenshot(page, 'console-setup-confirm');
    await expectNoSeriousA11y(page, 'console-setup-confirm');
    await page.locator('#confirm-reason').fill('技法满分按裁判长会议调整');
    await page.locator('dialog [data-confirm]').click();
    await page.getByText(/已保存 \d+ 处修改/).waitFor();

    const after = await storedFile();
    expect(after.venue).toBe('成都市天府新区');
    expect(after.events[0].criteria[1].max).toBe(70);
  });

  it('controls the board: complete-only and back, freeze, the reveal step by step', async () => {
    await openTab('board');
    await page.locator('#mode-complete').click();
    await page.locator('#mode-complete[aria-checked="true"]').waitFor();
    expect((await api('GET', `/api/contests/${CODE}/events/nails/board`, undefined, org)).body.mode).toBe('complete');
    await page.locator('#mode-provisional').click();
    await page.locator('#mode-provisional[aria-checked="true"]').waitFor();
    await page.locator('#board-freeze').click();
    await page.locator('#board-unfreeze').waitFor();
    await page.locator('#reveal-entry').click();
    await page.locator('#reveal-log li').first().waitFor();
    await screenshot(page, 'console-board');
    await expectNoSeriousA11y(page, 'console-board');
    const state = await api('GET', `/api/contests/${CODE}/events/nails/board`, undefined, org);
    expect(state.body).toMatchObject({ mode: 'provisional', frozen: true });
    expect(state.body.revealed).toBeGreaterThan(0);
  });

  it('shows the audit trail, filtered by event and judge', async () => {
    await openTab('audit');
    await page.locator('#audit-table tr[data-action="event.edit"]').getByText('技法满分按裁判长会议调整').waitFor();
    for (const action of ['contest.create', 'import', 'stations.draw', 'sheet.submit', 'board.freeze', 'board.reveal']) {
      await page.locator(`#audit-table tr[data-action="${action}"]`).first().waitFor();
    }
    await screenshot(page, 'console-audit');
    await expectNoSeriousA11y(page, 'console-audit');
    await page.locator('#audit-judge').selectOption('J1');
    await page.locator('#audit-apply').click();
    // J1's one sheet, and J1's logins (every login is on the record)
    const trail = (await api('GET', `/api/contests/${CODE}/audit?judge=J1`, undefined, org)).body as { action: string }[];
    expect(trail.filter((r) => r.action === 'sheet.submit')).toHaveLength(1);
    expect(trail.every((r) => r.action === 'sheet.submit' || r.action === 'login')).toBe(true);
    await page.getByText(`共 ${trail.length} 条记录`).waitFor();
    const actions = await page.locator('#audit-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions.sort()).toEqual(trail.map((r) => r.action).sort());
  });

  it('the overview shows the marking progress, and the console switches to English', async () => {
    await openTab('overview');
    await page.locator('[data-event="nails"]').getByText('评分表 1/21').waitFor();
    await screenshot(page, 'console-overview');
    await expectNoSeriousA11y(page, 'console-overview');
    await page.getByRole('button', { name: '切换为英文' }).click();
    await page.locator('[data-event="nails"]').getByText('Sheets 1/21').waitFor();
    await expectNoSeriousA11y(page, 'console-overview-en');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    const tablet = await browser.page({ width: 1024, height: 768 });
    for (const tab of ['setup', 'import', 'board', 'audit']) {
      await tablet.goto(`${t.base}/judge/admin.html#/c/${CODE}/${tab}`);
      await tablet.locator(`a[data-tab="${tab}"][aria-current="page"]`).waitFor();
      await tablet.locator('main, .page').first().locator('button').first().waitFor();
      if (tab === 'import') await screenshot(tablet, 'console-tablet-import');
      // every control a finger uses is at least 48 px tall
      const small = await tablet.locator('button:visible, a.btn:visible, a.tab:visible, select:visible, input:not([type=file]):not([type=checkbox]):visible, label.check:visible').evaluateAll((els) =>
        els.filter((e) => e.getBoundingClientRect().height < 47.5).map((e) => e.outerHTML.slice(0, 80)),
      );
      expect(small, tab).toEqual([]);
      await expectNoSeriousA11y(tablet, `console-tablet-${tab}`);
    }
    await tablet.close();
  }, LONG_MS);

  it('the overview listens: one request per thing on load, none while nothing changes, a new sheet within 2 s', async () => {
    const seen: string[] = [];
    const onRequest = (r: Request) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) seen.push(`${r.method()} ${u.pathname}`);
    };
    page.on('request', onRequest);
    try {
      await page.goto(`${t.base}/judge/admin.html#/c/${CODE}/overview`);
      await page.reload();
      await page.locator('[data-event="nails"]').getByText('评分表 1/21').waitFor();
      await page.waitForTimeout(1_000);
      const counts = new Map<string, number>();
      for (const r of seen) counts.set(r, (counts.get(r) ?? 0) + 1);
      expect([...counts].filter(([, n]) => n > 1), seen.join('\n')).toEqual([]);
      expect(seen).toContain(`GET /api/contests/${CODE}/events/nails/progress`);

      // nothing changes: nothing is asked
      seen.length = 0;
      await page.waitForTimeout(6_000);
      expect(seen).toEqual([]);

      // a sheet comes in: the overview hears of it over the staff channel and fetches that event only
      const file = await storedFile();
      const j2 = await judgeToken(t.base, CODE, file.judges[1].pin!);
      expect((await putSheet(api, j2, CODE, 'nails', file.events[0].entries[1].station, { design: 30, skill: 40 })).status).toBe(200);
      await page.locator('[data-event="nails"]').getByText('评分表 2/21').waitFor({ timeout: 2_000 });
      expect(seen).toEqual([`GET /api/contests/${CODE}/events/nails/progress`]);
    } finally {
      page.off('request', onRequest);
    }
  });
});
