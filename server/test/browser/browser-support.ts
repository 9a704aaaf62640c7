import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
