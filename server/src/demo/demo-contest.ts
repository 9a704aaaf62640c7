import type { ContestFileInput } from '../contracts/contest-file';

/**
 * The demo contest: modelled on the 2024 Beibei–Guang'an hairdressing, beauty and nail-art
 * invitational. Names are generated from a seeded generator, so every fresh start looks the same.
 */
export const DEMO_CODE = 'BG2024';

export const DEMO_ORGANIZATIONS = [
  '北碚区总工会',
  '广安市总工会',
  '绵阳市总工会',
  '合川区总工会',
  '渝北区总工会',
  '南充市总工会',
  '遂宁市总工会',
  '达州市总工会',
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢';
const GIVEN = '小雨晓燕婷婷丽娟静怡欣然雪梅佳琪思源子涵雨桐梦瑶海燕春兰秋菊玉芳晓红丹丹莉莉慧敏美玲建华志强伟明俊杰浩然宇航文博';

export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function nameFrom(rand: () => number): string {
  const surname = SURNAMES[Math.floor(rand() * SURNAMES.length)];
  const pairs = GIVEN.length / 2;
  const i = Math.floor(rand() * pairs);
  const given = rand() < 0.3 ? GIVEN[i * 2] : GIVEN.slice(i * 2, i * 2 + 2);
  return surname + given;
}

const PER_EVENT = 100;

export function demoContestFile(): ContestFileInput {
  const rand = seededRandom(2024);
  const events = [
    { key: 'hair', name: '美发', prefix: 'H', judges: ['J01', 'J02', 'J03', 'J04', 'J05'], chief: 'J06' },
    { key: 'beauty', name: '美容', prefix: 'B', judges: ['J07', 'J08', 'J09', 'J10', 'J11'], chief: 'J12', recorder: 'J13' },
    { key: 'nails', name: '美甲', prefix: 'N', judges: ['J14', 'J15', 'J16', 'J17', 'J18'], chief: 'J19' },
  ];
  const contestants = events.flatMap((e) =>
    Array.from({ length: PER_EVENT }, (_, i) => ({
      bib: `${e.prefix}${String(i + 1).padStart(3, '0')}`,
      name: nameFrom(rand),
      organization: DEMO_ORGANIZATIONS[Math.floor(rand() * DEMO_ORGANIZATIONS.length)],
    })),
  );
  const judgeKeys = events.flatMap((e) => [...e.judges, e.chief, ...(e.recorder ? [e.recorder] : [])]);
  const judges = judgeKeys.map((key) => ({ key, name: nameFrom(rand) }));
  const awards = [
    { name: '一等奖', share: 0.1 },
    { name: '二等奖', share: 0.2 },
    { name: '三等奖', share: 0.3 },
  ];
  const entriesOf = (prefix: string) => {
    // stations are drawn by lot: a shuffled order, so a station says nothing about a contestant
    const stations = Array.from({ length: PER_EVENT }, (_, i) => String(i + 1).padStart(3, '0'));
    for (let i = stations.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [stations[i], stations[j]] = [stations[j], stations[i]];
    }
    return stations.map((station, i) => ({ bib: `${prefix}${String(i + 1).padStart(3, '0')}`, station }));
  };
  return {
    code: DEMO_CODE,
    title: '2024年“碚广”双城美容美发行业劳动和技能竞赛暨川渝邀请赛',
    locale: 'zh-CN',
    venue: '重庆市北碚区',
    judges,
    contestants,
    events: [
      {
        key: 'hair',
        name: '美发',
        precision: 2,
        criteria: [
          { key: 'design', name: '造型设计', kind: 'judged', max: 40, step: 0.5, tolerance: 6 },
          { key: 'technique', name: '技术难度', kind: 'judged', max: 30, step: 0.5, tolerance: 5 },
          { key: 'finish', name: '整体效果', kind: 'judged', max: 30, step: 0.5, tolerance: 5 },
        ],
        aggregate: { over: 'criterion', method: 'trimmed', trim: 1 },
        tieBreak: [{ criterion: 'design' }, { fewerDeductions: true }],
        awards,
        panel: events[0].judges.map((judge) => ({ judge })),
        chiefJudge: events[0].chief,
        entries: entriesOf('H'),
      },
      {
        key: 'beauty',
        name: '美容',
        precision: 2,
        criteria: [
          { key: 'makeup', name: '妆容设计', kind: 'judged', max: 40, step: 0.5, tolerance: 6 },
          { key: 'skill', name: '操作技法', kind: 'judged', max: 30, step: 0.5, tolerance: 5 },
          { key: 'hygiene', name: '卫生规范', kind: 'judged', max: 10, step: 0.5, tolerance: 3 },
          { key: 'theory', name: '理论知识', kind: 'measured', max: 100, step: 0.5, weight: 0.2 },
        ],
        aggregate: { over: 'criterion', method: 'trimmed', trim: 1 },
        tieBreak: [{ criterion: 'makeup' }, { fewerDeductions: true }],
        awards,
        panel: [...events[1].judges.map((judge) => ({ judge })), { judge: events[1].recorder!, criteria: ['theory'] }],
        chiefJudge: events[1].chief,
        entries: entriesOf('B'),
      },
      {
        key: 'nails',
        name: '美甲',
        precision: 2,
        criteria: [
          { key: 'creativity', name: '创意构思', kind: 'judged', max: 40, step: 0.5, tolerance: 6 },
          { key: 'craft', name: '工艺技巧', kind: 'judged', max: 40, step: 0.5, tolerance: 6 },
          { key: 'overall', name: '整体效果', kind: 'judged', max: 20, step: 0.5, tolerance: 4 },
        ],
        aggregate: { over: 'total', method: 'trimmed', trim: 1 },
        tieBreak: [{ criterion: 'creativity' }, { fewerDeductions: true }],
        awards,
        panel: events[2].judges.map((judge) => ({ judge })),
        chiefJudge: events[2].chief,
        entries: entriesOf('N'),
      },
    ],
    teams: { size: 3, events: ['hair', 'beauty', 'nails'] },
  };
}

/** A believable mark for one criterion: a contestant's skill plus a judge's leaning plus noise, on the step. */
export function demoMark(rand: () => number, max: number, step: number, skill: number, leaning: number): number {
  const raw = max * Math.min(0.98, Math.max(0.45, skill + leaning + (rand() - 0.5) * 0.12));
  return Math.round(raw / step) * step;
}
