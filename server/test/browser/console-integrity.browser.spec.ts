import type { Page } from 'playwright-core';
import { DataSource, type EntityManager } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlOne, sqlRun } from '../../src/database/sql';
import { putSheet } from '../support/sheets';
import { client, hairBib, hairContest, judgeToken, organizerToken, ORGANIZER_PASSWORD, type TestApp } from '../support/test-app';
import { expectNoSeriousA11y, launchBrowser, screenshot, startAppWithUi, type Browser } from './browser-support';

/**
 * The organizer console's integrity card (audit page): the chain green while intact, every event
 * "与审计记录一致"; a mark changed straight in the database lists the difference, a changed audit
 * record turns the chain red.
 */
const CODE = 'INTEG24';
let t: TestApp;
let browser: Browser;
let page: Page;
let em: EntityManager;

beforeAll(async () => {
  t = await startAppWithUi();
  em = t.app.get(DataSource).manager;
  const api = client(t.base);
  const org = await organizerToken(t.base);
  expect((await api('POST', '/api/contests', hairContest(CODE, 3), org)).status).toBe(201);
  for (let i = 1; i <= 5; i++) {
    const j = await judgeToken(t.base, CODE, String(100000 + i));
    for (const station of ['07', '08', '09']) expect((await putSheet(api, j, CODE, 'hair', station, { design: 30 + i, technique: 20, finish: 20 })).status).toBe(200);
  }
  browser = await launchBrowser();
  page = await browser.page({ width: 1280, height: 860 });
  page.setDefaultTimeout(10_000);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('integrity card of the organizer console', () => {
  it('shows an intact chain and every event agreeing with the audit trail', async () => {
    await page.goto(`${t.base}/judge/admin.html`);
    await page.locator('#password').fill(ORGANIZER_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator(`a[href$="#/c/${CODE}"]`).first().waitFor();
    await page.goto(`${t.base}/judge/admin.html#/c/${CODE}/audit`);
    await page.locator('#integrity-chain[data-ok="true"]').getByText('审计链完整').waitFor();
    await page.locator('.event[data-event="hair"][data-agrees="true"]').getByText('与审计记录一致').waitFor();
    await screenshot(page, 'console-integrity');
    await expectNoSeriousA11y(page, 'console-integrity');
  }, 60_000);

  it('lists the difference after a mark is changed behind the server, and the chain turns red once a record is', async () => {
    const sheet = (await sqlOne<{ id: number; scores: string }>(em, `SELECT "id", "scores" FROM "sheets" ORDER BY "id" LIMIT 1`))!;
    await sqlRun(em, `UPDATE "sheets" SET "scores" = ? WHERE "id" = ?`, [JSON.stringify({ ...JSON.parse(sheet.scores), design: 4000 }), sheet.id]);
    const record = (await sqlOne<{ id: number; reason: string | null }>(em, `SELECT "id", "reason" FROM "audit_log" WHERE "action" = 'sheet.submit' ORDER BY "id" LIMIT 1`))!;
    await sqlRun(em, `UPDATE "audit_log" SET "reason" = ? WHERE "id" = ?`, ['改过', record.id]);
    try {
      await page.locator('#integrity-run').click();
      await page.locator('#integrity-chain[data-ok="false"]').getByText('审计链在第').waitFor();
      const event = page.locator('.event[data-event="hair"][data-agrees="false"]');
      await event.getByText('处与审计记录不一致').waitFor();
      await event.locator('tr', { hasText: hairBib('07') }).first().waitFor();
      await screenshot(page, 'console-integrity-broken');
      await expectNoSeriousA11y(page, 'console-integrity-broken');
    } finally {
      await sqlRun(em, `UPDATE "sheets" SET "scores" = ? WHERE "id" = ?`, [sheet.scores, sheet.id]);
      await sqlRun(em, `UPDATE "audit_log" SET "reason" = ? WHERE "id" = ?`, [record.reason, record.id]);
    }
  }, 60_000);
});
