import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandingsRow } from '../../src/contracts/standings';
import { putSheet } from '../support/sheets';
import { client, hairContest, judgeToken, organizerToken, type TestApp } from '../support/test-app';
import { expectNoSeriousA11y, launchBrowser, screenshot, startAppWithUi, type Browser } from './browser-support';

/**
 * The broadcast overlay (`/board/overlay.html`) as OBS or vMix load it: a 1920×1080 browser source
 * whose page paints no background, showing one event live in each of its three modes.
 */

const SOURCE = { width: 1920, height: 1080 };
const UPDATE_MS = 3_000;
const PANEL_PINS = ['100001', '100002', '100003', '100004', '100005'];
const CODE = 'OVL';

type Api = ReturnType<typeof client>;
let browser: Browser;
let t: TestApp;
let api: Api;
let org: string;
let judges: string[];
const file = hairContest(CODE, 6);
const stationOf = (bib: string) => String(file.events!.find((e) => e.key === 'hair')!.entries!.find((e) => String(e.bib) === bib)!.station);

function marksFor(total: number) {
  const design = Math.min(40, total - 40);
  const technique = Math.min(30, total - design - 20);
  return { design, technique, finish: total - design - technique };
}

async function mark(bib: string, total: number): Promise<void> {
  const replies = await Promise.all(judges.map((token) => putSheet(api, token, CODE, 'hair', stationOf(bib), marksFor(total))));
  for (const r of replies) expect(r.status, JSON.stringify(r.body)).toBe(200);
}

async function ranked(): Promise<StandingsRow[]> {
  const r = await api('GET', `/api/contests/${CODE}/events/hair/standings`);
  return (r.body.rows as StandingsRow[]).filter((row) => row.rank !== null);
}

async function open(mode: string): Promise<Page> {
  const page = await browser.page(SOURCE);
  await page.goto(`${t.base}/board/overlay.html?contest=${CODE}&event=hair&mode=${mode}`);
  return page;
}

/** The page itself is see-through: the browser source keys on its alpha. */
async function expectTransparent(page: Page): Promise<void> {
  const backgrounds = await page.evaluate(() => [document.documentElement, document.body, document.querySelector('[data-testid="overlay-stage"]')!].map((el) => getComputedStyle(el).backgroundColor));
  expect(backgrounds).toEqual(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);
}

beforeAll(async () => {
  [browser, t] = await Promise.all([launchBrowser(), startAppWithUi()]);
  api = client(t.base);
  org = await organizerToken(t.base);
  expect((await api('POST', '/api/contests', file, org)).status).toBe(201);
  judges = await Promise.all(PANEL_PINS.map((pin) => judgeToken(t.base, CODE, pin)));
  await mark('A001', 80);
  await mark('A002', 90);
  await mark('A003', 70);
  await t.settle();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('broadcast overlay', () => {
  it('top10: the ranked rows in order, live, and still through a freeze until the reveal', async () => {
    const page = await open('top10');
    const shown = () => page.locator('[data-testid="overlay-row"]').evaluateAll((items) => items.map((li) => li.textContent ?? ''));
    const matches = async () => {
      const want = (await ranked()).slice(0, 10);
      await page.waitForFunction(
        (want) => {
          const rows = Array.from(document.querySelectorAll('[data-testid="overlay-row"]')).map((li) => li.textContent ?? '');
          return rows.length === want.length && want.every((w, i) => rows[i].includes(w.name) && rows[i].includes(w.total));
        },
        want.map((r) => ({ name: r.name, total: r.total.toFixed(2) })),
        { timeout: UPDATE_MS, polling: 50 },
      );
    };
    try {
      await matches();
      await expectTransparent(page);
      await expectNoSeriousA11y(page, 'overlay-top10');
      await screenshot(page, 'overlay-top10');
      // a new leader moves to the top
      await mark('A004', 95);
      await matches();
      expect((await shown())[0]).toContain(file.contestants!.find((c) => c.bib === 'A004')!.name);

      // frozen: the broadcast keeps the frozen board while marks come in
      expect((await api('POST', `/api/contests/${CODE}/events/hair/freeze`, undefined, org)).status).toBe(200);
      await page.getByText('封榜').first().waitFor({ timeout: UPDATE_MS });
      const frozen = await shown();
      await mark('A005', 99);
      await t.settle();
      await new Promise((r) => setTimeout(r, 500));
      expect(await shown()).toEqual(frozen);
      // the reveal brings it forward step by step; unfrozen, it is live again
      expect((await api('POST', `/api/contests/${CODE}/events/hair/reveal`, { by: 'entry' }, org)).status).toBe(200);
      expect((await api('POST', `/api/contests/${CODE}/events/hair/unfreeze`, undefined, org)).status).toBe(200);
      await matches();
    } finally {
      await page.close();
    }
  }, 60_000);

  it('lower-third: the entry just marked, then the leader', async () => {
    const page = await open('lower-third');
    try {
      const bar = page.getByTestId('overlay-lower-third');
      await bar.waitFor({ timeout: UPDATE_MS });
      await expectTransparent(page);
      await mark('A006', 60);
      const name = file.contestants!.find((c) => c.bib === 'A006')!.name;
      await page.waitForFunction((name) => document.querySelector('[data-testid="overlay-lower-third"]')?.textContent?.includes(name) ?? false, name, { timeout: UPDATE_MS, polling: 50 });
      const text = (await bar.textContent()) ?? '';
      expect(text).toContain('最新成绩');
      expect(text).toContain('60.00');
      const row = (await ranked()).find((r) => r.name === name)!;
      expect(text).toContain(`第${row.rank}名`);
      await expectNoSeriousA11y(page, 'overlay-lower-third');
      await screenshot(page, 'overlay-lower-third');
    } finally {
      await page.close();
    }
  }, 60_000);

  it('ticker: every ranked entry with its total, on a see-through page', async () => {
    const page = await open('ticker');
    try {
      const want = await ranked();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="overlay-ticker-item"]').length === n, want.length, { timeout: UPDATE_MS, polling: 50 });
      const items = await page.locator('[data-testid="overlay-ticker-item"]').evaluateAll((els) => els.map((e) => e.textContent ?? ''));
      want.forEach((r, i) => {
        expect(items[i]).toContain(r.name);
        expect(items[i]).toContain(r.total.toFixed(2));
      });
      await expectTransparent(page);
      await expectNoSeriousA11y(page, 'overlay-ticker');
      await screenshot(page, 'overlay-ticker');
    } finally {
      await page.close();
    }
  }, 60_000);

  it('says what is missing when the address names no event', async () => {
    const page = await browser.page(SOURCE);
    try {
      await page.goto(`${t.base}/board/overlay.html?contest=${CODE}`);
      await page.getByRole('alert').waitFor({ timeout: UPDATE_MS });
      expect(await page.getByRole('alert').textContent()).toContain('event');
    } finally {
      await page.close();
    }
  });
});
