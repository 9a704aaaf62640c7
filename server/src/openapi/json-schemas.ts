import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/**
 * Named zod schemas → JSON Schema 2020-12 objects that refer to each other by
 * `#/components/schemas/NAME`: a schema used inside another named one is a $ref, not a copy.
 * `io` picks the side: requests as clients write them (before defaults and transforms),
 * responses as the server sends them (closed objects, so an undocumented field is caught).
 */
export function componentSchemas(named: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(named)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { io, target: 'draft-2020-12', unrepresentable: 'any', uri: (id) => `#/components/schemas/${id}` });
  const out: Record<string, JsonSchema> = {};
  for (const [id, schema] of Object.entries(schemas)) {
    // each would otherwise carry its own dialect and a fragment-only $id, which 2020-12 forbids
    const { $schema: _dialect, $id: _id, ...rest } = schema as JsonSchema;
    out[id] = rest;
  }
  return out;
}

/** A query object's properties as OpenAPI parameters. */
export function queryParameters(query: z.ZodObject): JsonSchema[] {
  const schema = z.toJSONSchema(query, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).map(([name, { description, ...s }]) => ({
    name,
    in: 'query',
    required: required.has(name),
    ...(description ? { description } : {}),
    schema: s,
  }));
}
