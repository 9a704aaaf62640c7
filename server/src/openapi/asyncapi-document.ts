import type { JsonSchema } from './json-schemas';
import { allComponentSchemas } from './openapi-document';
import { SOCKET_EVENTS } from './socket-events';

const SCHEMA_FORMAT = 'application/schema+json;version=draft-2020-12';

const channelId = (namespace: string) => namespace.replace(/^\//, '') || 'root';

/**
 * The live feed and the staff channel as an AsyncAPI 3 document, from the server's side: what
 * clients emit is `receive`, what the server emits is `send`. Payloads are the same named
 * schemas as in the OpenAPI document.
 */
export function buildAsyncApiDocument(version: string): JsonSchema {
  const channels: Record<string, JsonSchema> = {};
  const operations: Record<string, JsonSchema> = {};
  for (const e of SOCKET_EVENTS) {
    const id = channelId(e.namespace);
    const channel = (channels[id] ??= { address: e.namespace, messages: {} as JsonSchema }) as { messages: JsonSchema };
    channel.messages[e.event] = {
      name: e.event,
      summary: e.summary,
      payload: { schemaFormat: SCHEMA_FORMAT, schema: { $ref: `#/components/schemas/${e.schema}` } },
    };
    operations[`${id}.${e.direction === 'send' ? 'on' : 'emit'}.${e.event}`] = {
      action: e.direction === 'send' ? 'receive' : 'send',
      channel: { $ref: `#/channels/${id}` },
      summary: e.summary,
      messages: [{ $ref: `#/channels/${id}/messages/${e.event.replace(/\//g, '~1')}` }],
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'SkillScore live feed',
      version,
      description:
        'socket.io 4 on the same port as the HTTP API (path /socket.io/). Namespace /live is public: emit `watch`, ' +
        'get one `snapshot`, then `update`s whose `seq` grows by exactly 1 per contest; re-watch on a gap or after a reconnect. ' +
        'Namespace /staff needs a token in the handshake (`auth: { token }`).',
    },
    defaultContentType: 'application/json',
    servers: {
      venue: { host: 'localhost:3000', protocol: 'ws', pathname: '/socket.io/', description: "the server's PUBLIC_URL; wss behind TLS" },
    },
    channels,
    operations,
    components: { schemas: allComponentSchemas() },
  };
}
