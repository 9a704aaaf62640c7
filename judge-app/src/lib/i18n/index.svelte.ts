import { browserStorage, type KeyValue } from '../storage';
import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export type { MessageKey };

const DICTS: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const KEY = 'skillscore.judge.locale';

export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** The tablet's language: Chinese unless the judge switched, remembered on the tablet. */
export class I18n {
  locale = $state<Locale>('zh-CN');

  constructor(private readonly store: KeyValue = browserStorage()) {
    const saved = store.getItem(KEY);
    if (saved === 'en' || saved === 'zh-CN') this.locale = saved;
  }

  /** Reads the locale, so markup calling t() updates when the language changes. */
  t = (key: MessageKey, params?: Record<string, string | number>): string => format(DICTS[this.locale][key], params);

  set(locale: Locale): void {
    this.locale = locale;
    try {
      this.store.setItem(KEY, locale);
    } catch {
      // keep it for this visit only
    }
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
  }

  toggle(): void {
    this.set(this.locale === 'zh-CN' ? 'en' : 'zh-CN');
  }

  time(iso: string | number | null): string {
    if (iso === null) return '';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return String(iso);
    return new Intl.DateTimeFormat(this.locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(d);
  }

  dateTime(iso: string | number | null): string {
    if (iso === null) return '';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return String(iso);
    return new Intl.DateTimeFormat(this.locale, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(d);
  }
}

export const i18n = new I18n();
export const t = i18n.t;
