import type { ChiefProgress } from '@skillscore/server/contracts';
import { toHundredths } from '@skillscore/server/scoring';
import { parseMark } from '../marking/marks';
import { compareStations } from '../marking/progress';

export type StationRow = ChiefProgress['stations'][number];
export type ToleranceAlert = ChiefProgress['alerts'][number];
export type Deviation = ChiefProgress['deviations'][number];
/** submitted; open: reopened by the chief judge and not yet resubmitted; missing: never submitted */
export type CellState = StationRow['sheets'][string]['status'];

export interface Count {
  done: number;
  of: number;
}

/** One alert per station and criterion; a later sheet changes its values, not its key. */
export function alertKey(a: Pick<ToleranceAlert, 'station' | 'criterion'>): string {
  return `${a.station}\u0000${a.criterion}`;
}

/** An alert as the chief judge saw it: a new value makes it a new alert to look at. */
export function alertSignature(a: ToleranceAlert): string {
  const values = [...a.values].sort((x, y) => x.judge.localeCompare(y.judge)).map((v) => `${v.judge}=${v.value}`);
  return `${alertKey(a)}\u0000${values.join(',')}`;
}

export function alertsByStation(alerts: readonly ToleranceAlert[]): Map<string, ToleranceAlert[]> {
  const out = new Map<string, ToleranceAlert[]>();
  for (const a of alerts) out.set(a.station, [...(out.get(a.station) ?? []), a]);
  return out;
}

/** Sheets of one station: how many of its judges have submitted. */
export function stationCount(row: StationRow): Count {
  const cells = Object.values(row.sheets);
  return { done: cells.filter((c) => c.status === 'submitted').length, of: cells.length };
}

/** Per judge, submitted sheets of competing entries out of those expected, as the server counts them. */
export function judgeCounts(p: ChiefProgress): Map<string, Count> {
  const out = new Map<string, Count>(p.judges.map((j) => [j.key, { done: 0, of: 0 }]));
  for (const row of p.stations) {
    if (row.status !== 'competing') continue;
    for (const [judge, cell] of Object.entries(row.sheets)) {
      const c = out.get(judge);
      if (!c) continue;
      c.of++;
      if (cell.status === 'submitted') c.done++;
    }
  }
  return out;
}

export interface Incomplete {
  station: string;
  /** judges whose sheet is still to come, in panel order */
  waiting: { judge: string; state: Exclude<CellState, 'submitted'> }[];
}

/** Competing entries that keep the event from being signed off, and who they wait for. */
export function incompleteStations(p: ChiefProgress): Incomplete[] {
  return p.stations
    .filter((r) => r.status === 'competing' && !r.complete)
    .map((r) => ({
      station: r.station,
      waiting: p.judges
        .map((j) => ({ judge: j.key, state: r.sheets[j.key]?.status ?? 'missing' }))
        .filter((w): w is Incomplete['waiting'][number] => w.state !== 'submitted'),
    }))
    .sort((a, b) => compareStations(a.station, b.station));
}

export type Lean = 'harsh' | 'lenient' | 'even';

/** Below half a point per mark a judge is in line with the panel (half a point is the usual step). */
export const LEAN_THRESHOLD = 0.5;

export function leanOf(mean: number): Lean {
  if (mean <= -LEAN_THRESHOLD) return 'harsh';
  if (mean >= LEAN_THRESHOLD) return 'lenient';
  return 'even';
}

/** A signed mean: "+1.25", "−0.8", "0". */
export function signed(n: number): string {
  if (n === 0) return '0';
  return `${n > 0 ? '+' : '−'}${Math.abs(n)}`;
}

export type StationFilter = 'all' | 'incomplete' | 'alerts' | 'notCompeting';

export function stationFilter(filter: StationFilter, alerted: ReadonlySet<string>): (r: StationRow) => boolean {
  switch (filter) {
    case 'all':
      return () => true;
    case 'incomplete':
      return (r) => r.status === 'competing' && !r.complete;
    case 'alerts':
      return (r) => alerted.has(r.station);
    case 'notCompeting':
      return (r) => r.status !== 'competing';
  }
}

export type PointsIssue = 'empty' | 'notNumber' | 'decimals' | 'notPositive';

/** Deduction points as typed (full-width digits and 。 allowed); the server checks the upper limit. */
export function readPoints(text: string): { value: number; issue: null } | { value: null; issue: PointsIssue } {
  const v = parseMark(text);
  if (v === null) return { value: null, issue: 'empty' };
  if (!Number.isFinite(v)) return { value: null, issue: 'notNumber' };
  const h = toHundredths(v);
  if (h === null) return { value: null, issue: 'decimals' };
  if (h <= 0) return { value: null, issue: 'notPositive' };
  return { value: v, issue: null };
}

/** The server takes at most 500 characters of reason; the desk asks for one on every act. */
export const REASON_MAX = 500;

export type ReasonIssue = 'empty' | 'tooLong';

export function reasonIssue(text: string): ReasonIssue | null {
  const s = text.trim();
  if (s === '') return 'empty';
  if (s.length > REASON_MAX) return 'tooLong';
  return null;
}

/** A criterion's name for the chief judge; its key when the server did not name it. */
export function criterionName(p: Pick<ChiefProgress, 'criteria'>, key: string): string {
  return p.criteria?.find((c) => c.key === key)?.name ?? key;
}

/** A judge as the desk writes one: key and name ("J3 裁判3"). */
export function judgeLabel(p: Pick<ChiefProgress, 'judges'>, key: string): string {
  const j = p.judges.find((x) => x.key === key);
  return j ? `${j.key} ${j.name}` : key;
}
