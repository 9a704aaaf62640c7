import { describe, expect, it } from 'vitest';
import { en } from './en';
import { Locale } from './locale.svelte';
import { format } from './messages';
import { zhCN } from './zh-CN';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('dictionaries', () => {
  it('have the same keys and fill in the same placeholders', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });
});

describe('Locale', () => {
  it('speaks Chinese first and switches to English', () => {
    const l = new Locale();
    expect(l.t('status.final')).toBe('成绩已确认');
    expect(l.t('page.ranks', { from: 13, to: 24 })).toBe('第 13–24 名');
    l.toggle();
    expect(l.lang).toBe('en');
    expect(l.t('status.final')).toBe('Final');
    expect(l.t('status.frozen')).toBe('Frozen');
  });

  it('names the usual award tiers in English and leaves others as given', () => {
    const l = new Locale('en');
    expect(l.award('一等奖')).toBe('1st prize');
    expect(l.award('最佳创意奖')).toBe('最佳创意奖');
    expect(new Locale('zh-CN').award('一等奖')).toBe('一等奖');
  });

  it('leaves an unknown placeholder visible', () => {
    expect(format('{a} {b}', { a: 1 })).toBe('1 {b}');
  });
});
