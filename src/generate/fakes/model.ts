/**
 * What fakes.gen.ts embeds per operation, computed at generation time: the parameters and body
 * it validates (with the component schemas they reach), the error statuses an override may
 * answer with, and the default answer — status as declared, data sampled (sample.ts).
 *
 * Data is computed here rather than when the fake runs: the bytes are fixed in the committed
 * file (a reviewer sees them, a snapshot test never flakes), answering costs nothing, and the
 * generated file ships no generator. Only what validation needs travels as schema.
 */
import { resolveRef } from "../../spec/pointer.js";
import { isJsonObject, type Json, type JsonObject, type OpenApiDocument } from "../../spec/types.js";
import { isJsonLinesMedia, isJsonMedia, isSseMedia, isTextMedia } from "../client/media-types.js";
import type { OperationModel, ResponseModel } from "../client/operations.js";
import { resolve } from "../client/refs.js";
import { successResponses } from "../client/responses.js";
import { sampleValue } from "./sample.js";

export interface FakeParam {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  schema: Json;
}

export type FakeAnswer =
  | { kind: "empty"; status: number }
  | { kind: "json" | "text"; status: number; mediaType: string; body: Json }
  | { kind: "sse"; status: number; data: "json" | "text"; events: Json[] }
  | { kind: "jsonl"; status: number; events: Json[] };

export interface FakeOperation {
  name: string;
  method: string;
  path: string;
  params: FakeParam[];
  body?: { mediaType: string; required: boolean; schema: Json };
  errors: string[];
  answer: FakeAnswer;
}

export interface FakeSpec {
  operations: FakeOperation[];
  schemas: JsonObject;
}

/** Redirects fetch follows: never an answer an override can give as an error. */
const FOLLOWED = new Set(["301", "302", "303", "307", "308", "3XX"]);
const EMPTY = new Set(["204", "205", "304"]);
/** Stream items a default answer sends. */
const STREAM_ITEMS = 2;

export function fakeSpec(spec: OpenApiDocument, operations: readonly OperationModel[], warn: (message: string) => void): FakeSpec {
  const built = operations.map((operation) => fakeOperation(spec, operation, warn));
  const used = new Set<string>();
  for (const operation of built) {
    for (const param of operation.params) collectRefs(spec, param.schema, used);
    if (operation.body) collectRefs(spec, operation.body.schema, used);
  }
  const components = isJsonObject(spec["components"]) && isJsonObject(spec["components"]["schemas"]) ? spec["components"]["schemas"] : {};
  const schemas: JsonObject = {};
  for (const name of [...used].sort()) {
    // defineProperty: a component named `__proto__` must stay a key.
    if (Object.hasOwn(components, name)) Object.defineProperty(schemas, name, { value: components[name], enumerable: true, writable: true, configurable: true });
  }
  return { operations: built, schemas };
}

function fakeOperation(spec: OpenApiDocument, operation: OperationModel, warn: (message: string) => void): FakeOperation {
  const route = `${operation.method.toUpperCase()} ${operation.path}`;
  const hasSuccess = operation.responses.some((r) => r.status.startsWith("2"));
  const errors = operation.responses
    .filter((r) => !r.status.startsWith("2") && !FOLLOWED.has(r.status) && (hasSuccess || r.status !== "default"))
    .map((r) => r.status);
  const out: FakeOperation = {
    name: operation.name,
    method: operation.method.toUpperCase(),
    path: operation.path,
    params: readParams(spec, operation),
    errors,
    answer: answerOf(spec, operation, route, warn),
  };
  if (operation.body) out.body = { mediaType: operation.body.mediaType, required: operation.body.required, schema: operation.body.schema ?? {} };
  return out;
}

/** Parameters in the spec's order (FastAPI's declaration order, which its 422s follow); operation ones override path-item ones. */
function readParams(spec: OpenApiDocument, operation: OperationModel): FakeParam[] {
  const item = resolve(spec, (spec["paths"] as JsonObject)[operation.path]) ?? {};
  const op = resolve(spec, item[operation.method]) ?? {};
  const byKey = new Map<string, FakeParam>();
  for (const list of [item["parameters"], op["parameters"]]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const param = resolve(spec, entry);
      if (!param || typeof param["name"] !== "string") continue;
      const location = param["in"];
      if (location !== "path" && location !== "query" && location !== "header" && location !== "cookie") continue;
      const name = location === "header" ? param["name"].toLowerCase() : param["name"];
      byKey.set(`${location} ${name}`, { name, in: location, required: location === "path" || param["required"] === true, schema: param["schema"] ?? {} });
    }
  }
  return [...byKey.values()];
}

