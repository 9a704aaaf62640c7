import { computeEntry, computeStandings, rankEntries, type AggregateOver, type EntryResult } from '../src/domain/scoring';
import { benchScheme, JUDGES, MarkedEvent } from './scoring-fixture';
import { describeMachine } from './machine';
import { printTable } from './table';
import { formatMs, measure, type Timing } from './timing';

interface Size {
  readonly entries: number;
  readonly iterations: number;
  readonly warmup: number;
  /** milliseconds the incremental path should stay under */
  readonly goal: number;
  readonly goalText: string;
}

const SIZES: readonly Size[] = [
  { entries: 300, iterations: 200, warmup: 100, goal: 1, goalText: '≪ 1 ms' },
  { entries: 10_000, iterations: 50, warmup: 10, goal: 30, goalText: '< 30 ms' },
];

const SCHEMES: readonly AggregateOver[] = ['criterion', 'total'];

/** One resubmitted sheet: recompute that entry, then rank every entry of the event again (what the server does). */
function incremental(over: AggregateOver, size: Size): Timing {
  const event = new MarkedEvent(benchScheme(over), size.entries, 2024);
  const { scheme } = event;
  const results: EntryResult[] = event.entries.map((e) => computeEntry(scheme, e));
  return measure(
    size,
    () => event.resubmit(),
    ({ index, entry }) => {
      results[index] = computeEntry(scheme, entry);
      return rankEntries(scheme, results);
    },
  );
}

/** Every entry computed from its sheets, then ranked (start-up, import, or a scheme change). */
function full(over: AggregateOver, size: Size): Timing {
  const event = new MarkedEvent(benchScheme(over), size.entries, 2024);
  return measure(
    size,
    () => event.entries,
    (entries) => computeStandings(event.scheme, entries),
  );
}

export async function run(): Promise<void> {
  const criteria = benchScheme('criterion').criteria.length;
  console.log(`Scoring engine — ${describeMachine()}`);
  console.log(
    `Event: ${JUDGES.length} judges × ${criteria} criteria, trimmed mean (trim 1), tolerances, 3 tie-breaks, awards 10/20/30 %; seeded marks.`,
  );
  console.log('incremental = computeEntry for the resubmitted sheet’s entry + rankEntries over all entries; full = computeStandings.\n');
  const rows: string[][] = [['over', 'entries', 'path', 'iterations', 'median', 'p95', 'max', 'goal (incremental)']];
  for (const over of SCHEMES) {
    for (const size of SIZES) {
      const inc = incremental(over, size);
      const all = full(over, size);
      const verdict = inc.p95 < size.goal ? 'met' : 'missed';
      rows.push(row(over, size, 'incremental', inc, `${size.goalText} (p95 ${verdict})`));
      rows.push(row(over, size, 'full', all, ''));
    }
  }
  printTable(rows);
}

function row(over: AggregateOver, size: Size, path: string, t: Timing, goal: string): string[] {
  return [over, size.entries.toLocaleString('en'), path, String(t.iterations), formatMs(t.median), formatMs(t.p95), formatMs(t.max), goal];
}
