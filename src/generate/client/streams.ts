/**
 * Streaming responses. FastAPI types its own streams with OpenAPI 3.2's `itemSchema`: SSE
 * payloads at `itemSchema.properties.data.contentSchema`, JSON Lines items at `itemSchema`.
 * Streams FastAPI cannot type (sse-starlette, `StreamingResponse`) get their item type from
 * the config: a Pydantic model's JSON Schema, turned into TypeScript by json-schema-to-typescript.
 */
import type { JSONSchema } from "json-schema-to-typescript";
import { ConfigError } from "../../errors.js";
import { isJsonObject, type Json } from "../../spec/types.js";
import { codeUnitOrder, pascalCase, type NameRegistry } from "./identifiers.js";
import { isJsonLinesMedia, isJsonMedia, isSseMedia } from "./media-types.js";
import type { MediaModel, OperationModel } from "./operations.js";
import { successResponses } from "./responses.js";
import { schemaType, type SchemaTypeContext } from "./schema-type.js";
import { typeNameBase } from "./naming.js";
import { docText, stringLiteral, wellFormed } from "../text.js";

/** How SSE data is decoded (the runtime's SseData): JSON, text as sent, or FastAPI's untyped mix of both. */
export type SseData = "json" | "text" | "json-or-text";

/**
 * How an operation streams: SSE whose `data` is decoded into `item` as `data` says, JSON
 * Lines, or (`auto`) a format the spec leaves open, picked by the response's content type.
 */
export type StreamShape = { kind: "sse"; data: SseData; item: string } | { kind: "jsonl"; item: string } | { kind: "auto"; item: string };

export interface ConfiguredStream {
  /** Exported name of the item type. */
  item: string;
  /** `export interface …` declarations from json-schema-to-typescript. */
  source: string;
}

/** How a streaming operation streams, or `undefined` for ordinary operations. */
export function streamShape(operation: OperationModel, models: SchemaTypeContext, configured: ConfiguredStream | undefined): StreamShape | undefined {
  const media = successResponses(operation).flatMap((response) => response.content);
  const sse = media.find((m) => isSseMedia(m.mediaType));
  const lines = media.find((m) => isJsonLinesMedia(m.mediaType));
  if (configured) return sse ? { kind: "sse", data: "json", item: configured.item } : { kind: lines ? "jsonl" : "auto", item: configured.item };
  if (sse) return sseShape(sse, models);
  if (lines) return { kind: "jsonl", item: schemaType(lines.itemSchema ?? {}, models) };
  return undefined;
}

/**
 * FastAPI (fastapi/routing.py, `_serialize_sse_item`) JSON-encodes every event's data, plain
 * yields and `ServerSentEvent(data=…)` alike, except `ServerSentEvent(raw_data=…)`, sent as is.
 * A typed stream says so with `contentMediaType: application/json` and `contentSchema`; an
 * untyped one (`AsyncIterable[ServerSentEvent]`, no annotation) declares `data` a bare string,
 * though it is JSON unless it came from raw_data: those items are typed `unknown`.
 */
function sseShape(media: MediaModel, models: SchemaTypeContext): StreamShape {
  // sse-starlette and hand-written specs declare `schema`, no itemSchema: data is whatever text the app sent.
  if (!isJsonObject(media.itemSchema)) return { kind: "sse", data: "text", item: "string" };
  const properties = isJsonObject(media.itemSchema["properties"]) ? media.itemSchema["properties"] : {};
  const data = isJsonObject(properties["data"]) ? properties["data"] : {};
  if ("contentSchema" in data) return { kind: "sse", data: "json", item: schemaType(data["contentSchema"], models) };
  const mediaType = data["contentMediaType"];
  if (typeof mediaType === "string") return isJsonMedia(mediaType) ? { kind: "sse", data: "json", item: "unknown" } : { kind: "sse", data: "text", item: "string" };
  return { kind: "sse", data: "json-or-text", item: "unknown" };
}

/**
 * Item types for the configured streams, keyed by method name. Keys of `streamTypes` are
 * operationIds or `METHOD /path`; one that matches no operation is a config error.
 */
