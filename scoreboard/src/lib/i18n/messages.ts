import { en } from './en';
import { zhCN, type MessageKey, type Messages } from './zh-CN';

export type Lang = 'zh-CN' | 'en';
export type { MessageKey, Messages };

export const dictionaries: Record<Lang, Messages> = { 'zh-CN': zhCN, en };

/** Award names are the organizer's words; the usual Chinese tiers get English names. */
export const awardNames: Record<Lang, Record<string, string>> = {
  'zh-CN': {},
  en: { 一等奖: '1st prize', 二等奖: '2nd prize', 三等奖: '3rd prize', 优秀奖: 'Merit', 特等奖: 'Grand prize' },
};

export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}
