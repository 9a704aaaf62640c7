import type { ImportReport } from '@skillscore/server/contracts';
import { describe, expect, it } from 'vitest';
import { XLSX_TYPE } from '../api/console-api';
import { FakeConsoleApi, httpError } from '../testing/fake-console-api';
import { importContentType, ImportFlow, problemsByRow } from './import-flow.svelte';

function report(over: Partial<ImportReport> = {}): ImportReport {
  return { dryRun: true, rows: 3, problems: [], newContestants: 3, newEntries: { hair: 3 }, preview: [], ...over };
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
    expect(api.calls[0].args.slice(2)).toEqual(['text/csv', true]);
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
    expect(api.calls[1].args).toEqual(['BG2024', f, XLSX_TYPE, false]);
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
