import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

describe('the worked example through the API', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.base);
    const org = await organizerToken(t.base);
    const created = await api('POST', '/api/contests', hairContest(), org);
    expect(created.status).toBe(201);
  });
  afterAll(() => t.close());

  it('turns five judges’ sheets and a deduction into 88.34', async () => {
    const design = [36, 38.5, 35, 39, 37];
    const technique = [25, 26, 26, 24.5, 28];
    for (let i = 0; i < 5; i++) {
      const token = await judgeToken(t.base, 'BG2024', String(100001 + i));
      const r = await api('PUT', '/api/contests/BG2024/events/hair/sheets/07', { requestId: crypto.randomUUID(), scores: { design: design[i], technique: technique[i], finish: 27 } }, token);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ station: '07', judge: `J${i + 1}`, status: 'submitted', version: 1 });
    }
    const chief = await judgeToken(t.base, 'BG2024', '100006');
    const d = await api('POST', '/api/contests/BG2024/events/hair/deductions', { station: '07', points: 1.5, reason: '超时' }, chief);
    expect(d.status).toBe(201);
    const s = await api('GET', '/api/contests/BG2024/events/hair/standings');
    expect(s.status).toBe(200);
    const row = s.body.rows.find((r: { bib: string }) => r.bib === 'A001');
    expect(row).toMatchObject({ rank: 1, station: null, bib: 'A001', name: '王小雨', total: 88.34, parts: { design: 37.17, technique: 25.67, finish: 27 }, deductions: 1.5, complete: true, status: 'competing' });
  });
});
