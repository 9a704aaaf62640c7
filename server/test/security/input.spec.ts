import { parse as parseDisposition } from 'content-disposition';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { putSheet } from '../support/sheets';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type TestApp } from '../support/test-app';

/**
 * Inputs the server must refuse with a 400 that names the field, on SQLite and PostgreSQL alike:
 * repeated query parameters, keys that could break out of a URL, a header or a file name, and
 * NUL characters (which PostgreSQL cannot store).
 */
let t: TestApp;
let api: ReturnType<typeof client>;
let org: string;

beforeAll(async () => {
  t = await startTestApp();
  api = client(t.base);
  org = await organizerToken(t.base);
  expect((await api('POST', '/api/contests', hairContest('INPUT', 3), org)).status).toBe(201);
});
afterAll(() => t.close());

async function raw(method: string, path: string, body?: string, type = 'application/json'): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(t.base + path, { method, headers: { authorization: `Bearer ${org}`, ...(body !== undefined ? { 'content-type': type } : {}) }, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* a file */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

describe('query strings', () => {
  it('a repeated parameter is a 400 naming it, never a 500', async () => {
    for (const [path, name] of [
      ['/api/contests/INPUT/audit?event=a&event=b', 'event'],
      ['/api/contests/INPUT/audit?judge=J1&judge=J2', 'judge'],
      ['/api/contests/INPUT/judge-cards.pdf?origin=http://a&origin=http://b', 'origin'],
    ] as const) {
      const r = await raw('GET', path);
      expect(r.status, path).toBe(400);
      expect(r.body.message, path).toContain(name);
    }
    const imp = await raw('POST', '/api/contests/INPUT/import?dryRun=1&dryRun=0', 'bib,name,organization,event\n', 'text/csv');
    expect(imp.status).toBe(400);
    expect(imp.body.message).toContain('dryRun');
  });

  it('an unknown or malformed parameter is a 400 naming it', async () => {
    const unknown = await raw('GET', '/api/contests/INPUT/judge-cards.pdf?orgin=http://a');
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('orgin');
    const bad = await raw('GET', '/api/contests/INPUT/judge-cards.pdf?origin=javascript:alert(1)');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('origin');
    const good = await raw('GET', '/api/contests/INPUT/judge-cards.pdf?origin=https://score.example');
    expect(good.status).toBe(200);
  });
});

describe('keys at contest creation', () => {
  const withEventKey = (key: string) => {
    const file = hairContest('KEYS', 1);
    file.events![0].key = key;
    file.teams = { size: 3, events: [key] };
    return file;
  };

  it('a quote, a slash, a space or a control character in an event key: 400 naming the key', async () => {
    for (const key of ['ha"ir', 'hair/1', 'hair 1', 'hair\u0007', 'hair.1', "ha'ir", 'hair;x']) {
      const r = await api('POST', '/api/contests', withEventKey(key), org);
      expect(r.status, key).toBe(400);
      expect(r.body.problems.map((p: { path: string }) => p.path), key).toContain('events[0].key');
      expect(r.body.message, key).toContain('letters, digits');
    }
  });

  it('judge keys, criterion keys, bibs and stations follow the same rule', async () => {
    const file = hairContest('KEYS', 1);
    file.judges![0].key = 'J<1>';
    file.events![0].criteria[0].key = 'de"sign';
    file.contestants![0].bib = 'A/001';
    file.events![0].entries![0] = { bib: 'A001', station: '0"7' };
    const r = await api('POST', '/api/contests', file, org);
    expect(r.status).toBe(400);
    const paths = r.body.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['judges[0].key', 'events[0].criteria[0].key', 'contestants[0].bib', 'events[0].entries[0].station']));
  });

  it('a spreadsheet import holds bibs and stations to the same rule, and stores nothing', async () => {
    const csv = 'bib,name,organization,event,station\nA<9>,王五,广安市总工会,hair,19\nB010,赵六,广安市总工会,hair,1/2\n';
    const check = await raw('POST', '/api/contests/INPUT/import?dryRun=1', csv, 'text/csv');
    const fields = check.body.problems.map((p: { row: number; field: string }) => `${p.row}:${p.field}`);
    expect(fields).toEqual(expect.arrayContaining(['2:bib', '3:station']));
    expect(fields).not.toContain('2:station');
    const r = await raw('POST', '/api/contests/INPUT/import', csv, 'text/csv');
    expect(r.status).toBe(400);
    expect(r.body.message).toContain('letters, digits');
    const file = await api('GET', '/api/contests/INPUT/file', undefined, org);
    expect(file.body.contestants.map((c: { bib: string }) => c.bib)).not.toContain('A<9>');
  });

  it('Chinese keys are letters: a contest with event 美发 is created and served, and its files are named by the package', async () => {
    const file = hairContest('CJK', 1);
    file.events![0].key = '美发';
    file.teams = { size: 3, events: ['美发'] };
    expect((await api('POST', '/api/contests', file, org)).status).toBe(201);
    const standings = await api('GET', `/api/contests/CJK/events/${encodeURIComponent('美发')}/standings`);
    expect(standings.status).toBe(200);
    const csv = await raw('GET', `/api/contests/CJK/events/${encodeURIComponent('美发')}/results.csv`);
    expect(csv.status).toBe(200);
    const header = csv.headers.get('content-disposition')!;
    // a plain-ASCII fallback for old clients, the exact name for the others, nothing that breaks the header
    expect(header).toMatch(/^attachment; filename="?CJK-__-results\.csv"?; filename\*=UTF-8''/);
    const parsed = parseDisposition(header);
    expect(parsed.type).toBe('attachment');
    expect(parsed.parameters.filename).toBe('CJK-美发-results.csv');
  });
});

