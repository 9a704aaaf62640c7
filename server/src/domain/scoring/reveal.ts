/**
 * The ceremony reveal: the order in which a frozen board's rows are replaced by the final ones —
 * first every entry without an award at once, then the award winners one by one from the lowest
 * tier's last place up to first place.
 */
export interface RevealRow {
  readonly bib: string;
  readonly rank: number | null;
  readonly award: string | null;
}

export interface RevealGroup {
  readonly award: string | null;
  readonly bibs: readonly string[];
}

/** Groups in reveal order: non-awarded entries, then each award tier from the lowest, worst rank first. */
export function revealGroups(rows: readonly RevealRow[], tiers: readonly string[]): RevealGroup[] {
  const groups: RevealGroup[] = [{ award: null, bibs: rows.filter((r) => r.award === null).map((r) => r.bib) }];
  for (const tier of [...tiers].reverse()) {
    const winners = rows
      .filter((r) => r.award === tier)
      .sort((a, b) => (b.rank ?? Infinity) - (a.rank ?? Infinity))
      .map((r) => r.bib);
    if (winners.length) groups.push({ award: tier, bibs: winners });
  }
  return groups.filter((g) => g.bibs.length > 0);
}

export type RevealGranularity = 'entry' | 'tier';

/**
 * The next step after `revealed` entries have been shown: the whole non-award group first;
 * then one entry, or the rest of the current tier. Null when everything is revealed.
 */
export function nextRevealStep(groups: readonly RevealGroup[], revealed: number, by: RevealGranularity): { award: string | null; bibs: string[] } | null {
  let start = 0;
  for (const g of groups) {
    const end = start + g.bibs.length;
    if (revealed < end) {
      const from = revealed - start;
      const whole = g.award === null || by === 'tier';
      return { award: g.award, bibs: g.bibs.slice(from, whole ? undefined : from + 1) };
    }
    start = end;
  }
  return null;
}

export function revealTotal(groups: readonly RevealGroup[]): number {
  return groups.reduce((n, g) => n + g.bibs.length, 0);
}
