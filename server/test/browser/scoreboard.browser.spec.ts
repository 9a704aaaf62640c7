import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { ContestFileInput } from '../../src/contracts/contest-file';
import type { StandingsRow } from '../../src/contracts/standings';
import { putSheet } from '../support/sheets';
import { cleanupDir, client, hairContest, judgeToken, organizerToken, type TestApp } from '../support/test-app';
import { expectNoSeriousA11y, launchBrowser, screenshot, startAppWithUi, type Browser } from './browser-support';

/**
 * The projector board and the phone view in Chromium, served by the real server, driven only
 * through the public REST API and the organizer's board controls.
 */

const PROJECTOR = { width: 1920, height: 1080 };
const PHONE = { width: 390, height: 844 };
/** the contract promises an update within a second; the board gets twice that */
const UPDATE_MS = 2_000;
/** reconnecting after a restart waits out socket.io's back-off (up to 5 s, jittered) */
const RECOVER_MS = 15_000;
/** J1–J5, the panel of every event in `hairContest` */
const PANEL_PINS = ['100001', '100002', '100003', '100004', '100005'];

type Api = ReturnType<typeof client>;

/** One row of the projector table as the audience reads it. */
interface ShownRow {
  rank: string;
  name: string;
  total: string;
  award: string;
}

/** Marks that add up to `total` (40–100, a multiple of 0.5); five identical sheets keep that total. */
function marksFor(total: number): { design: number; technique: number; finish: number } {
  const design = Math.min(40, total - 40);
  const technique = Math.min(30, total - design - 20);
  return { design, technique, finish: total - design - technique };
}

/** Every panel judge submits the same sheet for `station`, all at once as tablets do. */
async function markStation(api: Api, judges: string[], code: string, event: string, station: string, total: number): Promise<void> {
  const replies = await Promise.all(judges.map((token) => putSheet(api, token, code, event, station, marksFor(total))));
  for (const r of replies) expect(r.status, JSON.stringify(r.body)).toBe(200);
}

/** Several stations marked at once. */
function markStations(api: Api, judges: string[], code: string, event: string, totals: [station: string, total: number][]): Promise<void[]> {
  return Promise.all(totals.map(([station, total]) => markStation(api, judges, code, event, station, total)));
}

function panelTokens(base: string, code: string): Promise<string[]> {
  return Promise.all(PANEL_PINS.map((pin) => judgeToken(base, code, pin)));
}

function eventOf(file: ContestFileInput, key = 'hair') {
  const event = file.events?.find((e) => e.key === key);
  if (!event) throw new Error(`no event ${key} in ${file.code}`);
  return event;
}

function stationOf(file: ContestFileInput, bib: string, event = 'hair'): string {
  const entry = eventOf(file, event).entries?.find((e) => String(e.bib) === bib);
  if (!entry) throw new Error(`${bib} has no station in ${event}`);
  return String(entry.station);
}

function bibsOf(file: ContestFileInput): string[] {
  return (file.contestants ?? []).map((c) => String(c.bib));
}

function nameOf(file: ContestFileInput, bib: string): string {
  const person = file.contestants?.find((c) => String(c.bib) === bib);
  if (!person) throw new Error(`no contestant ${bib} in ${file.code}`);
  return person.name;
}

async function standings(api: Api, code: string, event = 'hair'): Promise<StandingsRow[]> {
  const r = await api('GET', `/api/contests/${code}/events/${event}/standings`);
  expect(r.status).toBe(200);
  return r.body.rows;
}

/** A public standings row as the projector prints it (the events here have precision 2). */
function asShown(r: StandingsRow): ShownRow {
  return { rank: r.rank === null ? '–' : String(r.rank), name: r.name, total: r.total.toFixed(2), award: r.award ?? '' };
}