export async function configuredStreams(
  streamTypes: Readonly<Record<string, JSONSchema>>,
  operations: readonly OperationModel[],
  registry: NameRegistry,
): Promise<Map<string, ConfiguredStream>> {
  const streams = new Map<string, ConfiguredStream>();
  for (const key of Object.keys(streamTypes).sort(codeUnitOrder)) {
    const route = /^([A-Za-z]+) +(\/[\s\S]*)$/.exec(key);
    const operation = operations.find((op) => op.operationId === key || (route !== null && op.method === route[1]!.toLowerCase() && op.path === route[2]));
    if (!operation) {
      throw new ConfigError(`streams[${stringLiteral(key)}]: no operation has this operationId or "METHOD /path"`, {
        hint: "keys are operationIds (as in the committed spec) or e.g. \"GET /events\"",
      });
    }
    streams.set(operation.name, await compileStream(streamTypes[key]!, operation, registry));
  }
  return streams;
}

async function compileStream(schema: JSONSchema, operation: OperationModel, registry: NameRegistry): Promise<ConfiguredStream> {
  const item = registry.claim(safeName(`${pascalCase(typeNameBase(operation))}Item`));
  const names = new Set([item]);
  const prepared = prepare(schema as Json, item, operation, (wanted) => {
    const name = registry.claim(safeName(wanted));
    names.add(name);
    return name;
  });
  // Loaded for configured streams only: it brings prettier.
  const { compile } = await import("json-schema-to-typescript");
  const source = await compile(prepared as JSONSchema, item, {
    bannerComment: "",
    format: true,
    additionalProperties: false,
    strictIndexSignatures: true,
    unknownAny: true,
    declareExternallyReferenced: true,
    $refOptions: { resolve: { external: false, file: false, http: false } },
  });
  for (const [, name] of source.matchAll(/^export (?:interface|type) ([A-Za-z0-9_$]+)/gm)) {
    if (names.has(name!)) continue;
    // A name json-schema-to-typescript made up itself (anonymous recursive types).
    if (registry.has(name!)) throw new Error(`json-schema-to-typescript declared ${name} for ${operation.name}, a name the client already uses`);
    registry.claim(name!);
  }
  return { item, source: `// Item of Client.${operation.name}, from the JSON Schema configured for its stream.\n${source.trim()}` };
}

/**
 * A copy json-schema-to-typescript can only turn into plain types: every name is one we
 * claimed, titles elsewhere dropped (each would become an alias), no `tsType` (raw
 * TypeScript), no external `$ref` (no file or network reads), descriptions comment-safe,
 * and no lone surrogate (its `$ref` resolver cannot encode them into pointers).
 */
function prepare(schema: Json, rootName: string, operation: OperationModel, claim: (wanted: string) => string): Json {
  const clean = (value: Json, name: string | undefined): Json => {
    if (Array.isArray(value)) return value.map((entry) => clean(entry, undefined));
    if (typeof value === "string") return wellFormed(value);
    if (!isJsonObject(value)) return value;
    const out: Record<string, Json> = {};
    for (const [key, child] of Object.entries(value)) {
      // `__proto__` is no keyword, and assigning it below would set `out`'s prototype instead.
      if (key === "title" || key === "tsType" || key === "tsEnumNames" || key === "__proto__") continue;
      if (key === "$ref" && (typeof child !== "string" || !child.startsWith("#"))) continue;
      if (key === "description" && typeof child === "string") out[key] = docText(child);
      else if (NAME_MAPS.has(key) && isJsonObject(child)) out[key] = cleanMap(key, child);
      else out[key] = clean(child, undefined);
    }
    if (name !== undefined) out["title"] = name;
    return out;
  };
  // Keys of these are names, not keywords; `$defs` entries are the named types.
  const cleanMap = (keyword: string, map: Record<string, Json>): Json => {
    const definitions = keyword === "$defs" || keyword === "definitions";
    const entries = Object.entries(map).map(([key, child]): [string, Json] => {
      // json-schema-to-typescript calls `schema.hasOwnProperty(…)` on the map: it would crash.
      if (key === "hasOwnProperty") {
        throw new ConfigError(`streams: the item schema of ${operation.method.toUpperCase()} ${stringLiteral(operation.path)} names ${keyword} "hasOwnProperty", which json-schema-to-typescript cannot type`, {
          hint: "rename that field of the stream's model, or leave the stream out of `streams`",
        });
      }
      return [wellFormed(key), clean(child, definitions ? claim(`${rootName}${pascalCase(key)}`) : undefined)];
    });
    return Object.fromEntries(entries);
  };
  return clean(schema, rootName);
}

const NAME_MAPS = new Set(["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"]);

/** A name json-schema-to-typescript keeps as is: letters first, a capital after each digit run. */
function safeName(name: string): string {
  const fixed = name.replace(/(\d)([a-z])/g, (_, digit: string, letter: string) => digit + letter.toUpperCase());
  return /^[A-Za-z]/.test(fixed) ? fixed : `Stream${fixed}`;
}
