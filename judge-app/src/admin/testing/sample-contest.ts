import type { ContestFile } from '@skillscore/server/contracts';

/** A contest file with every part the setup form edits, as the server stores and answers it. */
export function sampleContest(): ContestFile {
  return {
    code: 'BG2024',
    title: '2024年技能竞赛',
    locale: 'zh-CN',
    venue: '重庆市北碚区',
    judges: [
      { key: 'J1', name: '刘敏', pin: '482913' },
      { key: 'J2', name: '陈刚', pin: '100002' },
      { key: 'J3', name: '王芳', pin: '100003' },
      { key: 'J4', name: '赵磊' },
    ],
    contestants: [
      { bib: 'A001', name: '王小雨', organization: '广安市总工会' },
      { bib: 'A002', name: '李晓燕', organization: '北碚区总工会' },
    ],
    events: [
      {
        key: 'hair',
        name: '美发',
        precision: 2,
        criteria: [
          { key: 'design', name: '造型设计', kind: 'judged', max: 40, step: 0.5, tolerance: 6 },
          { key: 'theory', name: '理论', kind: 'measured', max: 100, step: 0.5, weight: 0.3 },
        ],
        aggregate: { over: 'criterion', method: 'trimmed', trim: 1 },
        tieBreak: [{ criterion: 'design' }, { criterion: 'theory', order: 'asc' }, { fewerDeductions: true }],
        awards: [
          { name: '一等奖', share: 0.1 },
          { name: '二等奖', share: 0.333, minTotal: 60 },
          { name: '优秀奖', count: 5 },
        ],
        panel: [{ judge: 'J1' }, { judge: 'J2' }, { judge: 'J3' }, { judge: 'J4', criteria: ['theory'] }],
        chiefJudge: 'J4',
        entries: [
          { bib: 'A001', station: '07' },
          { bib: 'A002', station: '08' },
        ],
      },
      {
        key: 'nails',
        name: '美甲',
        criteria: [{ key: 'score', name: '得分', kind: 'judged', max: 100 }],
        panel: [],
        entries: [],
      },
    ],
    teams: { size: 2, events: ['hair'] },
  };
}
