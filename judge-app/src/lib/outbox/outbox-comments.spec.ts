import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Http } from '../api/http';
import { createSheetSender } from '../api/sheet-sender';
import { FakeClock } from '../testing/fake-clock';
import { FakeSheetServer } from '../testing/fake-server';
import { Outbox } from './outbox';
import { OutboxStore } from './outbox-store';
import type { SheetSubmission } from './types';

let dbSeq = 0;
const open: { outbox: Outbox; store: OutboxStore }[] = [];

const sheet = (comments?: Record<string, string>): SheetSubmission => ({
  contest: 'BG2024',
  event: 'hair',
  station: '07',
  judge: 'J1',
  scores: { design: 37.5, finish: 27 },
  ...(comments ? { comments } : {}),
});

async function setup(server: FakeSheetServer, db = `outbox-comments-${++dbSeq}`) {
  const store = await OutboxStore.open(db);
  const outbox = new Outbox({ store, send: createSheetSender(new Http({ fetch: server.fetch }), () => 'tok-1'), scheduler: new FakeClock(), random: () => 0.5 });
  open.push({ outbox, store });
  outbox.setScope({ contest: 'BG2024', judge: 'J1' });
  await outbox.start();
  return { outbox, store, db };
}

afterEach(() => {
  for (const o of open.splice(0)) {
    o.outbox.stop();
    o.store.close();
  }
});

describe('outbox: remarks travel with the marks', () => {
  it('stores the remarks with the sheet before sending, and sends them in the same PUT', async () => {
    const server = new FakeSheetServer();
    const { outbox, db } = await setup(server);
    let onDisk: unknown = null;
    server.onRequest = async () => {
      const other = await OutboxStore.open(db);
      onDisk = (await other.all()).map((r) => r.comments);
      other.close();
    };
    await outbox.submit(sheet({ design: '发型轮廓清晰' }));
    await outbox.drain();
    expect(onDisk).toEqual([{ design: '发型轮廓清晰' }]);
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0].body).toMatchObject({ scores: { design: 37.5, finish: 27 }, comments: { design: '发型轮廓清晰' } });
    expect(outbox.list()[0]).toMatchObject({ state: 'confirmed', receipt: { comments: { design: '发型轮廓清晰' } } });
  });

  it('a retry after a lost answer sends the same remarks under the same requestId; the server stores them once', async () => {
    const server = new FakeSheetServer().next({ kind: 'network' });
    const { outbox } = await setup(server);
    const rec = await outbox.submit(sheet({ finish: '色彩协调' }));
    await outbox.drain();
    outbox.retryNow();
    await outbox.drain();
    expect(server.calls.length).toBe(2);
    for (const c of server.calls) expect(c.body).toEqual({ requestId: rec.requestId, scores: { design: 37.5, finish: 27 }, comments: { finish: '色彩协调' } });
    expect(server.writes).toBe(1);
  });

  it('survives a reload: the stored record keeps its remarks and is sent with them', async () => {
    const down = new FakeSheetServer().next({ kind: 'network' });
    const first = await setup(down);
    await first.outbox.submit(sheet({ design: '刀法利落' }));
    await first.outbox.drain();
    first.outbox.stop();
    first.store.close();
    open.splice(0);

    const server = new FakeSheetServer();
    const again = await setup(server, first.db);
    await again.outbox.drain();
    expect(server.calls.map((c) => c.body?.comments)).toEqual([{ design: '刀法利落' }]);
  });

  it('a sheet without remarks sends no comments field', async () => {
    const server = new FakeSheetServer();
    const { outbox } = await setup(server);
    await outbox.submit(sheet({}));
    await outbox.drain();
    expect(server.calls[0].body).not.toHaveProperty('comments');
  });
});
