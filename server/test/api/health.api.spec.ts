import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/database/migrations';
import { startTestApp, type TestApp } from '../support/test-app';

describe('/api/health and /api/ready', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('/api/health: 200, alive, without touching the database', async () => {
    const r = await fetch(`${t.base}/api/health`);
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body).toMatchObject({ status: 'ok', info: { process: { status: 'up' } }, error: {} });
  });

  it('/api/ready: 200 with the database reachable and every migration applied', async () => {
    const r = await fetch(`${t.base}/api/ready`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({
      status: 'ok',
      info: { database: { status: 'up' }, migrations: { status: 'up', applied: MIGRATIONS.length } },
      error: {},
    });
  });

  it('/api/ready: 503 naming the migration that is missing; /api/health stays 200', async () => {
    const ds = t.app.get(DataSource);
    const last = new MIGRATIONS[MIGRATIONS.length - 1]().name!;
    const table = ds.options.migrationsTableName ?? 'migrations';
    const row = await ds.createQueryBuilder().select('m.timestamp', 'timestamp').from(table, 'm').where('m.name = :name', { name: last }).getRawOne<{ timestamp: unknown }>();
    await ds.createQueryBuilder().delete().from(table).where('name = :name', { name: last }).execute();
    try {
      const r = await fetch(`${t.base}/api/ready`);
      expect(r.status).toBe(503);
      const body = await r.json();
      expect(body).toMatchObject({ status: 'error', statusCode: 503, info: { database: { status: 'up' } }, error: { migrations: { status: 'down' } } });
      expect(body.error.migrations.message).toContain(last);
      expect(body.message).toContain('migrations');
      expect((await fetch(`${t.base}/api/health`)).status).toBe(200);
    } finally {
      await ds.createQueryBuilder().insert().into(table).values({ timestamp: row!.timestamp, name: last }).execute();
    }
    expect((await fetch(`${t.base}/api/ready`)).status).toBe(200);
  });
});

describe('/api/ready with REDIS_URL', () => {
  let redis: { url: string; stop(): Promise<void> };
  let t: TestApp;
  beforeAll(async () => {
    const lib = pathToFileURL(resolve(__dirname, '..', '..', '..', 'scripts', 'lib', 'redis.mjs')).href;
    const { startRedis } = (await import(lib)) as { startRedis(): Promise<{ url: string; stop(): Promise<void> }> };
    redis = await startRedis();
    t = await startTestApp({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('checks Redis too: 200 while it answers, 503 naming it once it is gone', async () => {
    // every probe has a deadline: a hang would name its step instead of timing the whole test out
    const ready = () => fetch(`${t.base}/api/ready`, { signal: AbortSignal.timeout(10_000) });
    const up = await ready();
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ status: 'ok', info: { redis: { status: 'up' } } });
    await redis.stop();
    const deadline = Date.now() + 5000;
    let down: Response;
    do {
      down = await ready();
    } while (down.status === 200 && Date.now() < deadline && (await new Promise((r) => setTimeout(r, 100)), true));
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: 'error', error: { redis: { status: 'down' } }, info: { database: { status: 'up' } } });
    expect((await fetch(`${t.base}/api/health`, { signal: AbortSignal.timeout(10_000) })).status).toBe(200);
    // Redis back on the same port: the app's clients reconnect, so it can be closed politely
    const port = new URL(redis.url).port;
    const back = spawn('redis-server', ['--port', port, '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    try {
      const until = Date.now() + 10_000;
      while ((await ready()).status !== 200 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect((await ready()).status).toBe(200);
      await t.close();
    } finally {
      back.kill('SIGKILL');
    }
  }, 90_000);
});
