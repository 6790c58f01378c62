/**
 * A tiny seeded generator of hostile strings and random FastAPI-shaped specs, for the fuzz
 * tests. Same seed, same output: a failure names its seed and can be replayed.
 */
import type { OpenApiDocument } from "../../../../src/spec/types.js";

export type Random = () => number;

/** mulberry32: small, fast, good enough to spread cases. */
export function random(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rng: Random, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/**
 * Pieces that break literals, comments, templates, identifiers or JSON pointers. No `%`:
 * openapi-typescript percent-decodes the pointers it builds from paths and operationIds and
 * throws URIError on a bare `%`, before the client generator is even involved.
 */
const FRAGMENTS = [
  '"', "'", "`", "\\", "\\\\", '\\"', "*/", "/*", "//", "${", "}", "{", "\n", "\r", "\r\n", "\u2028", "\u2029", "\u0085",
  "\u0000", "\t", " ", "é", "日本", "🎉", "\ud800", "\udc00", "0", "42", "__proto__", "constructor", "then", "prototype",
  "-", "_", ".", "~", "~1", "@", "<", ">", "&", "|", "#", "?", "/", "$", "a", "Item", "get", "_get", "-Input",
  "-Output", "Body_", "__", "x", "</script>", "__sync_types_key__", "*__sync_types_key__/", "toString", "hasOwnProperty",
  "valueOf", "new",
];

/** A random string of fragments, empty sometimes. */
export function hostileString(rng: Random, maxFragments = 6): string {
  const count = Math.floor(rng() * (maxFragments + 1));
  return Array.from({ length: count }, () => pick(rng, FRAGMENTS)).join("");
}

/** A random spec: operations with parameters in every location, bodies, several response kinds and schemas, all named by `hostileString`. */
export function randomSpec(rng: Random): OpenApiDocument {
  const schemaNames = Array.from({ length: 1 + Math.floor(rng() * 4) }, () => hostileString(rng, 4));
  const ref = () => ({ $ref: `#/components/schemas/${encodePointer(pick(rng, schemaNames))}` });
  const property = (): unknown =>
    pick(rng, [
      () => ({ type: "string", description: hostileString(rng) }),
      () => ({ type: "string", enum: [hostileString(rng), hostileString(rng)] }),
      () => ({ const: hostileString(rng) }),
      () => ({ anyOf: [{ type: "integer" }, { type: "null" }] }),
      () => ({ type: "array", items: ref() }),
      () => ({ type: "object", additionalProperties: { type: "number" } }),
      () => ref(),
    ])();
  const objectSchema = () => ({
    type: "object",
    title: hostileString(rng),
    description: hostileString(rng),
    properties: Object.fromEntries(Array.from({ length: Math.floor(rng() * 4) }, () => [hostileString(rng, 3), property()])),
    required: [hostileString(rng, 3)],
  });
  const schemas = Object.fromEntries(schemaNames.map((name) => [name, objectSchema()]));
  const paths: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < 1 + Math.floor(rng() * 5); i++) {
    const param = hostileString(rng, 3).replace(/[{}]/g, "") || "p";
    const path = `/${i}${hostileString(rng, 3).replace(/[{}]/g, "")}/{${param}}`;
    const method = pick(rng, ["get", "post", "put", "delete", "patch"]);
    const location = () => pick(rng, ["query", "header", "cookie"]);
    const parameters = [
      { name: param, in: "path", required: true, schema: { type: "string" } },
      ...Array.from({ length: Math.floor(rng() * 3) }, () => ({ name: hostileString(rng, 3) || "q", in: location(), required: rng() < 0.3, schema: property(), description: hostileString(rng) })),
    ];
    const body = pick(rng, [
      undefined,
      { required: true, content: { "application/json": { schema: ref() } } },
      { content: { "multipart/form-data": { schema: { type: "object", properties: { [hostileString(rng, 3)]: { type: "string", format: "binary" }, [hostileString(rng, 3)]: { type: "array", items: { type: "string", contentMediaType: "application/octet-stream" } } } } } } },
      { content: { "application/x-www-form-urlencoded": { schema: objectSchema() } } },
    ]);
    const success = pick(rng, [
      { "200": { description: hostileString(rng), content: { "application/json": { schema: ref() } } } },
      { "204": { description: hostileString(rng) } },
      { "200": { description: "", content: { "text/event-stream": { itemSchema: { type: "object", properties: { data: { type: "string", contentMediaType: "application/json", contentSchema: objectSchema() } } } } } } },
      { "200": { description: "", content: { "application/jsonl": { itemSchema: ref() } } } },
      { "200": { description: "", content: { "text/plain": { schema: { type: "string" } } }, "201": { description: "", content: { "application/json": { schema: property() } } } } },
    ]);
    paths[path] = {
      [method]: {
        operationId: pick(rng, [hostileString(rng), `${hostileString(rng, 2)}${path.replace(/[^\p{L}\p{N}_]/gu, "_")}_${method}`]),
        summary: hostileString(rng),
        description: hostileString(rng),
        tags: [hostileString(rng, 2)],
        deprecated: rng() < 0.2,
        parameters,
        ...(body ? { requestBody: body } : {}),
        responses: { ...success, [pick(rng, ["404", "4XX", "default", "422"])]: { description: hostileString(rng), content: { "application/json": { schema: property() } } } },
      },
    };
  }
  return { openapi: "3.1.0", info: { title: hostileString(rng), version: "1" }, paths, components: { schemas } } as unknown as OpenApiDocument;
}

function encodePointer(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}
