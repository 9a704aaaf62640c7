import type { AuditRecordView } from '@skillscore/server/contracts';
import { describe, expect, it } from 'vitest';
import { nextBefore } from '../api/console-api';
import { FakeConsoleApi } from '../testing/fake-console-api';
import { AuditTrail } from './audit-trail.svelte';

const rec = (id: number, action = 'sheet.submit'): AuditRecordView => ({ id, at: '2024-05-01T08:00:00Z', actor: 'organizer', action, event: null, station: null, judge: null, before: null, after: null, reason: null });
const ids = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => rec(from - i));

describe('AuditTrail', () => {
  it('pages back through the whole trail to the contest’s creation', async () => {
    const api = new FakeConsoleApi()
      .on('audit', { records: ids(450, 251), next: 251 })
      .on('audit', { records: ids(250, 51), next: 51 })
      .on('audit', { records: [...ids(50, 2), rec(1, 'contest.create')], next: null });
    const trail = new AuditTrail(api.asApi(), 'BG2024');
    await trail.load();
    expect(trail.records).toHaveLength(200);
    expect(trail.more).toBe(true);
    await trail.loadMore();
    await trail.loadMore();
    expect(trail.records).toHaveLength(450);
    expect(trail.records.at(-1)!.action).toBe('contest.create');
    expect(trail.more).toBe(false);
    expect(api.calls.map((c) => (c.args[2] as { before: number | null }).before)).toEqual([null, 251, 51]);
    await trail.loadMore();
    expect(api.calls).toHaveLength(3);
  });

  it('keeps the filter on the next pages, and a new filter starts again from the newest', async () => {
    const api = new FakeConsoleApi()
      .on('audit', { records: [rec(9)], next: 9 })
      .on('audit', { records: [rec(3)], next: null })
      .on('audit', { records: [rec(12)], next: null });
    const trail = new AuditTrail(api.asApi(), 'BG2024');
    trail.judge = 'J1';
    await trail.load();
    trail.judge = 'J2';
    await trail.loadMore();
    expect(api.calls[1].args[1]).toEqual({ event: '', station: '', judge: 'J1' });
    await trail.load();
    expect(api.calls[2].args[1]).toEqual({ event: '', station: '', judge: 'J2' });
    expect(trail.records.map((r) => r.id)).toEqual([12]);
  });
});

describe('nextBefore', () => {
  it('reads where the next page starts from the Link header', () => {
    expect(nextBefore('</api/contests/BG2024/audit?judge=J1&before=5012&limit=200>; rel="next"')).toBe(5012);
    expect(nextBefore(null)).toBeNull();
    expect(nextBefore('</x?before=abc>; rel="next"')).toBeNull();
    expect(nextBefore('</x?before=5>; rel="prev"')).toBeNull();
  });
});
