import type { ContestFileInput } from '../../src/contracts/contest-file';

/**
 * Small contest files for contract tests. Each test file creates its own contests under its
 * own codes, so tests never share marks.
 */

export interface JudgeSpec {
  key: string;
  pin?: string;
}

export function judges(count: number, firstPin = 200001): { key: string; name: string; pin: string }[] {
  return Array.from({ length: count }, (_, i) => ({ key: `J${String(i + 1).padStart(2, '0')}`, name: `裁判${i + 1}`, pin: String(firstPin + i) }));
}

export interface SoloEntry {
  bib: string;
  organization: string;
  station: string;
}

/**
 * One event `solo`: one judged criterion `score` (max 100, step 0.5), marked by one judge J1
 * (PIN `pin`), plain mean, chief judge J2 (PIN `pin + 1`), awards 10 % / 20 % / 30 %.
 * With one judge the total is the mark, so a test sets totals directly.
 */
export function soloContest(code: string, entries: SoloEntry[], pin = 300001): ContestFileInput {
  return {
    code,
    title: `单项赛 ${code}`,
    locale: 'zh-CN',
    venue: '成都市',
    judges: [
      { key: 'J1', name: '评委甲', pin: String(pin) },
      { key: 'J2', name: '裁判长乙', pin: String(pin + 1) },
    ],
    contestants: entries.map((e, i) => ({ bib: e.bib, name: `选手${i + 1}`, organization: e.organization })),
    events: [
      {
        key: 'solo',
        name: '调制制作',
        precision: 2,
        criteria: [{ key: 'score', name: '得分', kind: 'judged', max: 100, step: 0.5 }],
        aggregate: { over: 'criterion', method: 'mean' },
        awards: [
          { name: '一等奖', share: 0.1 },
          { name: '二等奖', share: 0.2 },
          { name: '三等奖', share: 0.3 },
        ],
        panel: [{ judge: 'J1' }],
        chiefJudge: 'J2',
        entries: entries.map((e) => ({ bib: e.bib, station: e.station })),
      },
    ],
    teams: { size: 3, events: ['solo'] },
  };
}

/**
 * `count` panel judges (J01…, PINs from `firstPin`) marking one criterion `score` of event
 * `e1` (and of `e2` when `events` is 2), chief judge CJ (PIN 999999), `stations` entries per event.
 */
export function panelContest(code: string, opts: { judges: number; stations: number; events?: 1 | 2; firstPin?: number }): ContestFileInput {
  const panel = judges(opts.judges, opts.firstPin ?? 200001);
  const contestants = Array.from({ length: opts.stations }, (_, i) => ({
    bib: `B${String(i + 1).padStart(3, '0')}`,
    name: `选手${i + 1}`,
    organization: ['重庆市总工会', '四川省总工会'][i % 2],
  }));
  const event = (key: string, name: string) => ({
    key,
    name,
    criteria: [{ key: 'score', name: '得分', kind: 'judged' as const, max: 100, step: 0.5 }],
    aggregate: { over: 'criterion' as const, method: 'mean' as const },
    panel: panel.map((j) => ({ judge: j.key })),
    chiefJudge: 'CJ',
    entries: contestants.map((c, i) => ({ bib: c.bib, station: String(i + 1).padStart(2, '0') })),
  });
  return {
    code,
    title: `联赛 ${code}`,
    judges: [...panel, { key: 'CJ', name: '裁判长', pin: '999999' }],
    contestants,
    events: opts.events === 2 ? [event('e1', '个人赛一'), event('e2', '个人赛二')] : [event('e1', '个人赛一')],
  };
}

export function stationOf(i: number): string {
  return String(i + 1).padStart(2, '0');
}

/** The bib at station `stationOf(i)` in a panelContest: public rows name no station until the event is final. */
export function bibOf(i: number): string {
  return `B${String(i + 1).padStart(3, '0')}`;
}
