import type { Problem } from '@skillscore/server/contracts';
import type { ContestDraft } from './draft';

/** A path and the paths that hold it, innermost first: `a[0].b` → `a[0].b`, `a[0]`, `a`, ``. */
export function ancestors(path: string): string[] {
  const out = [path];
  let p = path;
  while (p !== '') {
    const m = /^(.*)(?:\[\d+\]|\.[^.[\]]+)$/.exec(p);
    p = m ? m[1] : '';
    out.push(p);
  }
  return out;
}

/** Every place of the setup form a problem can be shown: each field, each row, each list. */
export function fieldPaths(d: ContestDraft): Set<string> {
  const f = new Set<string>(['', 'code', 'title', 'venue', 'locale', 'judges', 'contestants', 'events']);
  const add = (base: string, fields: readonly string[]) => {
    f.add(base);
    for (const x of fields) f.add(`${base}.${x}`);
  };
  d.judges.forEach((_, i) => add(`judges[${i}]`, ['key', 'name', 'pin']));
  d.contestants.forEach((_, i) => add(`contestants[${i}]`, ['bib', 'name', 'organization']));
  d.events.forEach((ev, e) => {
    const p = `events[${e}]`;
    add(p, ['key', 'name', 'precision', 'criteria', 'aggregate', 'aggregate.over', 'aggregate.method', 'tieBreak', 'awards', 'panel', 'chiefJudge', 'entries']);
    if (ev.method === 'trimmed') f.add(`${p}.aggregate.trim`);
    ev.criteria.forEach((_, i) => add(`${p}.criteria[${i}]`, ['key', 'name', 'kind', 'max', 'step', 'weight', 'tolerance']));
    ev.tieBreak.forEach((t, i) => add(`${p}.tieBreak[${i}]`, t.by === 'criterion' ? ['criterion'] : []));
    ev.awards.forEach((a, i) => add(`${p}.awards[${i}]`, ['name', a.by === 'share' ? 'share' : 'count', 'minTotal']));
    ev.panel.forEach((_, i) => add(`${p}.panel[${i}]`, ['judge', 'criteria']));
    ev.entries.forEach((_, i) => add(`${p}.entries[${i}]`, ['bib', 'station']));
  });
  if (d.teams) add('teams', ['size', 'events']);
  else f.add('teams');
  return f;
}

/**
 * Each problem at the nearest place the form shows: its own field when there is one, else the
 * row or list holding it (a share sum belongs to the award list, "no judge marks X" to the
 * criterion's row), else the form as a whole.
 */
export function placeProblems(problems: readonly Problem[], places: ReadonlySet<string>): Map<string, Problem[]> {
  const out = new Map<string, Problem[]>();
  for (const p of problems) {
    const at = ancestors(p.path).find((a) => places.has(a)) ?? '';
    const list = out.get(at);
    if (list) list.push(p);
    else out.set(at, [p]);
  }
  return out;
}

/** How many problems sit at a path or anywhere inside it, for a collapsed section's badge. */
export function countWithin(placed: ReadonlyMap<string, Problem[]>, prefix: string): number {
  let n = 0;
  for (const [path, list] of placed) if (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) n += list.length;
  return n;
}

/** The DOM id of a field's control, from its path. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_-]/g, (c) => (c === '.' ? '--' : c === '[' ? '_' : c === ']' ? '' : '-'))}`;
}
