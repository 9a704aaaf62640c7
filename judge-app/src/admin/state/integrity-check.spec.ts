import type { AuditVerification, RecheckResult } from '@skillscore/server/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api/http';
import { IntegrityCheck } from './integrity-check.svelte';

const HEAD = 'a'.repeat(64);
const clean = (event: string): RecheckResult => ({ event, checked: 3, differences: [], head: HEAD, replayed: 20 });

function api(chain: AuditVerification | Error, rechecks: Record<string, RecheckResult | Error>) {
  const calls: string[] = [];
  return {
    calls,
    verifyAudit: async (code: string) => {
      calls.push(`verify ${code}`);
      if (chain instanceof Error) throw chain;
      return chain;
    },
    recheck: async (code: string, event: string) => {
      calls.push(`recheck ${code} ${event}`);
      const r = rechecks[event];
      if (r instanceof Error) throw r;
      return r;
    },
  };
}

describe('IntegrityCheck', () => {
  it('checks the chain and rechecks every event; all agree', async () => {
    const fake = api({ ok: true, records: 40, head: HEAD }, { hair: clean('hair'), nail: clean('nail') });
    const check = new IntegrityCheck(fake, 'BG2024');
    await check.run(['hair', 'nail']);
    expect(fake.calls).toEqual(['verify BG2024', 'recheck BG2024 hair', 'recheck BG2024 nail']);
    expect(check.broken).toBe(false);
    expect(check.agrees).toBe(true);
    expect(check.events.map((e) => e.event)).toEqual(['hair', 'nail']);
    expect(check.loading).toBe(false);
  });

  it('a broken chain, a difference and a refused recheck are each shown, and the others still are', async () => {
    const differing: RecheckResult = { ...clean('hair'), differences: [{ bib: 'A001', field: 'total', published: 88.34, recomputed: 88.35 }] };
    const refused = new ApiError('http', 403, { statusCode: 403, error: 'Forbidden', message: 'organizer login required' });
    const check = new IntegrityCheck(api({ ok: false, records: 40, brokenAt: 7, message: 'audit record 7 does not match its hash' }, { hair: differing, nail: refused }), 'BG2024');
    await check.run(['hair', 'nail']);
    expect(check.broken).toBe(true);
    expect(check.agrees).toBe(false);
    expect(check.events[0].result?.differences).toHaveLength(1);
    expect(check.events[1]).toMatchObject({ event: 'nail', result: null, error: refused });
  });
});
