import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export type { MessageKey };

const DICTS: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const KEY = 'skillscore.console.locale';

export function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

interface Store {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function localStore(): Store | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** The console's language: Chinese unless the organizer switched, remembered in the browser. */
export class ConsoleI18n {
  locale = $state<Locale>('zh-CN');

  constructor(private readonly store: Store | null = localStore()) {
    const saved = store?.getItem(KEY);
    if (saved === 'en' || saved === 'zh-CN') this.locale = saved;
  }

  /** Reads the locale, so markup calling t() follows a language switch. */
  t = (key: MessageKey, params?: Record<string, string | number>): string => format(DICTS[this.locale][key] ?? key, params);

  set(locale: Locale): void {
    this.locale = locale;
    try {
      this.store?.setItem(KEY, locale);
    } catch {
      // kept for this visit only
    }
    if (typeof document !== 'undefined') document.documentElement.lang = locale;
  }

  toggle(): void {
    this.set(this.locale === 'zh-CN' ? 'en' : 'zh-CN');
  }

  dateTime(iso: string | null): string {
    if (!iso) return '';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    return new Intl.DateTimeFormat(this.locale, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(d);
  }

  number(n: number): string {
    return new Intl.NumberFormat(this.locale, { maximumFractionDigits: 4 }).format(n);
  }
}

export const i18n = new ConsoleI18n();
export const t = i18n.t;
