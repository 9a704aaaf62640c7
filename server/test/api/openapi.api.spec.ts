import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiPath } from '../../src/openapi/openapi-document';
import { client, hairContest, judgeToken, organizerToken, startTestApp, type Reply, type TestApp } from '../support/test-app';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { 'x-audience'?: string; responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }> }>>;
  components: { schemas: Record<string, unknown> };
  'x-socket-events': { namespaces: Record<string, { send: Record<string, unknown>; receive: Record<string, unknown> }> };
};

/** the metadata key of @Requires (auth.guard.ts) */
const AUDIENCE = 'audience';
const DOC_ID = 'https://skillscore.invalid/openapi.json';

/** Every method and path the app's controllers map, in Nest's `:param` form, read from Nest's own route metadata. */
function mappedRoutes(t: TestApp): string[] {
  return [...routeAudiences(t).keys()].sort();
}

/** Each mapped route → who may call it, as its @Requires says ('public' without one). */
function routeAudiences(t: TestApp): Map<string, string> {
  const scanner = new MetadataScanner();
  const routes = new Map<string, string>();
  const join = (...parts: string[]) => '/' + parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!controller) continue;
      const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as object;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        // the guard reads the handler's @Requires first, then the controller's
        const audience = (Reflect.getMetadata(AUDIENCE, handler) ?? Reflect.getMetadata(AUDIENCE, controller) ?? 'public') as string;
        for (const prefix of prefixes) for (const path of ([] as string[]).concat(paths)) routes.set(`${method} ${join(prefix, path)}`, audience);
      }
    }
  }
  return routes;
}