function answerOf(spec: OpenApiDocument, operation: OperationModel, route: string, warn: (message: string) => void): FakeAnswer {
  const response = successResponses(operation)[0];
  const status = response === undefined || !/^\d{3}$/.test(response.status) ? 200 : Number(response.status);
  if (response === undefined || EMPTY.has(response.status) || operation.method === "head" || response.content.length === 0) return { kind: "empty", status };
  const where = `${route} → ${status}`;
  const sample = (schema: Json | undefined, seed: string) => sampleValue(schema, seed, { spec, where: `${where} → body`, warn });
  const sse = response.content.find((m) => isSseMedia(m.mediaType));
  if (sse) {
    const item = isJsonObject(sse.itemSchema) ? sse.itemSchema : {};
    const data = isJsonObject(item["properties"]) && isJsonObject(item["properties"]["data"]) ? item["properties"]["data"] : {};
    const json = "contentSchema" in data || (typeof data["contentMediaType"] === "string" && isJsonMedia(data["contentMediaType"]));
    const schema = json ? data["contentSchema"] : { type: "string" };
    return { kind: "sse", status, data: json ? "json" : "text", events: items((i) => sample(schema, `${where} event ${i}`)) };
  }
  const lines = response.content.find((m) => isJsonLinesMedia(m.mediaType));
  if (lines) return { kind: "jsonl", status, events: items((i) => sample(lines.itemSchema, `${where} item ${i}`)) };
  const media = response.content.find((m) => isJsonMedia(m.mediaType)) ?? response.content[0]!;
  const example = mediaExample(spec, operation, response, media.mediaType);
  const body = example !== undefined ? example : sample(media.schema, where);
  if (isJsonMedia(media.mediaType)) return { kind: "json", status, mediaType: media.mediaType, body };
  const text = typeof body === "string" ? body : isTextMedia(media.mediaType) ? JSON.stringify(body) : "";
  return { kind: "text", status, mediaType: media.mediaType, body: text };
}

function items(make: (index: number) => Json): Json[] {
  return Array.from({ length: STREAM_ITEMS }, (_, index) => make(index));
}

/** The media object's own `example`, or the first of its `examples` (OpenAPI's named examples). */
function mediaExample(spec: OpenApiDocument, operation: OperationModel, response: ResponseModel, mediaType: string): Json | undefined {
  const item = resolve(spec, (spec["paths"] as JsonObject)[operation.path]);
  const op = resolve(spec, item?.[operation.method]);
  const responses = isJsonObject(op?.["responses"]) ? op["responses"] : {};
  const key = Object.keys(responses).find((k) => k.toUpperCase() === response.status.toUpperCase() || (k === "default" && response.status === "default"));
  const content = key === undefined ? undefined : resolve(spec, responses[key])?.["content"];
  const media = isJsonObject(content) ? resolve(spec, content[mediaType]) : undefined;
  if (!media) return undefined;
  if ("example" in media) return media["example"];
  const examples = isJsonObject(media["examples"]) ? media["examples"] : {};
  for (const name of Object.keys(examples)) {
    const example = resolve(spec, examples[name]);
    if (example && "value" in example) return example["value"];
  }
  return undefined;
}

/** Names of the component schemas `schema` reaches through `$ref`, cycles included once. */
function collectRefs(spec: OpenApiDocument, schema: Json | undefined, into: Set<string>): void {
  const stack: (Json | undefined)[] = [schema];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) stack.push(...value);
    else if (isJsonObject(value)) {
      const ref = value["$ref"];
      const name = typeof ref === "string" ? /^#\/components\/schemas\/(.+)$/.exec(ref)?.[1] : undefined;
      const key = name === undefined ? undefined : safeDecode(name.replace(/~1/g, "/").replace(/~0/g, "~"));
      if (key !== undefined && !into.has(key)) {
        into.add(key);
        stack.push(resolveRef(spec, ref as string));
      }
      for (const [k, child] of Object.entries(value)) if (k !== "$ref") stack.push(child);
    }
  }
}

/** A pointer segment percent-decoded, or as it is when it holds a stray `%`. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
