import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { format, I18n } from './index.svelte';
import { zhCN } from './zh-CN';

const SRC = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    // the organizer console (src/admin) has dictionaries of its own, checked by its own tests
    if (statSync(p).isDirectory()) return name === 'i18n' || name === 'admin' ? [] : sources(p);
    return /\.(svelte|ts)$/.test(name) && !name.endsWith('.spec.ts') ? [p] : [];
  });
}

describe('dictionaries', () => {
  it('have the same keys and no empty text', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [k, v] of [...Object.entries(zhCN), ...Object.entries(en)]) expect(v.trim(), k).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(zhCN) as (keyof typeof zhCN)[]) expect(names(en[k]), k).toEqual(names(zhCN[k]));
  });

  it('hold every key the screens ask for', () => {
    const keys = new Set(Object.keys(zhCN));
    const missing: string[] = [];
    for (const file of sources(SRC)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([\w.]+)'/g)) if (!keys.has(m[1])) missing.push(`${file}: ${m[1]}`);
      // Keys built from a prefix and a value, e.g. t(`state.${state}`): the prefix must exist.
      for (const m of text.matchAll(/\bt\(\s*`([\w.]+)\$\{/g)) if (![...keys].some((k) => k.startsWith(m[1]))) missing.push(`${file}: ${m[1]}*`);
    }
    expect(missing).toEqual([]);
  });

  it('leave no Chinese or English sentence hard-coded in the markup', () => {
    const offenders: string[] = [];
    for (const file of sources(SRC).filter((f) => f.endsWith('.svelte'))) {
      let markup = readFileSync(file, 'utf8')
        .replace(/<script[\s\S]*?<\/script>/g, '')
        .replace(/<style[\s\S]*?<\/style>/g, '')
        .replace(/<!--[\s\S]*?-->/g, '');
      // Expressions go first (innermost out), then the tags with their attributes: what is left is text.
      for (let prev = ''; prev !== markup; ) [prev, markup] = [markup, markup.replace(/\{[^{}]*\}/g, ' ')];
      const text = markup.replace(/<[^>]*>/g, ' ');
      for (const m of text.matchAll(/[^\s]*(?:[\u4e00-\u9fff]|[A-Za-z]{3,})[^\s]*/g)) offenders.push(`${file}: ${m[0]}`);
    }
    expect(offenders).toEqual([]);
  });
});

describe('I18n', () => {
  it('starts in Chinese, switches to English and remembers the choice', () => {
    const store = new Map<string, string>();
    const kv = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) };
    const a = new I18n(kv);
    expect(a.t('login.submit')).toBe('登录');
    a.toggle();
    expect(a.t('login.submit')).toBe('Sign in');
    expect(new I18n(kv).locale).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{done} / {total} 已评', { done: 23, total: 48 })).toBe('23 / 48 已评');
    expect(format('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});
