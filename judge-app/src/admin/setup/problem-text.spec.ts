import { describe, expect, it } from 'vitest';
import { validateContestFile } from '@skillscore/server/scoring';
import { ConsoleI18n } from '../i18n/index.svelte';
import { draftFromFile } from './draft';
import { checkDraft } from './draft-to-file';
import { problemText } from './problem-text';
import { sampleContest } from '../testing/sample-contest';

const zh = new ConsoleI18n(null);
const en = new ConsoleI18n(null);
en.set('en');

describe('problem messages in the console’s language', () => {
  it('translates the validator’s wording with its values', () => {
    expect(problemText('must divide max 40 exactly (got 3)', zh.t)).toBe('步长须能整除满分 40（当前 3）');
    expect(problemText('unknown judge "J9" (not in judges)', zh.t)).toBe('裁判名单中没有“J9”');
    expect(problemText('trimming 1 high and 1 low needs at least 3 judges on "design", the panel has 2', zh.t)).toBe('去掉最高最低各 1 个，评分项“design”至少需要 3 名裁判，当前只有 2 名');
    expect(problemText('same PIN as judges[0]; each judge needs their own', en.t)).toBe('same PIN as judge no. 1; each judge needs their own');
  });

  it('translates the import’s row problems', () => {
    expect(problemText('bib B002 already belongs to 选手2 (广安市总工会)', zh.t)).toBe('参赛号 B002 已属于 选手2（广安市总工会）');
    expect(problemText('unknown event "插花" (events: hair/美发, nails/美甲)', zh.t)).toBe('没有赛项“插花”（可用：hair/美发, nails/美甲）');
    expect(problemText('unknown event "x"', zh.t)).toBe('没有赛项“x”');
    expect(problemText('empty', zh.t)).toBe('不能为空');
  });

  it('shows an unknown wording as the server wrote it', () => {
    expect(problemText('something new went wrong', zh.t)).toBe('something new went wrong');
  });

  it('leaves no problem of a badly filled form in English', () => {
    const d = draftFromFile(sampleContest());
    d.code = '!';
    d.title = '';
    d.judges.push({ key: 'J1', name: '', pin: '12' }, { key: 'J8', name: 'x', pin: '482913' });
    d.contestants.push({ bib: 'A001', name: 'x'.repeat(41), organization: 'o' });
    const hair = d.events[0];
    hair.precision = '9';
    hair.criteria.push({ key: 'design', name: 'd', kind: 'judged', max: '0', step: '0.001', weight: '200', tolerance: '-1' });
    hair.criteria.push({ key: 'constructor', name: 'c', kind: 'judged', max: '10.555', step: '', weight: '', tolerance: '' });
    hair.awards.push({ name: '一等奖', by: 'share', sharePercent: '150', count: '', minTotal: '-3' });
    hair.awards.push({ name: 'x', by: 'count', sharePercent: '', count: '0', minTotal: '' });
    hair.tieBreak.push({ by: 'criterion', criterion: 'nope', order: 'desc' });
    hair.panel.push({ judge: 'J1', all: true, criteria: [] }, { judge: 'J77', all: false, criteria: [] });
    hair.chiefJudge = 'J99';
    hair.entries.push({ bib: 'A001', station: '07' }, { bib: 'Z1', station: '99' });
    d.events.push({ ...structuredClone(d.events[1]), criteria: [] });
    d.teams = { size: '0', events: ['nowhere'] };
    const { problems } = checkDraft(d);
    expect(problems.length).toBeGreaterThan(20);
    const untranslated = problems.map((p) => problemText(p.message, zh.t)).filter((m) => !/[\u4e00-\u9fff]/.test(m));
    expect(untranslated).toEqual([]);
    // the rules of the server's validator are among them
    expect(validateContestFile(checkDraft(d).file).length).toBeGreaterThan(10);
  });
});
