import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api/http';
import { FakeConsoleApi, httpError } from '../testing/fake-console-api';
import { sampleContest } from '../testing/sample-contest';
import { ContestEditor } from './contest-editor.svelte';

function editing(api = new FakeConsoleApi()) {
  const editor = new ContestEditor('edit', api.asApi(), 'BG2024');
  editor.load(sampleContest());
  return { editor, api };
}

describe('ContestEditor', () => {
  it('a new form shows a field’s problems once it is touched, and all of them once a save is tried', async () => {
    const api = new FakeConsoleApi();
    const editor = new ContestEditor('create', api.asApi());
    expect(editor.problemCount).toBeGreaterThan(0);
    expect(editor.visible.size).toBe(0);
    editor.draft.code = 'x';
    editor.touch('code');
    expect([...editor.visible.keys()]).toEqual(['code']);
    const outcome = await editor.save();
    expect(outcome).toEqual({ kind: 'invalid', first: 'code' });
    expect(editor.at('title')).toHaveLength(1);
    expect(api.calls).toEqual([]);
  });

  it('creates the contest with the file the form holds', async () => {
    const api = new FakeConsoleApi().on('create', (file: unknown) => ({ ...(file as object), events: [], judges: [] }));
    const editor = new ContestEditor('create', api.asApi());
    editor.load(sampleContest());
    const outcome = await editor.save();
    expect(outcome.kind).toBe('created');
    expect(api.calls[0].args[0]).toEqual(sampleContest());
    expect(editor.dirty).toBe(false);
  });

  it('a code already taken shows at the code field', async () => {
    const api = new FakeConsoleApi().on('create', httpError(409, 'contest code "BG2024" already exists'));
    const editor = new ContestEditor('create', api.asApi());
    editor.load(sampleContest());
    expect(await editor.save()).toEqual({ kind: 'invalid', first: 'code' });
    expect(editor.at('code')[0].message).toMatch(/already exists/);
  });

  it('the server’s problems go to their fields and leave when that field is edited', async () => {
    const { editor, api } = editing();
    api.on('edit', httpError(400, '2 problems', [
      { path: 'events[0].criteria[0].max', message: 'a stored mark is 38 (station 07); max must be at least that' },
      { path: 'judges[1].pin', message: 'same PIN as judge "J3"; each judge needs their own' },
    ]));
    expect(await editor.save()).toEqual({ kind: 'invalid', first: 'judges[1].pin' });
    expect(editor.at('events[0].criteria[0].max')).toHaveLength(1);
    editor.touch('events[0].criteria[0].max');
    expect(editor.at('events[0].criteria[0].max')).toHaveLength(0);
    expect(editor.at('judges[1].pin')).toHaveLength(1);
  });

  it('a 409 for marked results waits for a confirmation with a reason, then sends confirm', async () => {
    const { editor, api } = editing();
    editor.draft.events[0].criteria[0].max = '50';
    api.on('edit', httpError(409, 'marking has started', [{ path: 'events[0].criteria', message: 'marking has started in event "hair": changing criteria changes results already marked; send "confirm": true to apply it' }]));
    api.on('edit', { code: 'BG2024', title: '', venue: '', locale: 'zh-CN', events: [], judges: [], changes: [{ event: 'hair', what: 'criteria', path: 'events[0].criteria', kind: 'changed', confirmed: true }] });
    expect(await editor.save()).toEqual({ kind: 'needsConfirm' });
    expect(editor.pendingConfirm?.problems[0].path).toBe('events[0].criteria');
    const outcome = await editor.confirm('  评分标准勘误  ');
    expect(outcome.kind).toBe('edited');
    expect(api.calls[1].args).toEqual(['BG2024', expect.objectContaining({ code: 'BG2024' }), { confirm: true, reason: '评分标准勘误' }]);
    expect((api.calls[1].args[1] as { events: { criteria: { max: number }[] }[] }).events[0].criteria[0].max).toBe(50);
    expect(editor.pendingConfirm).toBeNull();
  });

  it('a network failure is handed back, the form kept as it is', async () => {
    const { editor, api } = editing();
    api.on('edit', new ApiError('network', 0, null));
    const outcome = await editor.save();
    expect(outcome.kind).toBe('failed');
    expect(editor.draft.code).toBe('BG2024');
  });

  it('the code of a stored contest cannot change, even by importing another file', () => {
    const { editor } = editing();
    expect(editor.importJson(JSON.stringify({ ...sampleContest(), code: 'OTHER' }))).toBe(true);
    expect(editor.at('code')[0].message).toMatch(/cannot change/);
    expect(editor.importJson('not json')).toBe(false);
    expect(editor.importJson('[1,2]')).toBe(false);
  });

  it('exports what the form holds as a contest file', async () => {
    const { editor } = editing();
    const out = editor.exportJson();
    expect(out.filename).toBe('BG2024.contest.json');
    expect(JSON.parse(await out.blob.text())).toEqual(sampleContest());
  });

  it('enters every contestant on free stations and puts every judge but the chief on the panel', () => {
    const { editor } = editing();
    const nails = editor.draft.events[1];
    editor.draft.contestants.push({ bib: 'A003', name: 'c', organization: 'o' });
    nails.entries.push({ bib: 'A002', station: '01' });
    editor.enterEveryone(nails);
    expect(nails.entries).toEqual([
      { bib: 'A002', station: '01' },
      { bib: 'A001', station: '02' },
      { bib: 'A003', station: '03' },
    ]);
    nails.chiefJudge = 'J4';
    editor.addAllJudges(nails);
    expect(nails.panel.map((p) => p.judge)).toEqual(['J1', 'J2', 'J3']);
    editor.addJudge();
    expect(editor.draft.judges.at(-1)!.key).toBe('J5');
  });

  it('removing a row drops the server’s problems, whose positions no longer hold', async () => {
    const { editor, api } = editing();
    api.on('edit', httpError(400, 'x', [{ path: 'contestants[1].name', message: 'must not be empty' }]));
    await editor.save();
    expect(editor.serverProblems).toHaveLength(1);
    editor.removeContestant(0);
    expect(editor.serverProblems).toHaveLength(0);
  });

  it('brings a row of a long list into view when its problem is the first', () => {
    const { editor } = editing();
    editor.reveal('events[0].entries[70].bib');
    editor.reveal('contestants[99].name');
    expect(editor.isExpanded('events[0].entries')).toBe(true);
    expect(editor.isExpanded('contestants')).toBe(true);
  });
});
