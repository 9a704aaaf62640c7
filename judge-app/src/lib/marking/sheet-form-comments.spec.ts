import { describe, expect, it } from 'vitest';
import type { KeyValue } from '../storage';
import { SheetForm } from './sheet-form.svelte';

const criteria = [
  { key: 'design', name: '造型设计', kind: 'judged' as const, max: 40, step: 0.5 },
  { key: 'finish', name: '整体效果', kind: 'judged' as const, max: 30, step: 0.5 },
];

function memory(): KeyValue & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('SheetForm: remarks per criterion', () => {
  it('are optional: none typed gives an empty object', () => {
    const f = new SheetForm(criteria, null, null, memory());
    expect(f.commentsValid).toBe(true);
    expect(f.comments()).toEqual({});
    expect(f.commentStates.design).toEqual({ text: '', length: 0, max: 500, issue: null });
  });

  it('are trimmed, line breaks become spaces, and empty ones are left out', () => {
    const f = new SheetForm(criteria, null, null, memory());
    f.setComment('design', '  轮廓清晰\n收尾略粗糙 ');
    f.setComment('finish', '   ');
    expect(f.notes.design).toBe('  轮廓清晰 收尾略粗糙 ');
    expect(f.comments()).toEqual({ design: '轮廓清晰 收尾略粗糙' });
  });

  it('count characters as the server does and stop at 500', () => {
    const f = new SheetForm(criteria, null, null, memory());
    f.setComment('design', '𠀀'.repeat(500));
    expect(f.commentStates.design).toMatchObject({ length: 500, issue: null });
    f.setComment('design', '好'.repeat(501));
    expect(f.commentStates.design).toMatchObject({ length: 501, issue: 'tooLong' });
    expect(f.commentsValid).toBe(false);
    expect(f.comments()).toBeNull();
    f.setComment('design', 'a\u0007b');
    expect(f.commentStates.design.issue).toBe('control');
  });

  it('are kept in the draft beside the marks, start from the last version, and go with the draft', () => {
    const store = memory();
    const key = 'skillscore.judge.draft.BG2024.hair.J1.07';
    const a = new SheetForm(criteria, key, null, store);
    a.setText('design', '37');
    a.setComment('finish', '色彩协调');
    // a reload: the draft is what the judge left, over the earlier version's remarks
    const b = new SheetForm(criteria, key, null, store, { design: '上一版', finish: '上一版' });
    expect(b.texts.design).toBe('37');
    expect(b.notes).toEqual({ design: '', finish: '色彩协调' });
    b.clearDraft();
    expect([...store.map.keys()]).toEqual([]);
    // a reopened sheet without a draft starts from the remarks it was sent back with
    const c = new SheetForm(criteria, key, { design: 36, finish: 27 }, store, { design: '上一版' });
    expect(c.comments()).toEqual({ design: '上一版' });
  });

  it('a draft from before remarks existed still reads', () => {
    const store = memory();
    const key = 'skillscore.judge.draft.BG2024.hair.J1.08';
    store.setItem(key, JSON.stringify({ design: '35.5' }));
    const f = new SheetForm(criteria, key, null, store);
    expect(f.texts.design).toBe('35.5');
    expect(f.comments()).toEqual({});
  });
});
