import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestApp, type StartOptions, type TestApp } from '../support/test-app';

const repo = resolve(__dirname, '..', '..', '..');
/** Screenshots of every screen a browser test visits, kept as CI artifacts. */
export const ARTIFACTS = join(repo, 'test-artifacts', 'screens');

/** The real server serving the real built apps. */
export function startAppWithUi(env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestApp> {
  return startTestApp(
    {
      JUDGE_APP_DIR: join(repo, 'judge-app', 'dist'),
      SCOREBOARD_DIR: join(repo, 'scoreboard', 'dist'),
      ...env,
    },
    options,
  );
}

export interface Browser {
  context: BrowserContext;
  page(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with its own throwaway profile and no traffic beyond loopback. */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'skillscore-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    locale: 'zh-CN',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    async page(viewport = { width: 1280, height: 800 }) {
      const p = await context.newPage();
      await p.setViewportSize(viewport);
      return p;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** WCAG 2.x A and AA rules, the level the screens promise. */
const A11Y_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * Runs axe-core on the page as it stands and fails on every serious or critical violation,
 * naming the rule, the elements and what is wrong with each, so the failure reads as a to-do list.
 */
export async function expectNoSeriousA11y(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(A11Y_TAGS).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  // landmark-one-main is only "moderate" to axe, but a screen reader's "skip to content" depends on it
  const mains = await page.locator('main, [role="main"]').count();
  const landmark = mains === 1 ? [] : [`landmark: ${mains} main landmarks, expected exactly one`];
  const lines = landmark.concat(serious.flatMap((v) =>
    v.nodes.map((n) => `${v.impact} ${v.id}: ${n.target.join(' ')} — ${(n.failureSummary ?? v.help).replace(/\s+/g, ' ').trim()}`),
  ));
  if (lines.length) throw new Error(`${label}: ${lines.length} serious accessibility violation(s)\n${lines.join('\n')}`);
}

/**
 * Collects every Content-Security-Policy violation the page meets, across navigations: the
 * `securitypolicyviolation` events the document fires (reported through the console by a script
 * installed before the page's own) and Chromium's own console reports of what it refused.
 */
export async function collectCspViolations(page: Page): Promise<string[]> {
  const found: string[] = [];
  page.on('console', (m) => {
    const text = m.text();
    if (text.includes('Content Security Policy') || text.startsWith('securitypolicyviolation')) found.push(`${page.url()}: ${text}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`securitypolicyviolation ${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return found;
}
