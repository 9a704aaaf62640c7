import type { ImportReport } from '@skillscore/server/contracts';
import { describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../api/console-api';
import { ConsoleI18n } from '../i18n/index.svelte';
import { problemText } from '../setup/problem-text';
import { FakeConsoleApi, httpError } from '../testing/fake-console-api';
import { importContentType, ImportFlow, problemsByRow } from './import-flow.svelte';

function report(over: Partial<ImportReport> = {}): ImportReport {
  return { dryRun: true, rows: 3, problems: [], newContestants: 3, newEntries: { hair: 3 }, preview: [], finalEvents: [], markedEvents: [], ...over };
}

const file = (name: string, type = '') => new File(['bib,name\n'], name, { type });

describe('ImportFlow', () => {
  it('knows the type of a spreadsheet from its name, as browsers often leave it empty', () => {
    expect(importContentType(file('名单.XLSX'))).toBe(XLSX_TYPE);
    expect(importContentType(file('list.csv'))).toBe('text/csv');
    expect(importContentType(file('blob', XLSX_TYPE))).toBe(XLSX_TYPE);
    expect(importContentType(file('list.xls'))).toBeNull();
    expect(importContentType(file('list.pdf', 'application/pdf'))).toBeNull();
  });

  it('groups the problems by sheet row, in row order', () => {
    const r = report({
      problems: [
        { row: 121, field: 'name', message: 'empty' },
        { row: 51, field: 'event', message: 'unknown event "插花"' },
        { row: 121, field: 'bib', message: 'x' },
      ],
    });
    expect(problemsByRow(r)).toEqual([
      { row: 51, problems: [{ field: 'event', message: 'unknown event "插花"' }] },
      { row: 121, problems: [{ field: 'name', message: 'empty' }, { field: 'bib', message: 'x' }] },
    ]);
  });

  it('a chosen file is checked at once and nothing is stored; a file with problems cannot be committed', async () => {
    const api = new FakeConsoleApi().on('importSheet', report({ problems: [{ row: 3, field: 'event', message: 'unknown event "x"' }] }));
    const flow = new ImportFlow(api.asApi(), 'BG2024');
    await flow.choose(file('list.csv'));
    expect(api.calls[0].args.slice(2)).toEqual(['text/csv', true, false]);
    expect(flow.phase).toBe('previewed');
    expect(flow.problemRows.has(3)).toBe(true);
    expect(flow.canCommit).toBe(false);
    expect(flow.progress).toBe(1);
  });

  it('a clean preview commits the same file in one step', async () => {
    const api = new FakeConsoleApi().on('importSheet', report()).on('importSheet', report({ dryRun: false }));
    const flow = new ImportFlow(api.asApi(), 'BG2024');
    const f = file('list.xlsx');
    await flow.choose(f);
    expect(flow.canCommit).toBe(true);
    await flow.commit();
    expect(flow.phase).toBe('done');
    expect(api.calls[1].args).toEqual(['BG2024', f, XLSX_TYPE, false, false]);
  });

  it('once marking has started in an event of the file, the import waits for the organizer to confirm', async () => {
    const api = new FakeConsoleApi().on('importSheet', report({ markedEvents: ['hair'] })).on('importSheet', report({ dryRun: false, markedEvents: ['hair'] }));
    const flow = new ImportFlow(api.asApi(), 'BG2024');
    await flow.choose(file('list.csv'));
    expect(flow.markedEvents).toEqual(['hair']);
    expect(flow.needsConfirm).toBe(true);
    await flow.commit(true);
    expect(flow.phase).toBe('done');
    expect(api.calls[1].args.slice(3)).toEqual([false, true]);
  });

  it('a finalized event of the file blocks the import', async () => {
    const api = new FakeConsoleApi().on('importSheet', report({ finalEvents: ['hair'], markedEvents: ['hair'] }));
    const flow = new ImportFlow(api.asApi(), 'BG2024');
    await flow.choose(file('list.csv'));
    expect(flow.finalEvents).toEqual(['hair']);
    expect(flow.canCommit).toBe(false);
    expect(flow.needsConfirm).toBe(false);
  });

  it('a commit refused because the contest changed since the check shows the new check and why', async () => {
    const refusal = httpError(409, 'marking has started in event "hair": the import adds entries to an event being marked; send the file again with ?confirm=1 to import it');
    const api = new FakeConsoleApi().on('importSheet', report()).on('importSheet', refusal).on('importSheet', report({ markedEvents: ['hair'] }));
    const flow = new ImportFlow(api.asApi(), 'BG2024');
    await flow.choose(file('list.csv'));
    await flow.commit();
    expect(api.calls.map((c) => c.args[3])).toEqual([true, false, true]);
    expect(flow.phase).toBe('previewed');
    expect(flow.needsConfirm).toBe(true);
    expect(flow.error).toBe(refusal);
  });

  it('refuses a file that is not a spreadsheet without sending it', async () => {
    const api = new FakeConsoleApi();
    const flow = new ImportFlow(api.asApi(), 'BG2024');
    await flow.choose(file('photo.png', 'image/png'));
    expect(flow.wrongType).toBe(true);
    expect(api.calls).toEqual([]);
  });

  it('a refused commit (rows changed meanwhile) is shown, and the file can be chosen again', async () => {
    const api = new FakeConsoleApi().on('importSheet', report()).on('importSheet', httpError(400, 'row 2.bib: bib A001 is already entered in 美发'));
    const flow = new ImportFlow(api.asApi(), 'BG2024');
    await flow.choose(file('a.csv'));
    await flow.commit();
    expect(flow.phase).toBe('failed');
    expect(flow.error).toBeInstanceOf(Error);
    flow.reset();
    expect(flow.phase).toBe('idle');
  });
});

describe('the import’s refusals in the console’s language', () => {
  it('says in Chinese that an event is finalized or being marked', () => {
    const zh = new ConsoleI18n(null);
    expect(problemText('event "hair" is finalized; the organizer must reopen it before an import can add entries', zh.t)).toBe('赛项 "hair" 已签字确认，须由组委会重新开放后才能导入');
    expect(problemText('events "hair", "nails" are finalized; the organizer must reopen them before an import can add entries', zh.t)).toBe('赛项 "hair", "nails" 已签字确认，须由组委会重新开放后才能导入');
    expect(problemText('marking has started in event "hair": the import adds entries to an event being marked; send the file again with ?confirm=1 to import it', zh.t)).toBe('赛项 "hair" 已开始评分，确认后才能导入');
    expect(problemText('finalized event "hair" shows this contestant: reopen it before changing contestant A001 name', zh.t)).toBe('该选手参加的赛项 "hair" 已签字确认，须先重新开放才能修改');
  });
});