describe('OpenAPI document', () => {
  let t: TestApp;
  let api: ReturnType<typeof client>;
  let org: string;
  let doc: Doc;
  let ajv: Ajv2020;

  /** The validator of the JSON answer the document gives for this route and status. */
  function schemaFor(method: string, route: string, status: number): ValidateFunction {
    const op = doc.paths[openApiPath(route)]?.[method.toLowerCase()];
    if (!op) throw new Error(`${method} ${route} is not in the document`);
    const answer = op.responses[String(status)];
    if (!answer) throw new Error(`${method} ${route} documents no ${status} answer (it documents ${Object.keys(op.responses).join(', ')})`);
    const ref = answer.content?.['application/json']?.schema.$ref;
    if (!ref) throw new Error(`${method} ${route} documents no JSON body for ${status}`);
    const validate = ajv.getSchema(`${DOC_ID}${ref}`);
    if (!validate) throw new Error(`${ref} does not resolve in the document`);
    return validate;
  }

  /** Asserts that a reply's body is what the document says this route answers with its status. */
  function expectDocumented(method: string, route: string, reply: Reply): void {
    const validate = schemaFor(method, route, reply.status);
    const ok = validate(reply.body);
    expect(ok, `${method} ${route} → ${reply.status} does not match the document:\n${ajv.errorsText(validate.errors, { separator: '\n' })}\nbody: ${JSON.stringify(reply.body).slice(0, 2000)}`).toBe(true);
  }

  beforeAll(async () => {
    t = await startTestApp();
    api = client(t.base);
    org = await organizerToken(t.base);
    const r = await api('GET', '/api/openapi.json');
    expect(r.status).toBe(200);
    doc = r.body;
    ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema({ $id: DOC_ID, components: doc.components });
  });
  afterAll(() => t.close());

  it('is OpenAPI 3.1 with every schema compiling', () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    for (const name of Object.keys(doc.components.schemas)) expect(ajv.getSchema(`${DOC_ID}#/components/schemas/${name}`), name).toBeTruthy();
  });

  it('documents every route the router maps', () => {
    const missing = mappedRoutes(t).filter((r) => {
      const [method, path] = r.split(' ');
      return !doc.paths[openApiPath(path)]?.[method.toLowerCase()];
    });
    expect(missing, `mapped but missing from the OpenAPI document; add a line for each to server/src/openapi/route-registry.ts:\n  ${missing.join('\n  ')}\n`).toEqual([]);
  });

  it('documents no route the router does not map', () => {
    const mapped = new Set(mappedRoutes(t).map((r) => r.replace(/ (.*)$/, (_, p: string) => ` ${openApiPath(p)}`)));
    const stale = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).filter((r) => !mapped.has(r));
    expect(stale, `in the OpenAPI document but not mapped by the router (server/src/openapi/route-registry.ts):\n  ${stale.join('\n  ')}\n`).toEqual([]);
  });

  it("says who may call each route, as the route's guard does", () => {
    const wrong = [...routeAudiences(t)].flatMap(([route, audience]) => {
      const [method, path] = route.split(' ');
      const documented = doc.paths[openApiPath(path)]?.[method.toLowerCase()]?.['x-audience'];
      return documented === undefined || documented === audience ? [] : [`${route}: documented ${documented}, guarded ${audience}`];
    });
    expect(wrong, `fix the auth of these lines in server/src/openapi/route-registry.ts:\n  ${wrong.join('\n  ')}\n`).toEqual([]);
  });

  it('describes the live feed and the staff channel', async () => {
    const live = doc['x-socket-events'].namespaces['/live'];
    expect(Object.keys(live.send)).toEqual(['watch']);
    expect(Object.keys(live.receive)).toEqual(expect.arrayContaining(['snapshot', 'update', 'error', 'resumed']));
    expect(doc['x-socket-events'].namespaces['/staff']).toBeDefined();
    const asyncapi = (await api('GET', '/api/asyncapi.json')).body;
    expect(asyncapi.asyncapi).toMatch(/^3\./);
    expect(Object.keys(asyncapi.channels.live.messages)).toEqual(expect.arrayContaining(['watch', 'snapshot', 'update', 'error', 'resumed']));
    for (const op of Object.values(asyncapi.operations) as { channel: { $ref: string }; messages: { $ref: string }[] }[]) {
      const [, , channel, , message] = op.messages[0].$ref.split('/');
      expect(asyncapi.channels[channel].messages[message.replace(/~1/g, '/')]).toBeDefined();
    }
  });

  it('answers match the document: contest creation, logins, sheet PUT, standings, teams', async () => {
    const created = await api('POST', '/api/contests', hairContest('OA2024', 3), org);
    expect(created.status).toBe(201);
    expectDocumented('POST', '/api/contests', created);
    expectDocumented('POST', '/api/auth/organizer', await api('POST', '/api/auth/organizer', { password: 'test-organizer-password' }));
    const login = await api('POST', '/api/auth/judge', { contest: 'OA2024', pin: '100001' });
    expect(login.status).toBe(200);
    expectDocumented('POST', '/api/auth/judge', login);
    const judge = login.body.token as string;
    const E = '/api/contests/:code/events/:event';
    const put = await api('PUT', '/api/contests/OA2024/events/hair/sheets/07', { requestId: crypto.randomUUID(), scores: { design: 36, technique: 25, finish: 27 } }, judge);
    expect(put.status).toBe(200);
    expectDocumented('PUT', `${E}/sheets/:station`, put);
    expectDocumented('GET', `${E}/sheets`, await api('GET', '/api/contests/OA2024/events/hair/sheets', undefined, judge));
    expectDocumented('GET', `${E}/scheme`, await api('GET', '/api/contests/OA2024/events/hair/scheme', undefined, judge));
    for (let i = 2; i <= 5; i++) {
      const token = await judgeToken(t.base, 'OA2024', String(100000 + i));
      expect((await api('PUT', '/api/contests/OA2024/events/hair/sheets/07', { requestId: crypto.randomUUID(), scores: { design: 30 + i, technique: 25, finish: 27 } }, token)).status).toBe(200);
    }
    const chief = await judgeToken(t.base, 'OA2024', '100006');
    const deduction = await api('POST', '/api/contests/OA2024/events/hair/deductions', { station: '07', points: 1.5, reason: '超时' }, chief);
    expectDocumented('POST', `${E}/deductions`, deduction);
    expectDocumented('GET', `${E}/progress`, await api('GET', '/api/contests/OA2024/events/hair/progress', undefined, chief));
    await t.settle();
    const standings = await api('GET', '/api/contests/OA2024/events/hair/standings');
    expect(standings.body.rows.length).toBe(3);
    expectDocumented('GET', `${E}/standings`, standings);
    expectDocumented('GET', '/api/contests/:code/teams', await api('GET', '/api/contests/OA2024/teams'));
    expectDocumented('GET', '/api/contests/:code', await api('GET', '/api/contests/OA2024'));
    expectDocumented('GET', '/api/contests', await api('GET', '/api/contests'));
    expectDocumented('GET', '/api/contests/:code/audit/verify', await api('GET', '/api/contests/OA2024/audit/verify', undefined, org));
    expectDocumented('GET', `${E}/board`, await api('GET', '/api/contests/OA2024/events/hair/board', undefined, org));
  });

  it('error answers match the document: 400, 401, 403, 404, 409', async () => {
    const bad = await api('POST', '/api/contests', { ...hairContest('OB2024', 1), judges: [{ key: 'J 1', name: '' }] }, org);
    expect(bad.status).toBe(400);
    expectDocumented('POST', '/api/contests', bad);
    const wrongPin = await api('POST', '/api/auth/judge', { contest: 'OA2024', pin: '999999' });
    expect(wrongPin.status).toBe(401);
    expectDocumented('POST', '/api/auth/judge', wrongPin);
    const judge = await judgeToken(t.base, 'OA2024', '100001');
    const forbidden = await api('GET', '/api/contests/OA2024/file', undefined, judge);
    expect(forbidden.status).toBe(403);
    expectDocumented('GET', '/api/contests/:code/file', forbidden);
    const unknown = await api('GET', '/api/contests/NOPE/events/hair/standings');
    expect(unknown.status).toBe(404);
    expectDocumented('GET', '/api/contests/:code/events/:event/standings', unknown);
    const again = await api('POST', '/api/contests', hairContest('OA2024', 1), org);
    expect(again.status).toBe(409);
    expectDocumented('POST', '/api/contests', again);
  });

  it('catches a body the document does not describe', async () => {
    const standings = await api('GET', '/api/contests/OA2024/events/hair/standings');
    const validate = schemaFor('GET', '/api/contests/:code/events/:event/standings', 200);
    expect(validate({ ...standings.body, rows: [{ ...standings.body.rows[0], secret: 1 }] })).toBe(false);
    expect(validate({ ...standings.body, seq: '41' })).toBe(false);
  });

  it('serves the docs page with its scripts as same-origin files, no inline script', async () => {
    const page = await fetch(`${t.base}/api/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\/api\/docs\//);
      expect(body.trim()).toBe('');
    }
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="(\/api\/docs\/[^"]+)"/g)].map((m) => m[1]);
    for (const a of assets) {
      const r = await fetch(t.base + a);
      expect(r.status, a).toBe(200);
      expect((await r.arrayBuffer()).byteLength, a).toBeGreaterThan(0);
    }
    expect((await fetch(`${t.base}/api/docs/package.json`)).status).toBe(404);
    expect((await fetch(`${t.base}/api/docs/..%2Fpackage.json`)).status).toBe(404);
  });
});