function readRows(page: Page): Promise<ShownRow[]> {
  return page.locator('[data-testid="standings-row"]').evaluateAll((items) =>
    items.map((li) => {
      const text = (id: string) => (li.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').trim();
      return { rank: text('row-rank'), name: text('row-name'), total: text('row-total'), award: text('row-award') };
    }),
  );
}

/**
 * Waits until the projector table shows `want`: the whole table in this order (`whole`), or each
 * named row somewhere, with the given fields.
 */
async function waitForRows(page: Page, want: Partial<ShownRow>[], opts: { whole: boolean; timeout: number }): Promise<void> {
  try {
    await page.waitForFunction(
      ({ want, whole }) => {
        const rows = Array.from(document.querySelectorAll('[data-testid="standings-row"]')).map((li) => {
          const text = (id: string) => (li.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').trim();
          return { rank: text('row-rank'), name: text('row-name'), total: text('row-total'), award: text('row-award') } as Record<string, string>;
        });
        if (whole && rows.length !== want.length) return false;
        return want.every((w, i) => {
          const row = whole ? rows[i] : rows.find((r) => r.name === w.name);
          return row !== undefined && Object.entries(w).every(([k, v]) => row[k] === v);
        });
      },
      { want: want as Record<string, string>[], whole: opts.whole },
      { timeout: opts.timeout, polling: 50 },
    );
  } catch (e) {
    // say what the board showed instead of only "timeout"
    const shown = await readRows(page).catch(() => []);
    throw new Error(`the board did not show ${JSON.stringify(want)} within ${opts.timeout} ms; it shows ${JSON.stringify(shown)}`, { cause: e });
  }
}

function badge(page: Page) {
  return page.getByTestId('connection').first();
}

/** The connection badge reads "实时" only while the board holds the server's latest state. */
async function waitForConnection(page: Page, live: boolean, timeout: number): Promise<void> {
  await page.waitForFunction(
    (live) => {
      const text = document.querySelector('[data-testid="connection"]')?.textContent?.trim();
      return text !== undefined && (text === '实时') === live;
    },
    live,
    { timeout, polling: 50 },
  );
}

async function openProjector(page: Page, base: string, code: string): Promise<void> {
  // one page per event: the rotation must not move to the team table mid-test
  await page.goto(`${base}/board/?contest=${code}&teams=0`);
  await waitForConnection(page, true, 10_000);
  await page.getByTestId('standings-row').first().waitFor({ timeout: 5_000 });
}

/**
 * Lets row transitions (fly, fade, flip — Web Animations started by Svelte) finish so a screenshot
 * shows the settled screen; CSS keyframe effects such as the live pulse never end and do not count.
 */
async function settleAnimations(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a instanceof CSSAnimation || a.playState !== 'running'), undefined, {
    timeout: 3_000,
    polling: 50,
  });
}

