import { describe, expect, it } from 'vitest';
import type { KeyValue } from '../storage';
import { draftKeyOf, SheetForm } from './sheet-form.svelte';

const criteria = [
  { key: 'design', name: '造型设计', kind: 'judged' as const, max: 40, step: 0.5 },
  { key: 'technique', name: '技术难度', kind: 'judged' as const, max: 30, step: 0.5 },
  { key: 'theory', name: '理论', kind: 'measured' as const, max: 100, step: 0.25 },
];

function memory(): KeyValue & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('SheetForm', () => {
  it('starts empty and incomplete', () => {
    const f = new SheetForm(criteria, null, null, memory());
    expect(f.fields.map((x) => x.issue)).toEqual(['empty', 'empty', 'empty']);
    expect(f.complete).toBe(false);
    expect(f.totalH).toBe(0);
    expect(f.maxH).toBe(17000);
    expect(f.scores()).toBeNull();
  });

  it('steps with the buttons and validates typed marks live', () => {
    const f = new SheetForm(criteria, null, null, memory());
    f.step('design', 1);
    f.step('design', 1);
    expect(f.texts.design).toBe('1.0');
    f.setText('design', '37.3');
    expect(f.fields[0].issue).toBe('step');
    f.step('design', 1);
    expect(f.texts.design).toBe('37.5');
    expect(f.fields[0].issue).toBeNull();
    f.setText('technique', '31');
    expect(f.fields[1].issue).toBe('range');
    f.setText('technique', '２５．５');
    f.setText('theory', '88.25');
    expect(f.complete).toBe(true);
    expect(f.filled).toBe(3);
    expect(f.totalH).toBe(3750 + 2550 + 8825);
    expect(f.totalDecimals).toBe(2);
    expect(f.scores()).toEqual({ design: 37.5, technique: 25.5, theory: 88.25 });
  });

  it('writes a valid mark the stored way when the judge leaves the field, and leaves a wrong one as typed', () => {
    const f = new SheetForm(criteria, null, null, memory());
    f.setText('design', '３７');
    f.touch('design');
    expect(f.texts.design).toBe('37.0');
    f.setText('technique', '25.3');
    f.touch('technique');
    expect(f.texts.technique).toBe('25.3');
    expect(f.touched).toEqual({ design: true, technique: true });
  });

  it('keeps a draft across a reload and forgets it once submitted', () => {
    const store = memory();
    const key = draftKeyOf('BG2024', 'hair', 'J1', '07');
    const a = new SheetForm(criteria, key, null, store);
    a.setText('design', '36');
    a.step('technique', 1);
    const b = new SheetForm(criteria, key, null, store);
    expect(b.texts).toEqual({ design: '36', technique: '0.5', theory: '' });
    b.clearDraft();
    expect(store.map.has(key)).toBe(false);
  });

  it('prefills a reopened sheet with the previous marks', () => {
    const f = new SheetForm(criteria, null, { design: 37, technique: 25.5, theory: 90 }, memory());
    expect(f.texts).toEqual({ design: '37.0', technique: '25.5', theory: '90.00' });
    expect(f.complete).toBe(true);
  });
});
