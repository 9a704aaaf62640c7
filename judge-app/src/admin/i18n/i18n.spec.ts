import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { ConsoleI18n, format } from './index.svelte';
import { zhCN } from './zh-CN';

const ADMIN = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    // dictionaries hold the words; test fixtures hold contest data
    if (statSync(p).isDirectory()) return name === 'i18n' || name === 'testing' ? [] : sources(p);
    return /\.(svelte|ts)$/.test(name) && !name.endsWith('.spec.ts') ? [p] : [];
  });
}

function memory(): { getItem(k: string): string | null; setItem(k: string, v: string): void; data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('console dictionaries', () => {
  it('have the same keys and no empty text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [k, v] of [...Object.entries(zhCN), ...Object.entries(en)]) expect(v.trim(), k).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(zhCN) as (keyof typeof zhCN)[]) expect(names(en[k]), k).toEqual(names(zhCN[k]));
  });

  it('hold every key the console asks for', () => {
    const keys = new Set(Object.keys(zhCN));
    const missing: string[] = [];
    for (const file of sources(ADMIN)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([\w.]+)'/g)) if (!keys.has(m[1])) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/key: '([\w.]+)'/g)) if (!keys.has(m[1])) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/'((?:problem|error|audit\.action)\.[\w.]+)'/g)) if (!keys.has(m[1])) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/\bt\(\s*`([\w.]+)\$\{/g)) if (![...keys].some((k) => k.startsWith(m[1]))) missing.push(`${file}: ${m[1]}*`);
    }
    expect(missing).toEqual([]);
  });

  it('keys built from a value exist for every value', () => {
    for (const over of ['criterion', 'total']) for (const method of ['mean', 'trimmed', 'median']) expect(zhCN).toHaveProperty([`setup.explain.${over}.${method}`]);
    for (const m of ['provisional', 'complete']) {
      expect(zhCN).toHaveProperty([`board.mode.${m}`]);
      expect(zhCN).toHaveProperty([`board.modeExplain.${m}`]);
    }
    for (const r of ['judge', 'chief']) expect(zhCN).toHaveProperty([`role.${r}`]);
    for (const tab of ['overview', 'setup', 'import', 'draw', 'judges', 'board', 'exports', 'audit']) expect(zhCN).toHaveProperty([`tab.${tab}`]);
  });

  it('no Chinese text is written into the console’s code: it all comes from the dictionaries', () => {
    const hardCoded: string[] = [];
    for (const file of sources(ADMIN)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/[\u4e00-\u9fff]/.test(line)) hardCoded.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(hardCoded).toEqual([]);
  });
});

describe('ConsoleI18n', () => {
  it('starts in Chinese, switches to English and remembers the choice', () => {
    const store = memory();
    const i18n = new ConsoleI18n(store);
    expect(i18n.locale).toBe('zh-CN');
    expect(i18n.t('login.submit')).toBe('登录');
    i18n.toggle();
    expect(i18n.t('login.submit')).toBe('Sign in');
    expect(new ConsoleI18n(store).locale).toBe('en');
  });

  it('fills placeholders and leaves unknown ones', () => {
    expect(format('{a} of {b}', { a: 1 })).toBe('1 of {b}');
  });
});