describe('scoreboard in the browser', () => {
  let browser: Browser;
  let t: TestApp;
  let api: Api;
  let org: string;

  async function createContest(file: ContestFileInput): Promise<void> {
    const r = await api('POST', '/api/contests', file, org);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  }

  beforeAll(async () => {
    [browser, t] = await Promise.all([launchBrowser(), startAppWithUi()]);
    api = client(t.base);
    org = await organizerToken(t.base);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows the contest, the event and the ranked names with totals on a 1920×1080 projector', async () => {
    const file = hairContest('SHOW', 5);
    await createContest(file);
    const judges = await panelTokens(t.base, 'SHOW');
    await markStations(api, judges, 'SHOW', 'hair', [
      [stationOf(file, 'A001'), 71],
      [stationOf(file, 'A002'), 88.5],
      [stationOf(file, 'A003'), 79],
    ]);
    // A004 has two sheets in, A005 none: both stay on the board, marked as still being scored
    await putSheet(api, judges[0], 'SHOW', 'hair', stationOf(file, 'A004'), marksFor(60));
    await putSheet(api, judges[1], 'SHOW', 'hair', stationOf(file, 'A004'), marksFor(62));
    await t.settle();

    const page = await browser.page(PROJECTOR);
    try {
      await openProjector(page, t.base, 'SHOW');
      const expected = (await standings(api, 'SHOW')).map(asShown);
      await waitForRows(page, expected, { whole: true, timeout: UPDATE_MS });

      expect(await page.getByTestId('contest-title').textContent()).toBe(file.title);
      expect(await page.getByTestId('event-name').textContent()).toBe('美发');
      const rows = await readRows(page);
      expect(rows.slice(0, 3)).toMatchObject([
        { rank: '1', name: nameOf(file, 'A002'), total: '88.50' },
        { rank: '2', name: nameOf(file, 'A003'), total: '79.00' },
        { rank: '3', name: nameOf(file, 'A001'), total: '71.00' },
      ]);
      expect(rows.map((r) => r.name).sort()).toEqual(bibsOf(file).map((bib) => nameOf(file, bib)).sort());
      await expect(page.locator('[data-testid="standings-row"]', { hasText: '评分中' }).count()).resolves.toBe(2);
      expect((await badge(page).textContent())?.trim()).toBe('实时');

      await settleAnimations(page);
      await screenshot(page, 'board-projector');
      await expectNoSeriousA11y(page, 'board-projector');
    } finally {
      await page.close();
    }
  });

  it('shows a submitted sheet within 2 s of the PUT', async () => {
    const file = hairContest('LIVE', 4);
    await createContest(file);
    const judges = await panelTokens(t.base, 'LIVE');
    await markStations(api, judges, 'LIVE', 'hair', [
      [stationOf(file, 'A001'), 70],
      [stationOf(file, 'A002'), 75],
    ]);
    await t.settle();

    const page = await browser.page(PROJECTOR);
    try {
      await openProjector(page, t.base, 'LIVE');
      await waitForRows(page, (await standings(api, 'LIVE')).map(asShown), { whole: true, timeout: UPDATE_MS });
      expect((await readRows(page))[0].name).toBe(nameOf(file, 'A002'));

      // one judge's sheet: A003 gets a provisional total
      const first = await putSheet(api, judges[0], 'LIVE', 'hair', stationOf(file, 'A003'), marksFor(90));
      expect(first.status).toBe(200);
      await waitForRows(page, [{ name: nameOf(file, 'A003'), total: (await standings(api, 'LIVE')).find((r) => r.bib === 'A003')!.total.toFixed(2) }], {
        whole: false,
        timeout: UPDATE_MS,
      });

      // the rest of the panel: A003 completes at 90 and takes first place
      for (const token of judges.slice(1)) {
        const r = await putSheet(api, token, 'LIVE', 'hair', stationOf(file, 'A003'), marksFor(90));
        expect(r.status).toBe(200);
      }
      await waitForRows(
        page,
        [
          { rank: '1', name: nameOf(file, 'A003'), total: '90.00' },
          { rank: '2', name: nameOf(file, 'A002'), total: '75.00' },
          { rank: '3', name: nameOf(file, 'A001'), total: '70.00' },
        ],
        { whole: false, timeout: UPDATE_MS },
      );
      expect((await readRows(page)).map((r) => r.name).slice(0, 3)).toEqual(['A003', 'A002', 'A001'].map((b) => nameOf(file, b)));
      // and the board agrees with the public results API row for row
      expect(await readRows(page)).toEqual((await standings(api, 'LIVE')).map(asShown));

      await settleAnimations(page);
      await screenshot(page, 'board-projector-update');
    } finally {
      await page.close();
    }
  });

  it('recovers by itself, without a reload, when the server is stopped and started again', async () => {
    const first = await startAppWithUi();
    let second: TestApp | null = null;
    const page = await browser.page(PROJECTOR);
    try {
      const firstApi = client(first.base);
      const file = hairContest('BACK', 3);
      expect((await firstApi('POST', '/api/contests', file, await organizerToken(first.base))).status).toBe(201);
      await markStation(firstApi, await panelTokens(first.base, 'BACK'), 'BACK', 'hair', stationOf(file, 'A001'), 72);
      await first.settle();

      await openProjector(page, first.base, 'BACK');
      await waitForRows(page, [{ rank: '1', name: nameOf(file, 'A001'), total: '72.00' }], { whole: false, timeout: UPDATE_MS });
      // a reload would lose this
      await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

      const port = Number(new URL(first.base).port);
      await first.app.close();
      await waitForConnection(page, false, 5_000);
      await page.getByRole('alert').waitFor({ timeout: 2_000 });
      await screenshot(page, 'board-projector-reconnecting');

      second = await startAppWithUi({}, { port, dir: first.dir });
      const secondApi = client(second.base);
      expect(second.base).toBe(first.base);
      await markStation(secondApi, await panelTokens(second.base, 'BACK'), 'BACK', 'hair', stationOf(file, 'A002'), 86);

      await waitForRows(
        page,
        [
          { rank: '1', name: nameOf(file, 'A002'), total: '86.00' },
          { rank: '2', name: nameOf(file, 'A001'), total: '72.00' },
        ],
        { whole: false, timeout: RECOVER_MS },
      );
      await waitForConnection(page, true, UPDATE_MS);
      expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      expect(await readRows(page)).toEqual((await standings(secondApi, 'BACK')).map(asShown));
      await expect(page.getByRole('alert').count()).resolves.toBe(0);

      await settleAnimations(page);
      await screenshot(page, 'board-projector-recovered');
    } finally {
      await page.close();
      if (second) await second.close();
      else cleanupDir(first.dir);
    }
  });

  it('stops changing while the event is frozen and says so', async () => {
    const file = hairContest('FRZ', 5);
    await createContest(file);
    const judges = await panelTokens(t.base, 'FRZ');
    await markStations(api, judges, 'FRZ', 'hair', [
      [stationOf(file, 'A001'), 70],
      [stationOf(file, 'A002'), 74],
      [stationOf(file, 'A003'), 78],
    ]);
    await t.settle();

    const page = await browser.page(PROJECTOR);
    try {
      await openProjector(page, t.base, 'FRZ');
      expect((await page.getByTestId('status-chip').textContent())?.trim()).toBe('暂定成绩');

      expect((await api('POST', '/api/contests/FRZ/events/hair/freeze', undefined, org)).status).toBe(200);
      await page.getByTestId('status-chip').filter({ hasText: '封榜' }).waitFor({ timeout: UPDATE_MS });
      await page.getByText('封榜中，成绩将在揭晓时公布').waitFor({ timeout: UPDATE_MS });
      const frozen = await readRows(page);
      expect(frozen.map((r) => r.name).slice(0, 3)).toEqual(['A003', 'A002', 'A001'].map((b) => nameOf(file, b)));

      // two new sheets sets that would put A004 and A005 on top
      await markStations(api, judges, 'FRZ', 'hair', [
        [stationOf(file, 'A004'), 95],
        [stationOf(file, 'A005'), 90],
      ]);
      await t.settle();
      // the contract's "within a second" has passed and more
      await page.waitForTimeout(1_500);
      expect(await readRows(page)).toEqual(frozen);
      expect((await page.getByTestId('status-chip').textContent())?.trim()).toBe('封榜');
      expect((await badge(page).textContent())?.trim()).toBe('实时');
      await screenshot(page, 'board-projector-frozen');

      // the held marks were real: unfreezing brings them out
      expect((await api('POST', '/api/contests/FRZ/events/hair/unfreeze', undefined, org)).status).toBe(200);
      await waitForRows(
        page,
        [
          { rank: '1', name: nameOf(file, 'A004'), total: '95.00' },
          { rank: '2', name: nameOf(file, 'A005'), total: '90.00' },
        ],
        { whole: false, timeout: UPDATE_MS },
      );
      expect((await page.getByTestId('status-chip').textContent())?.trim()).toBe('暂定成绩');
    } finally {
      await page.close();
    }
  });

  it('reveals a frozen event from the lowest award up, first place last', async () => {
    // ten entries: one first prize, two second, three third, four without an award
    const file = hairContest('RVL', 10);
    await createContest(file);
    const judges = await panelTokens(t.base, 'RVL');
    const beforeFreeze: Record<string, number> = { A001: 60, A002: 62, A003: 64, A004: 66, A005: 68, A006: 70 };
    const whileFrozen: Record<string, number> = { A007: 90, A008: 61, A009: 75, A010: 85 };
    await markStations(api, judges, 'RVL', 'hair', Object.entries(beforeFreeze).map(([bib, total]) => [stationOf(file, bib), total]));
    await t.settle();

    const page = await browser.page(PROJECTOR);
    try {
      await openProjector(page, t.base, 'RVL');
      await waitForRows(page, [{ rank: '1', name: nameOf(file, 'A006'), total: '70.00' }], { whole: false, timeout: UPDATE_MS });
      expect((await api('POST', '/api/contests/RVL/events/hair/freeze', undefined, org)).status).toBe(200);
      await page.getByTestId('status-chip').filter({ hasText: '封榜' }).waitFor({ timeout: UPDATE_MS });
      await markStations(api, judges, 'RVL', 'hair', Object.entries(whileFrozen).map(([bib, total]) => [stationOf(file, bib), total]));
      await t.settle();
      const frozen = await readRows(page);

      // final order: A007 90, A010 85, A009 75 | A006 70, A005 68, A004 66 | A003 64, A002 62, A008 61, A001 60
      const finalRank: Record<string, number> = { A007: 1, A010: 2, A009: 3, A006: 4, A005: 5, A004: 6, A003: 7, A002: 8, A008: 9, A001: 10 };
      const totals = { ...beforeFreeze, ...whileFrozen };
      const steps: { award: string | null; bibs: string[] }[] = [
        { award: null, bibs: ['A003', 'A002', 'A008', 'A001'] },
        { award: '三等奖', bibs: ['A004'] },
        { award: '三等奖', bibs: ['A005'] },
        { award: '三等奖', bibs: ['A006'] },
        { award: '二等奖', bibs: ['A009'] },
        { award: '二等奖', bibs: ['A010'] },
        { award: '一等奖', bibs: ['A007'] },
      ];
      const finalRow = (bib: string, award: string | null): ShownRow => ({
        rank: String(finalRank[bib]),
        name: nameOf(file, bib),
        total: totals[bib].toFixed(2),
        award: award ?? '',
      });

      const revealed: string[] = [];
      for (const [i, step] of steps.entries()) {
        const r = await api('POST', '/api/contests/RVL/events/hair/reveal', { by: 'entry' }, org);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        expect(r.body.step).toEqual(step);
        revealed.push(...step.bibs);
        await waitForRows(
          page,
          step.bibs.map((bib) => finalRow(bib, step.award)),
          { whole: false, timeout: UPDATE_MS },
        );
        // everyone not yet revealed still shows the frozen board's row
        const shown = await readRows(page);
        for (const bib of Object.keys(finalRank).filter((b) => !revealed.includes(b))) {
          const name = nameOf(file, bib);
          expect(shown.find((row) => row.name === name), `${bib} before its turn`).toEqual(frozen.find((row) => row.name === name));
        }
        expect((await page.getByTestId('status-chip').textContent())?.trim()).toBe('封榜');
        if (i === 0 || i === steps.length - 1) {
          await settleAnimations(page);
          await screenshot(page, `board-projector-reveal-${i + 1}`);
        }
      }

      // first place came last, and the whole board now reads in the final order
      expect(revealed.at(-1)).toBe('A007');
      const byRank = Object.keys(finalRank).sort((a, b) => finalRank[a] - finalRank[b]);
      const award = (bib: string) => steps.find((s) => s.bibs.includes(bib))!.award;
      await waitForRows(page, byRank.map((bib) => finalRow(bib, award(bib))), { whole: true, timeout: UPDATE_MS });
      expect((await api('POST', '/api/contests/RVL/events/hair/reveal', { by: 'entry' }, org)).status).toBe(409);
    } finally {
      await page.close();
    }
  });

  it('on a phone: opens on the event being marked, remembers the choice and the pinned union, finds a contestant, sees the teams', async () => {
    const file = hairContest('PHN', 6);
    const hair = eventOf(file);
    file.events = [hair, { ...hair, key: 'nail', name: '美甲', entries: bibsOf(file).map((bib, i) => ({ bib, station: String(31 + i) })) }];
    await createContest(file);
    const judges = await panelTokens(t.base, 'PHN');
    const hairTotals = [80, 71, 77, 65, 83, 69];
    const nailTotals = [62, 88, 74, 91, 58, 70];
    await markStations(api, judges, 'PHN', 'hair', bibsOf(file).map((bib, i) => [stationOf(file, bib, 'hair'), hairTotals[i]]));
    // nail is marked last: the event being marked, which a phone opens on
    await markStations(api, judges, 'PHN', 'nail', bibsOf(file).map((bib, i) => [stationOf(file, bib, 'nail'), nailTotals[i]]));
    await t.settle();
    const summary = (await api('GET', '/api/contests/PHN')).body as { events: { key: string; last: number }[] };
    const last = Object.fromEntries(summary.events.map((e) => [e.key, e.last]));
    expect(last.nail).toBeGreaterThan(last.hair);

    const page = await browser.page(PHONE);
    // what the phone asks the live feed for, and the events its snapshots carry
    const watches: { compact?: boolean; events?: string[] }[] = [];
    const snapshotEvents: string[][] = [];
    page.on('websocket', (ws) => {
      ws.on('framesent', (f) => {
        const m = /^42\/live,(.*)$/.exec(String(f.payload));
        if (m && JSON.parse(m[1])[0] === 'watch') watches.push(JSON.parse(m[1])[1]);
      });
      ws.on('framereceived', (f) => {
        const m = /^42\/live,(.*)$/.exec(String(f.payload));
        if (m && JSON.parse(m[1])[0] === 'snapshot') snapshotEvents.push(JSON.parse(m[1])[1].events.map((e: { event: string }) => e.event));
      });
    });
    let summaryReads = 0;
    // the first board of each event it shows is read over HTTP, compressed
    const boardReads: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/contests/PHN') summaryReads++;
      if (url.pathname === '/api/contests/PHN/snapshot') boardReads.push(url.searchParams.get('events') ?? '');
    });
    const rows = (n: number) =>
      page.waitForFunction((n) => document.querySelectorAll('[data-testid="phone-row"]').length === n, n, { timeout: UPDATE_MS });
    try {
      await page.goto(`${t.base}/board/?contest=PHN&view=phone`);
      await waitForConnection(page, true, 10_000);
      await page.getByTestId('phone-row').first().waitFor({ timeout: 5_000 });
      await expect(page.getByTestId('phone-row').count()).resolves.toBe(6);
      // it opened on the event with the latest activity, following that event only, in the compact form
      await page.getByRole('heading', { level: 2, name: '美甲' }).waitFor({ timeout: UPDATE_MS });
      expect(await page.getByRole('button', { name: '美甲', exact: true }).getAttribute('aria-pressed')).toBe('true');
      // the board came over HTTP; the socket only resumes from its seq, with no snapshot of its own
      expect(boardReads).toEqual(['nail']);
      expect(watches).toEqual([{ contest: 'PHN', compact: true, events: ['nail'], since: expect.any(Number) }]);
      expect(snapshotEvents).toEqual([]);
      // the contest summary is read once on the way to a live board
      expect(summaryReads).toBe(1);
      // the nail ranking: A004 91 first
      await expect(page.getByTestId('phone-row').first().textContent()).resolves.toContain(nameOf(file, 'A004'));
      await expect(page.getByTestId('phone-row').first().textContent()).resolves.toContain('91.00');
      await screenshot(page, 'board-phone');
      await expectNoSeriousA11y(page, 'board-phone');

      await page.getByRole('button', { name: '美发', exact: true }).click();
      await page.getByRole('heading', { level: 2, name: '美发' }).waitFor({ timeout: UPDATE_MS });
      expect(await page.getByRole('button', { name: '美发', exact: true }).getAttribute('aria-pressed')).toBe('true');
      // the hair ranking: A005 83 first
      await expect(page.getByTestId('phone-row').first().textContent()).resolves.toContain(nameOf(file, 'A005'));
      await expect(page.getByTestId('phone-row').first().textContent()).resolves.toContain('83.00');
      await screenshot(page, 'board-phone-event');
      expect(watches.at(-1)).toEqual({ contest: 'PHN', compact: true, events: ['hair'], since: expect.any(Number) });
      expect(boardReads.at(-1)).toBe('hair');
      expect(snapshotEvents).toEqual([]);

      // pin "my union" from a card (A005 is 北碚区总工会's, as is A002), then show only its entries
      const union = file.contestants!.find((c) => c.bib === 'A005')!.organization!;
      await page.getByTestId('phone-row').first().getByRole('button').first().click();
      await page.getByRole('button', { name: `设为我的单位（${union}）` }).click();
      await page.getByText(`我的单位：${union}`).waitFor({ timeout: UPDATE_MS });
      await page.getByRole('button', { name: '只看本单位' }).click();
      await rows(2);
      const mine = await page.getByTestId('phone-row').evaluateAll((items) => items.map((li) => li.textContent ?? ''));
      expect(mine.every((text) => text.includes(union))).toBe(true);
      await screenshot(page, 'board-phone-union');

      // a reload keeps the chosen event (not the latest-active one) and the pinned union
      await page.reload();
      await waitForConnection(page, true, 10_000);
      await page.getByRole('heading', { level: 2, name: '美发' }).waitFor({ timeout: 5_000 });
      expect(watches.at(-1)).toEqual({ contest: 'PHN', compact: true, events: ['hair'], since: expect.any(Number) });
      await page.getByText(`我的单位：${union}`).waitFor({ timeout: UPDATE_MS });
      await rows(6);
      await expect(page.locator('[data-testid="phone-row"].mine').count()).resolves.toBe(2);

      await page.getByRole('button', { name: '美甲', exact: true }).click();
      await page.getByRole('heading', { level: 2, name: '美甲' }).waitFor({ timeout: UPDATE_MS });
      expect(watches.at(-1)).toEqual({ contest: 'PHN', compact: true, events: ['nail'], since: expect.any(Number) });

      // a judge typing their station number learns nothing
      await page.getByRole('searchbox').fill(stationOf(file, 'A002', 'nail'));
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="phone-row"]').length === 0, undefined, { timeout: UPDATE_MS });
      await page.getByRole('searchbox').fill('');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="phone-row"]').length === 6, undefined, { timeout: UPDATE_MS });

      const wanted = nameOf(file, 'A003');
      await page.getByRole('searchbox').fill(wanted);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="phone-row"]').length === 1, undefined, { timeout: UPDATE_MS });
      const card = page.getByTestId('phone-row');
      const text = (await card.textContent()) ?? '';
      expect(text).toContain(wanted);
      expect(text).toContain('A003');
      expect(text).toContain('74.00');
      await screenshot(page, 'board-phone-search');

      await page.getByRole('tab', { name: '团体' }).click();
      await page.getByTestId('team-row').first().waitFor({ timeout: UPDATE_MS });
      const teams = (await api('GET', '/api/contests/PHN/teams')).body.rows as { organization: string; total: number }[];
      expect(teams.length).toBe(3);
      const orgs = await page.getByTestId('team-row').evaluateAll((items) => items.map((li) => li.textContent ?? ''));
      expect(orgs).toHaveLength(teams.length);
      teams.forEach((team, i) => expect(orgs[i]).toContain(team.organization));
      await screenshot(page, 'board-phone-teams');
    } finally {
      await page.close();
    }
  });
});

