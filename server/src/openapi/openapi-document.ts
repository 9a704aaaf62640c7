import type { z } from 'zod';
import { componentSchemas, queryParameters, type JsonSchema } from './json-schemas';
import { ROUTES, TAGS, type RouteDoc } from './route-registry';
import { QUERIES, REQUESTS, RESPONSES } from './schema-names';
import { SOCKET_EVENTS } from './socket-events';

export const OPENAPI_PATH = '/api/openapi.json';
export const ASYNCAPI_PATH = '/api/asyncapi.json';
export const DOCS_PATH = '/api/docs';

const PATH_PARAMS: Record<string, string> = {
  code: 'contest code, as in the contest file',
  event: 'event key',
  station: 'station label',
  judge: 'judge key',
  id: 'record id',
  asset: 'file name',
};

const ERROR_TEXT: Record<number, string> = {
  400: 'Bad input: names the field and the limit; nothing stored',
  401: 'Missing, expired or unknown token',
  403: 'A valid token without the right',
  404: 'Unknown contest, event, station or record',
  409: 'Conflicts with the current state (see the message)',
  413: 'Body too large',
  429: 'Too many requests: a login or per-token budget is spent; see Retry-After',
  503: 'Not ready',
};

/** `/api/contests/:code` → `/api/contests/{code}` */
export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function ref(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

/** The payload schemas of the socket events, named; a name used twice must mean one schema. */
function socketSchemas(direction: 'send' | 'receive'): Record<string, z.ZodType> {
  const named: Record<string, z.ZodType> = {};
  for (const e of SOCKET_EVENTS.filter((s) => s.direction === direction)) {
    if (named[e.schema] && named[e.schema] !== e.payload) throw new Error(`socket schema name ${e.schema} names two schemas`);
    named[e.schema] = e.payload;
  }
  return named;
}

/** Every named schema: responses and server→client payloads as sent, requests and client→server payloads as written. */
export function allComponentSchemas(): Record<string, JsonSchema> {
  const output: Record<string, z.ZodType> = { ...RESPONSES };
  for (const [name, schema] of Object.entries(socketSchemas('receive'))) {
    if (output[name] && output[name] !== schema) throw new Error(`schema name ${name} is used for two different schemas`);
    output[name] = schema;
  }
  const input: Record<string, z.ZodType> = { ...REQUESTS, ...socketSchemas('send') };
  for (const name of Object.keys(input)) if (name in output) throw new Error(`schema name ${name} is used for a request and a response`);
  return { ...componentSchemas(output, 'output'), ...componentSchemas(input, 'input') };
}

function errorCodes(route: RouteDoc): number[] {
  const codes = new Set<number>();
  const hasParams = route.path.includes(':');
  if (route.body || route.query || hasParams) codes.add(400);
  if (route.auth !== 'public') codes.add(401).add(403);
  if (hasParams) codes.add(404);
  for (const c of route.errors ?? []) codes.add(c);
  return [...codes].sort((a, b) => a - b);
}

function operation(route: RouteDoc): JsonSchema {
  const params = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    description: PATH_PARAMS[name] ?? name,
    schema: { type: 'string', maxLength: 64 },
  }));
  const parameters = [...params, ...(route.query ? queryParameters(QUERIES[route.query]) : [])];
  const responses: Record<string, JsonSchema> = {};
  const ok = route.ok;
  if ('schema' in ok) responses[ok.status] = { description: 'OK', content: { 'application/json': { schema: ref(ok.schema) } } };
  else if ('files' in ok) responses[ok.status] = { description: 'The file', content: Object.fromEntries(ok.files.map((t) => [t, { schema: t === 'application/json' ? {} : { type: 'string', format: 'binary' } }])) };
  else responses[ok.status] = { description: 'Done; no body' };
  for (const code of errorCodes(route)) responses[code] = { description: ERROR_TEXT[code] ?? 'Error', content: { 'application/json': { schema: ref('ErrorBody') } } };
  const body = route.body;
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    tags: [TAGS[route.tag]],
    'x-audience': route.auth,
    security: route.auth === 'public' ? [] : [{ bearer: [] }],
    ...(parameters.length ? { parameters } : {}),
    ...(body
      ? {
          requestBody: {
            required: true,
            content: typeof body === 'string' ? { 'application/json': { schema: ref(body) } } : Object.fromEntries(body.raw.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
          },
        }
      : {}),
    responses,
  };
}

/** The socket events, for readers of the OpenAPI document; the AsyncAPI document holds the same. */
function socketSection(): JsonSchema {
  const namespaces: Record<string, { send: JsonSchema; receive: JsonSchema }> = {};
  for (const e of SOCKET_EVENTS) {
    const ns = (namespaces[e.namespace] ??= { send: {}, receive: {} });
    ns[e.direction][e.event] = { summary: e.summary, payload: ref(e.schema) };
  }
  return {
    transport: 'socket.io 4 (path /socket.io/), one port with the HTTP API',
    asyncapi: ASYNCAPI_PATH,
    namespaces,
  };
}

export function buildOpenApiDocument(version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of ROUTES) {
    const p = (paths[openApiPath(route.path)] ??= {});
    const m = route.method.toLowerCase();
    if (p[m]) throw new Error(`route ${route.method} ${route.path} is listed twice`);
    p[m] = operation(route);
  }
  return {
    openapi: '3.1.1',
    info: {
      title: 'SkillScore API',
      version,
      description:
        'Scoring and live results for judged skill competitions. Keys in paths are the human keys of the contest file. ' +
        'Errors are `{ statusCode, error, message }` naming the field and the limit. ' +
        `The live feed (socket.io) is described under \`x-socket-events\` and in the AsyncAPI document at ${ASYNCAPI_PATH}.`,
    },
    tags: Object.values(TAGS).map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'the token from POST /api/auth/organizer or /api/auth/judge' } },
      schemas: allComponentSchemas(),
    },
    'x-socket-events': socketSection(),
  };
}
