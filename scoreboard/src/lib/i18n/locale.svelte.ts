import { awardNames, dictionaries, format, type Lang, type MessageKey } from './messages';

/** The board's language; every visible string goes through `t`. */
export class Locale {
  lang = $state<Lang>('zh-CN');

  constructor(lang: Lang = 'zh-CN') {
    this.lang = lang;
  }

  t = (key: MessageKey, vars?: Record<string, string | number>): string => format(dictionaries[this.lang][key], vars);

  award = (name: string): string => awardNames[this.lang][name] ?? name;

  toggle(): void {
    this.lang = this.lang === 'zh-CN' ? 'en' : 'zh-CN';
  }
}