/** A documentation address (RFC 5737): never contacted, only written into the codes. */
const PUBLIC_URL = 'http://192.0.2.10:3000';
/** the smallest text the projector may show at 1080p: legible from the back of a hall */
const MIN_PROJECTOR_PX = 24;

/** Reads the QR code an element shows, as a phone's camera would: from its pixels. */
async function scanQr(element: Locator): Promise<string | null> {
  const png = PNG.sync.read(await element.screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

/** Every visible piece of text on the projector smaller than `min` px at the stage's 1920×1080 scale. */
function smallText(page: Page, min: number): Promise<{ text: string; px: number; cls: string }[]> {
  return page.evaluate((min) => {
    const stage = document.querySelector('.stage');
    const scale = stage ? stage.getBoundingClientRect().width / 1920 : 1;
    const out: { text: string; px: number; cls: string }[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const own = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!own) continue;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      // visually hidden text (screen readers only) is not read from the hall
      if (style.visibility === 'hidden' || style.display === 'none' || box.width <= 1 || box.height <= 1) continue;
      const px = parseFloat(style.fontSize) * scale;
      if (px < min) out.push({ text: (el.textContent ?? '').trim().slice(0, 40), px, cls: String(el.getAttribute('class')) });
    }
    return out;
  }, min);
}

describe('projector: an address phones reach, a code the hall can scan, text the hall can read', () => {
  let browser: Browser;
  let t: TestApp;
  let api: Api;
  let org: string;

  beforeAll(async () => {
    [browser, t] = await Promise.all([launchBrowser(), startAppWithUi({ PUBLIC_URL })]);
    api = client(t.base);
    org = await organizerToken(t.base);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('serves PUBLIC_URL at /api/server', async () => {
    const r = await api('GET', '/api/server');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ publicUrl: PUBLIC_URL, addresses: [PUBLIC_URL], configured: true });
  });

  it('puts PUBLIC_URL in both QR codes of a board opened on loopback, and the large one fills 40 % of the height', async () => {
    const file = hairContest('QRPJ', 5);
    expect((await api('POST', '/api/contests', file, org)).status).toBe(201);
    const judges = await panelTokens(t.base, 'QRPJ');
    await markStations(api, judges, 'QRPJ', 'hair', [
      [stationOf(file, 'A001'), 71],
      [stationOf(file, 'A002'), 88.5],
      [stationOf(file, 'A003'), 79],
    ]);
    await t.settle();
    const page = await browser.page(PROJECTOR);
    try {
      // typed in lower case: the board finds the contest and the code carries the stored one
      expect(t.base).toMatch(/^http:\/\/127\.0\.0\.1:/);
      await page.goto(`${t.base}/board/?contest=qrpj`);
      await waitForConnection(page, true, 10_000);
      await page.getByTestId('standings-row').first().waitFor({ timeout: 5_000 });
      const phone = `${PUBLIC_URL}/board/?contest=QRPJ&view=phone`;

      const corner = page.getByTestId('corner-qr').locator('svg');
      await corner.waitFor({ timeout: 5_000 });
      expect(await scanQr(corner)).toBe(phone);
      await expect(page.getByTestId('qr-no-address').count()).resolves.toBe(0);

      // the operator pauses the rotation and steps to the large code
      await page.keyboard.press(' ');
      const slide = page.getByTestId('qr-slide');
      for (let i = 0; i < 6 && !(await slide.isVisible()); i++) {
        await page.keyboard.press('ArrowRight');
        await page.waitForTimeout(600);
      }
      await slide.waitFor({ timeout: 2_000 });
      await settleAnimations(page);
      const big = slide.locator('svg');
      const box = await big.boundingBox();
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(0.4 * PROJECTOR.height);
      expect(await scanQr(big)).toBe(phone);
      await expect(slide.textContent()).resolves.toContain('扫码看实时成绩');
      await screenshot(page, 'board-projector-qr-slide');
      await expectNoSeriousA11y(page, 'board-projector-qr-slide');
    } finally {
      await page.close();
    }
  });

  it('tells the organizer, and shows no dead code, when a loopback board has no address phones reach', async () => {
    const local = await startAppWithUi();
    const page = await browser.page(PROJECTOR);
    try {
      const token = await organizerToken(local.base);
      expect((await client(local.base)('POST', '/api/contests', hairContest('LOOP', 3), token)).status).toBe(201);
      expect((await client(local.base)('GET', '/api/server')).body).toEqual({ publicUrl: null, addresses: [], configured: false });
      await page.goto(`${local.base}/board/?contest=LOOP`);
      await page.getByTestId('qr-no-address').waitFor({ timeout: 10_000 });
      expect(await page.getByTestId('qr-no-address').textContent()).toContain('PUBLIC_URL');
      expect(await page.getByTestId('corner-qr').count()).toBe(0);
      await screenshot(page, 'board-projector-no-address');
    } finally {
      await page.close();
      await local.close();
    }
  });

  it(`shows no text under ${MIN_PROJECTOR_PX} px at 1920×1080 on any page of the rotation`, async () => {
    const file = hairContest('LEGI', 5);
    expect((await api('POST', '/api/contests', file, org)).status).toBe(201);
    const judges = await panelTokens(t.base, 'LEGI');
    await markStations(api, judges, 'LEGI', 'hair', [
      [stationOf(file, 'A001'), 71],
      [stationOf(file, 'A002'), 88.5],
    ]);
    // one entry part-marked: the "still being scored" tag shows too
    await putSheet(api, judges[0], 'LEGI', 'hair', stationOf(file, 'A004'), marksFor(60));
    await t.settle();
    const page = await browser.page(PROJECTOR);
    try {
      await page.goto(`${t.base}/board/?contest=LEGI`);
      await waitForConnection(page, true, 10_000);
      await page.getByTestId('standings-row').first().waitFor({ timeout: 5_000 });
      // a sheet while watching: the spotlight card and the recent list fill in
      await markStation(api, judges, 'LEGI', 'hair', stationOf(file, 'A003'), 79);
      await waitForRows(page, [{ name: nameOf(file, 'A003'), total: '79.00' }], { whole: false, timeout: UPDATE_MS });
      await page.keyboard.press(' ');
      const seen: string[] = [];
      // event page, team page, QR slide: every page once
      for (let i = 0; i < 3; i++) {
        await settleAnimations(page);
        const small = await smallText(page, MIN_PROJECTOR_PX);
        expect(small, `text under ${MIN_PROJECTOR_PX} px on page ${i}`).toEqual([]);
        seen.push((await page.locator('h1').first().textContent()) ?? '');
        await screenshot(page, `board-projector-legibility-${i}`);
        await page.keyboard.press('ArrowRight');
        await page.waitForTimeout(600);
      }
      expect(seen).toEqual(['美发', '团体总分', '扫码看实时成绩']);
    } finally {
      await page.close();
    }
  });
});