describe('NUL characters', () => {
  it('in a contest file field: 400 naming the field, nothing stored', async () => {
    const file = hairContest('NUL1', 1);
    file.title = 'title\u0000x';
    const r = await api('POST', '/api/contests', file, org);
    expect(r.status).toBe(400);
    expect(r.body.problems).toEqual([{ path: 'title', message: expect.stringContaining('NUL') }]);
    expect((await api('GET', '/api/contests/NUL1')).status).toBe(404);
    const named = hairContest('NUL2', 1);
    named.contestants![0].name = '王\u0000小雨';
    const r2 = await api('POST', '/api/contests', named, org);
    expect(r2.status).toBe(400);
    expect(r2.body.message).toContain('contestants[0].name');
  });

  it('in a login, a sheet, a deduction, an edit reason and a field name: 400 naming it', async () => {
    const login = await api('POST', '/api/auth/judge', { contest: 'INPUT\u0000', pin: '100001' });
    expect(login.status).toBe(400);
    expect(login.body.message).toContain('contest');

    const judge = await judgeToken(t.base, 'INPUT', '100001');
    const sheet = await putSheet(api, judge, 'INPUT', 'hair', '07', { design: 30, technique: 20, finish: 20 }, 'req-\u0000-00000001');
    expect(sheet.status).toBe(400);
    expect(sheet.body.message).toContain('requestId');
    const key = await putSheet(api, judge, 'INPUT', 'hair', '07', { 'design\u0000': 30 });
    expect(key.status).toBe(400);
    expect(key.body.message).toContain('scores');

    const chief = await judgeToken(t.base, 'INPUT', '100006');
    const deduction = await api('POST', '/api/contests/INPUT/events/hair/deductions', { station: '07', points: 1, reason: '超时\u0000' }, chief);
    expect(deduction.status).toBe(400);
    expect(deduction.body.message).toContain('reason');

    const edit = await api('PUT', '/api/contests/INPUT', { ...hairContest('INPUT', 3), reason: 'fix\u0000' }, org);
    expect(edit.status).toBe(400);
    expect(edit.body.message).toContain('reason');
  });

  it('in a route parameter or a query value: 400, not a database error', async () => {
    const path = await api('GET', '/api/contests/IN%00PUT/teams');
    expect(path.status).toBe(400);
    expect(path.body.message).toContain('code');
    const query = await raw('GET', '/api/contests/INPUT/audit?event=ha%00ir');
    expect(query.status).toBe(400);
    expect(query.body.message).toContain('event');
  });
});

describe('the staff channel', () => {
  it('a NUL or an overlong key in watch-event is a staff-error 400 naming the field, on either database', async () => {
    const socket = io(`${t.base}/staff`, { auth: { token: org }, transports: ['websocket'], reconnection: false, forceNew: true });
    try {
      for (const [body, field] of [
        [{ contest: 'INPUT', event: 'ha\u0000ir' }, 'event'],
        [{ contest: 'X'.repeat(100_000), event: 'hair' }, 'contest'],
      ] as const) {
        const e = await new Promise<{ statusCode: number; message: string }>((resolve) => {
          socket.once('staff-error', resolve);
          socket.emit('watch-event', body);
        });
        expect(e.statusCode).toBe(400);
        expect(e.message).toContain(field);
        expect(e.message.length).toBeLessThan(400);
      }
      const ok = await new Promise<unknown>((resolve) => {
        socket.once('watching', resolve);
        socket.emit('watch-event', { contest: 'INPUT', event: 'hair' });
      });
      expect(ok).toBeTruthy();
    } finally {
      socket.close();
    }
  });
});
