import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app';
import { collectCspViolations, launchBrowser, screenshot, type Browser } from './browser-support';

describe('API documentation page', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('renders every route from this server alone, under the server’s Content-Security-Policy', async () => {
    const page = await browser.page();
    const csp = await collectCspViolations(page);
    const refused: string[] = [];
    const elsewhere: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') refused.push(m.text());
    });
    page.on('pageerror', (e) => refused.push(e.message));
    page.on('request', (r) => {
      if (!r.url().startsWith(t.base) && !r.url().startsWith('data:')) elsewhere.push(r.url());
    });
    const res = await page.goto(`${t.base}/api/docs`);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.opblock').first().waitFor({ timeout: 20_000 });
    expect(await page.locator('.opblock').count()).toBeGreaterThan(40);
    await expect.poll(() => page.locator('.opblock-summary-path').allTextContents()).toContain('/api/contests/{code}/events/{event}/standings');
    await screenshot(page, 'api-docs');
    // Swagger UI shows what it cannot read in the document as a warning box
    expect(await page.getByText('Warning', { exact: true }).count()).toBe(0);
    expect(csp).toEqual([]);
    expect(refused).toEqual([]);
    expect(elsewhere).toEqual([]);
  });
});
