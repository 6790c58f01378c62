import { SpecError } from "../errors.js";
import { assertSafeRefs, vouchRefs } from "./refs.js";
import { HTTP_METHODS, isJsonObject, type Json, type JsonObject, type OpenApiDocument } from "./types.js";

/**
 * The committed form of a spec: 2-space JSON, trailing newline, `paths`, `webhooks` and
 * `components.*` keys sorted, methods in a fixed order; everything else as FastAPI emits it.
 * The same app gives the same bytes whatever its route declaration order.
 */
export function canonicalizeSpec(raw: Json, service: string): OpenApiDocument {
  if (!isJsonObject(raw)) throw new SpecError(service, "the spec is not a JSON object");
  if (typeof raw["swagger"] === "string") {
    throw new SpecError(service, `Swagger ${raw["swagger"]} is not supported: sync-types reads OpenAPI 3.0 and 3.1`, {
      hint: "FastAPI emits OpenAPI 3.x; convert older documents first (e.g. with swagger2openapi)",
    });
  }
  const version = raw["openapi"];
  if (typeof version !== "string" || !/^3\.\d+(\.\d+)?/.test(version)) {
    throw new SpecError(service, `not an OpenAPI 3.x document ("openapi": ${JSON.stringify(version ?? null)})`, {
      hint: "check that openapiPath points at the OpenAPI JSON",
    });
  }
  // Before anything walks it: sorting and serializing recurse, resolvers do I/O.
  assertSafeRefs(raw, service);
  const doc: JsonObject = { ...raw };
  if (isJsonObject(doc["paths"])) doc["paths"] = sortPaths(doc["paths"]);
  if (isJsonObject(doc["webhooks"])) doc["webhooks"] = sortPaths(doc["webhooks"]);
  if (isJsonObject(doc["components"])) {
    const components: JsonObject = {};
    for (const [kind, entries] of sortedEntries(doc["components"])) {
      components[kind] = isJsonObject(entries) ? Object.fromEntries(sortedEntries(entries)) : entries;
    }
    doc["components"] = components;
  }
  vouchRefs(doc);
  return doc as OpenApiDocument;
}

export function serializeSpec(doc: OpenApiDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function sortPaths(paths: JsonObject): JsonObject {
  const sorted: JsonObject = {};
  for (const [path, item] of sortedEntries(paths)) sorted[path] = isJsonObject(item) ? orderMethods(item) : item;
  return sorted;
}

/** Path-level keys (summary, parameters, ...) first as emitted, then methods in a fixed order. */
function orderMethods(item: JsonObject): JsonObject {
  const methods = new Set<string>(HTTP_METHODS);
  const ordered: JsonObject = {};
  for (const [key, value] of Object.entries(item)) if (!methods.has(key)) ordered[key] = value;
  for (const method of HTTP_METHODS) if (method in item) ordered[method] = item[method]!;
  return ordered;
}

/** Code-unit order, never locale order: bytes must not depend on the machine. */
function sortedEntries(obj: JsonObject): [string, Json][] {
  return Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
