import type { ContestFile } from '../../contracts/contest-file';
import type { Problem } from './problems';
import { validateEventScheme } from './validate-scheme';

export const PIN_PATTERN = /^\d{4,8}$/;

function duplicates<T>(items: readonly T[], keyOf: (t: T) => string, report: (i: number, key: string) => void): void {
  const seen = new Set<string>();
  items.forEach((t, i) => {
    const k = keyOf(t);
    if (seen.has(k)) report(i, k);
    seen.add(k);
  });
}

/** Every problem of a contest file at once: references between its parts and each event's scheme. */
export function validateContestFile(file: ContestFile): Problem[] {
  const problems: Problem[] = [];
  const at = (path: string, message: string) => problems.push({ path, message });

  duplicates(file.judges, (j) => j.key, (i, k) => at(`judges[${i}].key`, `duplicate judge key "${k}"`));
  file.judges.forEach((j, i) => {
    if (j.pin !== undefined && !PIN_PATTERN.test(j.pin)) at(`judges[${i}].pin`, 'must be 4 to 8 digits');
  });
  const pinOwner = new Map<string, number>();
  file.judges.forEach((j, i) => {
    if (j.pin === undefined) return;
    const other = pinOwner.get(j.pin);
    if (other !== undefined) at(`judges[${i}].pin`, `same PIN as judges[${other}]; each judge needs their own`);
    else pinOwner.set(j.pin, i);
  });
  duplicates(file.contestants, (c) => c.bib, (i, k) => at(`contestants[${i}].bib`, `duplicate bib "${k}"`));
  duplicates(file.events, (e) => e.key, (i, k) => at(`events[${i}].key`, `duplicate event key "${k}"`));

  const judgeKeys = new Set(file.judges.map((j) => j.key));
  const bibs = new Set(file.contestants.map((c) => c.bib));
  file.events.forEach((ev, e) => {
    const path = `events[${e}]`;
    problems.push(...validateEventScheme(ev, path, judgeKeys));
    duplicates(ev.entries, (x) => x.bib, (i, k) => at(`${path}.entries[${i}].bib`, `duplicate bib "${k}" in this event`));
    duplicates(ev.entries, (x) => x.station, (i, k) => at(`${path}.entries[${i}].station`, `duplicate station "${k}" in this event`));
    ev.entries.forEach((x, i) => {
      if (!bibs.has(x.bib)) at(`${path}.entries[${i}].bib`, `unknown bib "${x.bib}" (not in contestants)`);
    });
  });

  const eventKeys = new Set(file.events.map((e) => e.key));
  if (file.teams?.size !== undefined && !(file.teams.size >= 1)) at('teams.size', `must be at least 1 (got ${file.teams.size})`);
  file.teams?.events?.forEach((k, i) => {
    if (!eventKeys.has(k)) at(`teams.events[${i}]`, `unknown event "${k}"`);
  });
  return problems;
}
