import { droppedIndices } from '../domain/scoring/aggregate';
import { hundredthsToNumber } from '../domain/scoring/decimal';
import type { ComputedEvent } from '../standings/standings.service';
import type { MarkMatrix } from './xlsx-workbook';

/** Every judge's mark for every entry, with the marks that trimming dropped flagged. */
export function markMatrix(c: ComputedEvent, criterionNames: Record<string, string>): MarkMatrix {
  const { scheme, inputs, rows } = c;
  const columns = scheme.criteria.flatMap((cr) => (scheme.assignments[cr.key] ?? []).map((judge) => ({ criterion: cr.key, criterionName: criterionNames[cr.key] ?? cr.key, judge })));
  const byBib = new Map(inputs.entries.map((e) => [e.bib, e]));
  return {
    columns,
    rows: rows.map((r) => {
      const e = byBib.get(r.bib)!;
      const sheetOf = new Map(e.sheets.map((s) => [s.judge, s]));
      const dropped = new Set<string>();
      if (scheme.over === 'total') {
        const judges = e.sheets.filter((s) => scheme.criteria.some((cr) => cr.kind === 'judged' && s.scores[cr.key] !== undefined)).map((s) => s.judge);
        const totals = judges.map((j) => scheme.criteria.reduce((t, cr) => (cr.kind === 'judged' ? t + (sheetOf.get(j)!.scores[cr.key] ?? 0) * cr.weight : t), 0));
        for (const i of droppedIndices(totals, scheme.method, scheme.trim)) {
          for (const cr of scheme.criteria) if (cr.kind === 'judged') dropped.add(`${cr.key}|${judges[i]}`);
        }
      } else {
        for (const cr of scheme.criteria) {
          if (cr.kind !== 'judged') continue;
          const present = (scheme.assignments[cr.key] ?? []).filter((j) => sheetOf.get(j)?.scores[cr.key] !== undefined);
          for (const i of droppedIndices(present.map((j) => sheetOf.get(j)!.scores[cr.key]), scheme.method, scheme.trim)) dropped.add(`${cr.key}|${present[i]}`);
        }
      }
      return {
        station: r.station,
        bib: r.bib,
        values: columns.map((col) => {
          const v = sheetOf.get(col.judge)?.scores[col.criterion];
          return v === undefined ? null : { value: hundredthsToNumber(v), dropped: dropped.has(`${col.criterion}|${col.judge}`) };
        }),
        parts: r.parts,
        deductions: r.deductions,
        total: r.total,
      };
    }),
  };
}
