import { describe, expect, it } from 'vitest';
import { ConsoleI18n } from '../i18n/index.svelte';
import { draftFromFile } from './draft';
import { pathLabel } from './path-label';
import { sampleContest } from '../testing/sample-contest';

const zh = new ConsoleI18n(null);

describe('a file path as the organizer reads it', () => {
  const d = draftFromFile(sampleContest());
  it('names rows by what identifies them, not their position', () => {
    expect(pathLabel('events[0].criteria', d, zh.t)).toBe('美发 › 评分项');
    expect(pathLabel('events[0].entries[1].station', d, zh.t)).toBe('美发 › 参赛 A002 › 工位号');
    expect(pathLabel('events[0].criteria[1].max', d, zh.t)).toBe('美发 › 评分项 theory › 满分');
    expect(pathLabel('events[0].panel[3].judge', d, zh.t)).toBe('美发 › 裁判 J4 › 裁判');
    expect(pathLabel('events[0].awards[1].share', d, zh.t)).toBe('美发 › 二等奖 › 比例（%）');
    expect(pathLabel('contestants[0].organization', d, zh.t)).toBe('选手 A001 › 单位 / 代表队');
    expect(pathLabel('judges[2].pin', d, zh.t)).toBe('裁判 J3 › PIN 码');
    expect(pathLabel('teams', d, zh.t)).toBe('团体成绩');
    expect(pathLabel('events', d, zh.t)).toBe('赛项');
  });

  it('a row the form no longer has is named by its number', () => {
    expect(pathLabel('events[5].key', d, zh.t)).toBe('第 6 行 › 代码');
  });
});
