import { describe, expect, it } from 'vitest';
import type { EventEmitter2 } from '@nestjs/event-emitter';
import type { Principal } from '../auth/principal';
import type { ChiefService } from '../chief/chief.service';
import type { AppConfig } from '../config/config';
import type { ContestLookup } from '../contests/contest-lookup';
import { FLEET_ONLINE_MS } from '../contracts/fleet';
import type { FleetChanged } from './fleet-changed';
import type { FleetRosterRepository } from './fleet-roster.repository';
import { FleetService } from './fleet.service';

const STALE_MS = 120_000;
const J1: Principal = { kind: 'judge', tokenId: 1, contestId: 7, judgeId: 1, judgeKey: 'J1', judgeName: '刘敏' };
const DEVICE = '6f1c1d1e-8b9a-4c3d-9e2f-0a1b2c3d4e5f';

class ClockedFleet extends FleetService {
  t = 1_700_000_000_000;
  protected override now(): number {
    return this.t;
  }
}

function setup() {
  const heard: FleetChanged[] = [];
  const bus = { emit: (_: string, e: FleetChanged) => heard.push(e) } as unknown as EventEmitter2;
  const roster = { contestCode: async () => 'BG', judgesOf: async () => [{ key: 'J1', name: '刘敏' }, { key: 'J2', name: '陈刚' }] } as unknown as FleetRosterRepository;
  const lookup = { contest: async () => ({ id: 7, code: 'BG' }) } as unknown as ContestLookup;
  const fleet = new ClockedFleet({ fleetStaleMs: STALE_MS } as AppConfig, roster, lookup, {} as ChiefService, bus);
  return { fleet, heard };
}

const report = (outbox: number) => ({ deviceId: DEVICE, appVersion: '0.1.0', outbox, lastSentAt: null, battery: null });

describe('FleetService', () => {
  it('turns a silent tablet offline after the online window and stale only with marks waiting', async () => {
    const { fleet, heard } = setup();
    await fleet.report(J1, report(2));
    expect(heard.at(-1)!.rows[0]).toMatchObject({ judge: 'J1', online: true, stale: false, outbox: 2 });
    fleet.t += FLEET_ONLINE_MS;
    fleet.sweep();
    expect(heard).toHaveLength(1);
    fleet.t += 1;
    fleet.sweep();
    expect(heard.at(-1)!.rows[0]).toMatchObject({ online: false, stale: false });
    fleet.t += STALE_MS - FLEET_ONLINE_MS - 1;
    fleet.sweep();
    expect(heard.at(-1)!.rows[0]).toMatchObject({ online: false, stale: true });
    const before = heard.length;
    fleet.sweep();
    expect(heard).toHaveLength(before);
    // back in touch with an empty outbox: green again
    await fleet.report(J1, report(0));
    expect(heard.at(-1)!.rows[0]).toMatchObject({ online: true, stale: false, outbox: 0 });
  });

  it('never marks a silent tablet with an empty outbox stale', async () => {
    const { fleet, heard } = setup();
    await fleet.report(J1, report(0));
    fleet.t += STALE_MS * 3;
    fleet.sweep();
    expect(heard.at(-1)!.rows[0]).toMatchObject({ online: false, stale: false });
  });

  it('lists judges without a tablet as one empty row, and forgets the oldest of too many devices', async () => {
    const { fleet } = setup();
    const organizer: Principal = { kind: 'organizer', tokenId: 9 };
    for (let i = 0; i < 5; i++) {
      fleet.t += 10;
      await fleet.report({ ...J1, tokenId: 100 + i }, { ...report(0), deviceId: `00000000-0000-4000-8000-00000000000${i}` });
    }
    const view = await fleet.view(organizer, 'BG');
    expect(view.rows.filter((r) => r.judge === 'J1').map((r) => r.deviceId!.slice(-1))).toEqual(['4', '3', '2', '1']);
    expect(view.rows.filter((r) => r.judge === 'J2')).toEqual([expect.objectContaining({ deviceId: null, online: false, outbox: 0 })]);
    await expect(fleet.view(J1, 'BG')).rejects.toThrow(/organizer/);
  });
});
