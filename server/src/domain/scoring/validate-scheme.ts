import type { EventFile } from '../../contracts/contest-file';
import { decimalRatio, decimalsOf, MAX_PRECISION, toHundredths } from './decimal';
import { PANEL_PART } from './entry';
import type { Problem } from './problems';
import { add, compare, ratio, ZERO } from './ratio';
import { assignmentsOf, DEFAULT_STEP } from './scheme';

/** The largest mark a criterion may have; keeps every sum far inside exact integer range. */
export const MAX_CRITERION_POINTS = 100_000;
export const MAX_WEIGHT = 100;

function twoDecimals(x: number): boolean {
  return toHundredths(x) !== null;
}

/**
 * Every problem of one event's scheme at once. `judgeKeys` (the contest's judges) is optional so
 * a scheme can be checked on its own, e.g. while it is edited.
 */
export function validateEventScheme(ev: EventFile, path: string, judgeKeys?: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const at = (p: string, message: string) => problems.push({ path: `${path}.${p}`, message });
  const precision = ev.precision ?? 2;
  if (precision < 0 || precision > MAX_PRECISION) at('precision', `must be between 0 and ${MAX_PRECISION} decimals (got ${precision})`);

  const keys = new Set<string>();
  ev.criteria.forEach((c, i) => {
    const cp = `criteria[${i}]`;
    if (keys.has(c.key)) at(`${cp}.key`, `duplicate criterion key "${c.key}"`);
    keys.add(c.key);
    // Marks are kept in plain objects keyed by criterion: "constructor" would read as a mark.
    if (c.key in Object.prototype) at(`${cp}.key`, `"${c.key}" is a reserved name; choose another key`);
    if (ev.aggregate?.over === 'total' && c.key === PANEL_PART) at(`${cp}.key`, `"${PANEL_PART}" is reserved for the panel part when aggregating over totals`);
    if (!(c.max > 0)) at(`${cp}.max`, `must be greater than 0 (got ${c.max})`);
    else if (c.max > MAX_CRITERION_POINTS) at(`${cp}.max`, `must be at most ${MAX_CRITERION_POINTS} (got ${c.max})`);
    else if (!twoDecimals(c.max)) at(`${cp}.max`, `must have at most two decimals (got ${c.max})`);
    const step = c.step ?? DEFAULT_STEP;
    if (!(step > 0)) at(`${cp}.step`, `must be greater than 0 (got ${step})`);
    else if (!twoDecimals(step)) at(`${cp}.step`, `must have at most two decimals (got ${step})`);
    else if (c.max > 0 && twoDecimals(c.max) && toHundredths(c.max)! % toHundredths(step)! !== 0) {
      at(`${cp}.step`, `must divide max ${c.max} exactly (got ${step})`);
    }
    if (c.weight !== undefined) {
      if (!(c.weight > 0) || c.weight > MAX_WEIGHT) at(`${cp}.weight`, `must be greater than 0 and at most ${MAX_WEIGHT} (got ${c.weight})`);
      else if (!twoDecimals(c.weight)) at(`${cp}.weight`, `must have at most two decimals (got ${c.weight})`);
    }
    if (c.tolerance !== undefined) {
      if (!(c.tolerance >= 0)) at(`${cp}.tolerance`, `must be 0 or more (got ${c.tolerance})`);
      else if (!twoDecimals(c.tolerance)) at(`${cp}.tolerance`, `must have at most two decimals (got ${c.tolerance})`);
    }
  });

  const method = ev.aggregate?.method ?? 'mean';
  const trim = ev.aggregate?.trim ?? (method === 'trimmed' ? 1 : 0);
  if (trim < 0) at('aggregate.trim', `must be 0 or more (got ${trim})`);

  (ev.tieBreak ?? []).forEach((t, i) => {
    if ('criterion' in t && !keys.has(t.criterion)) at(`tieBreak[${i}].criterion`, `unknown criterion "${t.criterion}"`);
  });

  let shares = ZERO;
  const awardNames = new Set<string>();
  (ev.awards ?? []).forEach((a, i) => {
    const ap = `awards[${i}]`;
    if (awardNames.has(a.name)) at(`${ap}.name`, `duplicate award name "${a.name}"`);
    awardNames.add(a.name);
    if ((a.share === undefined) === (a.count === undefined)) at(ap, 'give either share or count');
    if (a.share !== undefined) {
      const r = decimalRatio(a.share);
      if (!(a.share > 0) || a.share > 1 || !r || decimalsOf(a.share) > 6) at(`${ap}.share`, `must be a fraction above 0 and at most 1 with at most 6 decimals (got ${a.share})`);
      else shares = add(shares, r);
    }
    if (a.count !== undefined && !(a.count > 0)) at(`${ap}.count`, `must be at least 1 (got ${a.count})`);
    if (a.minTotal !== undefined && (!(a.minTotal >= 0) || !twoDecimals(a.minTotal))) at(`${ap}.minTotal`, `must be 0 or more with at most two decimals (got ${a.minTotal})`);
  });
  if (compare(shares, ratio(1)) > 0) at('awards', `award shares add up to more than 1 (${Number((shares.num / shares.den).toFixed(6))})`);

  const panelJudges = new Set<string>();
  ev.panel.forEach((p, i) => {
    const pp = `panel[${i}]`;
    if (panelJudges.has(p.judge)) at(`${pp}.judge`, `judge "${p.judge}" is on the panel twice`);
    panelJudges.add(p.judge);
    if (judgeKeys && !judgeKeys.has(p.judge)) at(`${pp}.judge`, `unknown judge "${p.judge}" (not in judges)`);
    if (p.criteria && p.criteria.length === 0) at(`${pp}.criteria`, 'must list at least one criterion, or be left out for all judged criteria');
    p.criteria?.forEach((k, j) => {
      if (!keys.has(k)) at(`${pp}.criteria[${j}]`, `unknown criterion "${k}"`);
    });
  });
  if (ev.chiefJudge !== undefined && judgeKeys && !judgeKeys.has(ev.chiefJudge)) at('chiefJudge', `unknown judge "${ev.chiefJudge}" (not in judges)`);

  if (ev.panel.length > 0) {
    const assigned = assignmentsOf(ev);
    ev.criteria.forEach((c, i) => {
      const n = assigned[c.key]?.length ?? 0;
      if (n === 0) at(`criteria[${i}]`, `no panel judge marks criterion "${c.key}"`);
      else if ((c.kind ?? 'judged') === 'judged' && method === 'trimmed' && trim > 0 && n < 2 * trim + 1) {
        at('aggregate.trim', `trimming ${trim} high and ${trim} low needs at least ${2 * trim + 1} judges on "${c.key}", the panel has ${n}`);
      }
    });
  }
  return problems;
}
