/**
 * Team (organization) standings. A team's score in an event is the sum of the published totals
 * of its best `size` ranked members; across events, the sum of its event scores.
 */
export interface TeamEventInput {
  readonly event: string;
  readonly rows: readonly { readonly bib: string; readonly organization: string; readonly total: number; readonly rank: number | null }[];
}

export interface TeamRow {
  readonly rank: number;
  readonly organization: string;
  /** units */
  readonly total: number;
  /** bibs of the counted members, best first per event, each once */
  readonly members: readonly string[];
  /** event key → that event's team score in units */
  readonly events: Readonly<Record<string, number>>;
  /** false when, in some counted event, the team has fewer ranked members than the team size */
  readonly full: boolean;
  /** best single counted total, units: the first tie-break */
  readonly best: number;
}

const byOrganization = new Intl.Collator('zh-CN').compare;

export function computeTeams(events: readonly TeamEventInput[], size: number): TeamRow[] {
  const teams = new Map<string, { total: number; members: string[]; events: Record<string, number>; full: boolean; best: number }>();
  const team = (org: string) => {
    let t = teams.get(org);
    if (!t) {
      t = { total: 0, members: [], events: {}, full: true, best: 0 };
      teams.set(org, t);
    }
    return t;
  };
  for (const ev of events) for (const r of ev.rows) if (r.rank !== null) team(r.organization);
  for (const ev of events) {
    const byOrg = new Map<string, { bib: string; total: number }[]>();
    for (const r of ev.rows) {
      if (r.rank === null) continue;
      const list = byOrg.get(r.organization) ?? [];
      list.push({ bib: r.bib, total: r.total });
      byOrg.set(r.organization, list);
    }
    for (const [org, t] of teams) {
      const counted = (byOrg.get(org) ?? []).sort((a, b) => b.total - a.total).slice(0, size);
      let score = 0;
      for (const m of counted) {
        score += m.total;
        if (!t.members.includes(m.bib)) t.members.push(m.bib);
        t.best = Math.max(t.best, m.total);
      }
      t.events[ev.event] = score;
      t.total += score;
      if (counted.length < size) t.full = false;
    }
  }
  const sorted = [...teams.entries()].sort(
    ([oa, a], [ob, b]) => Number(b.full) - Number(a.full) || b.total - a.total || b.best - a.best || byOrganization(oa, ob),
  );
  const rows: TeamRow[] = [];
  sorted.forEach(([organization, t], i) => {
    const prev = rows[i - 1];
    const tied = prev && prev.full === t.full && prev.total === t.total && prev.best === t.best;
    rows.push({ rank: tied ? prev.rank : i + 1, organization, ...t });
  });
  return rows;
}
