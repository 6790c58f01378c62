/**
 * Random specs with a hostile string in every place a spec string can reach generated text:
 * titles, descriptions, defaults, examples, formats, patterns, enum values and consts, property
 * keys (`constructor`, `__proto__` and the like often), schema names, discriminators, paths,
 * operationIds, summaries, tags, parameter names, header names, media types, statuses, and the
 * stream item schemas a config names. Same seed, same spec.
 */
import type { JSONSchema } from "json-schema-to-typescript";
import type { OpenApiDocument } from "../../../src/spec/types.js";
import { hostileString, pick, type Random } from "./client/fuzz.js";

/** Names JavaScript objects, Redocly or TypeScript treat specially. */
const SPECIAL = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "then", "new", "__sync_types_key__"];

export function hostileText(rng: Random): string {
  return rng() < 0.2 ? pick(rng, SPECIAL) : hostileString(rng, 8);
}

function hostileKeys(rng: Random, count: number): string[] {
  return [...new Set(Array.from({ length: count }, () => hostileText(rng)))];
}

const encodePointer = (key: string) => key.replaceAll("~", "~0").replaceAll("/", "~1");

export function everywhereSpec(rng: Random): OpenApiDocument {
  const names = hostileKeys(rng, 1 + Math.floor(rng() * 4));
  const ref = () => ({ $ref: `#/components/schemas/${encodePointer(pick(rng, names))}` });
  const documented = () => ({
    title: hostileText(rng),
    description: hostileText(rng),
    default: pick(rng, [hostileText(rng), { [hostileText(rng)]: hostileText(rng) }, [hostileText(rng)]]),
    example: { [hostileText(rng)]: [hostileText(rng)] },
    examples: [hostileText(rng)],
    deprecated: rng() < 0.2,
  });
  const leaf = (): Record<string, unknown> =>
    pick(rng, [
      () => ({ type: "string", format: hostileText(rng), pattern: hostileText(rng), ...documented() }),
      () => ({ type: "string", enum: [hostileText(rng), hostileText(rng)], ...documented() }),
      () => ({ const: hostileText(rng), ...documented() }),
      () => ({ anyOf: [ref(), { type: "null" }], ...documented() }),
      () => ({ type: "array", items: ref(), ...documented() }),
      () => ({ type: "object", additionalProperties: { type: "string", description: hostileText(rng) }, ...documented() }),
      () => ref(),
    ])();
  const object = (depth = 0): Record<string, unknown> => {
    const keys = hostileKeys(rng, Math.floor(rng() * 5));
    const properties = Object.fromEntries(keys.map((key) => [key, depth < 1 && rng() < 0.3 ? object(depth + 1) : leaf()]));
    return { type: "object", ...documented(), properties, required: keys.filter(() => rng() < 0.5), "x-extra": hostileText(rng) };
  };
  const schemas: Record<string, unknown> = Object.fromEntries(names.map((name) => [name, object()]));
  if (rng() < 0.5) {
    // Options of their own, without references: openapi-typescript's discriminator walk does not survive cycles.
    const tag = hostileText(rng);
    const options = hostileKeys(rng, 2).map((name) => `${name}-option`);
    for (const name of options) schemas[name] = { type: "object", description: hostileText(rng), properties: { [tag]: { type: "string" } }, required: [tag] };
    const refs = options.map((name) => `#/components/schemas/${encodePointer(name)}`);
    schemas[`${hostileText(rng)}-union`] = {
      oneOf: refs.map(($ref) => ({ $ref })),
      discriminator: { propertyName: tag, mapping: Object.fromEntries(refs.map((target) => [hostileText(rng), target])) },
    };
  }

  const paths: Record<string, Record<string, unknown>> = {};
  for (let i = 0; i < 1 + Math.floor(rng() * 4); i++) {
    const param = hostileText(rng).replace(/[{}]/g, "") || "p";
    const path = `/${i}${hostileText(rng).replace(/[{}]/g, "")}/{${param}}`;
    const method = pick(rng, ["get", "post", "put", "delete", "patch"]);
    const media = () => pick(rng, ["application/json", `application/${hostileText(rng)}+json`, `text/plain; charset="${hostileText(rng)}"`, hostileText(rng) || "x/y"]);
    const parameters = [
      { name: param, in: "path", required: true, schema: { type: "string" }, description: hostileText(rng) },
      ...["query", "header", "cookie"].filter(() => rng() < 0.6).map((location) => ({
        name: hostileText(rng) || "q", in: location, required: rng() < 0.3, schema: leaf(), description: hostileText(rng), example: hostileText(rng),
      })),
    ];
    const body = pick(rng, [
      undefined,
      { required: true, description: hostileText(rng), content: { [media()]: { schema: ref(), example: { [hostileText(rng)]: hostileText(rng) } } } },
      { content: { "multipart/form-data": { schema: { type: "object", properties: { [hostileText(rng)]: { type: "string", format: "binary", description: hostileText(rng) }, [hostileText(rng)]: leaf() } } } } },
      { content: { "application/x-www-form-urlencoded": { schema: object() } } },
    ]);
    const success = pick(rng, [
      { "200": { description: hostileText(rng), headers: { [hostileText(rng) || "h"]: { description: hostileText(rng), schema: { type: "string" } } }, content: { [media()]: { schema: ref() } } } },
      { "204": { description: hostileText(rng) } },
      { "200": { description: hostileText(rng), content: { "text/event-stream": { itemSchema: { type: "object", properties: { data: { type: "string", contentMediaType: "application/json", contentSchema: object() } } } } } } },
      { "200": { description: hostileText(rng), content: { "application/jsonl": { itemSchema: ref() } } } },
    ]);
    paths[path] = {
      [method]: {
        operationId: pick(rng, [hostileText(rng), `new${path.replace(/[^\p{L}\p{N}_]/gu, "_")}_${method}`, pick(rng, SPECIAL)]),
        summary: hostileText(rng),
        description: hostileText(rng),
        tags: [hostileText(rng)],
        deprecated: rng() < 0.2,
        parameters,
        ...(body ? { requestBody: body } : {}),
        responses: { ...success, [pick(rng, ["404", "4XX", "default", "422", hostileText(rng) || "5XX"])]: { description: hostileText(rng), content: { [media()]: { schema: leaf() } } } },
      },
    };
  }
  // Drawn last, so the paths and schemas a seed gave before security schemes existed stay the same.
  const schemeNames = hostileKeys(rng, 1 + Math.floor(rng() * 3));
  const securitySchemes = Object.fromEntries(schemeNames.map((name) => [name, pick(rng, [
    { type: "apiKey", in: pick(rng, ["header", "query", "cookie"]), name: hostileText(rng) || "k", description: hostileText(rng) },
    { type: "http", scheme: pick(rng, ["bearer", "basic", hostileText(rng)]) },
    { type: "oauth2", flows: { [hostileText(rng)]: { tokenUrl: hostileText(rng), scopes: {} } } },
  ])]));
  for (const item of Object.values(paths)) {
    for (const operation of Object.values(item) as Record<string, unknown>[]) operation["security"] = [{ [pick(rng, schemeNames)]: [] }, ...(rng() < 0.5 ? [{}] : [])];
  }
  const components = { schemas, securitySchemes };
  return { openapi: "3.1.0", info: { title: hostileText(rng), description: hostileText(rng), version: hostileText(rng) }, paths, components } as unknown as OpenApiDocument;
}

/** A config's `streams` entry for the first operation of `spec`, or none. */
export function everywhereStreams(rng: Random, spec: OpenApiDocument): Record<string, JSONSchema> {
  if (rng() < 0.5) return {};
  const [path, item] = Object.entries(spec["paths"] as Record<string, object>)[0]!;
  // A `hasOwnProperty` field is a ConfigError there (injection.test.ts).
  const keys = hostileKeys(rng, 3).filter((key) => key !== "hasOwnProperty");
  return {
    [`${Object.keys(item)[0]!.toUpperCase()} ${path}`]: {
      type: "object",
      title: hostileText(rng),
      description: hostileText(rng),
      properties: Object.fromEntries(keys.map((key) => [key, { type: "string", title: hostileText(rng), description: hostileText(rng), enum: [hostileText(rng)], default: hostileText(rng) }])),
      $defs: Object.fromEntries(hostileKeys(rng, 1).filter((key) => key !== "hasOwnProperty").map((key) => [key, { type: "string", description: hostileText(rng) }])),
    },
  };
}
