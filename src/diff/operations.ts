/**
 * The operations of a spec, in the shape rules need (parameters merged from path and operation,
 * `$ref`s to shared parameters, bodies and responses followed), and their pairing across two specs.
 */
import { operationNames } from "../generate/client/naming.js";
import { escapeSegment, parseRef, valueAt } from "../spec/pointer.js";
import { HTTP_METHODS, isJsonObject, type HttpMethod, type Json, type JsonObject, type OpenApiDocument } from "../spec/types.js";

export interface Media {
  name: string;
  pointer: string;
  /** `schema`, or `itemSchema` for a stream (SSE, JSON Lines). */
  schema: { raw: Json; pointer: string } | undefined;
  stream: boolean;
}

export interface Parameter {
  in: string;
  name: string;
  required: boolean;
  pointer: string;
  schema: { raw: Json; pointer: string } | undefined;
}

export interface Body {
  pointer: string;
  required: boolean;
  content: Map<string, Media>;
}

export interface Response {
  status: string;
  pointer: string;
  content: Map<string, Media>;
}

export interface Operation {
  /** `GET /items/{item_id}`. */
  key: string;
  method: HttpMethod;
  path: string;
  pointer: string;
  operationId: string | undefined;
  /** The client method generated for it. */
  methodName: string;
  parameters: Parameter[];
  body: Body | undefined;
  responses: Map<string, Response>;
  /** Alternatives, each a list of scheme names; `[[]]` when anonymous access is allowed. */
  security: string[][];
}

export function listOperations(doc: OpenApiDocument, options: { groupByTag?: boolean } = {}): Operation[] {
  const operations: Operation[] = [];
  const tags: string[][] = [];
  const paths = doc["paths"];
  if (!isJsonObject(paths)) return operations;
  for (const [path, item] of Object.entries(paths)) {
    if (!isJsonObject(item)) continue;
    const itemPointer = `/paths/${escapeSegment(path)}`;
    for (const method of HTTP_METHODS) {
      const raw = item[method];
      if (!isJsonObject(raw)) continue;
      const pointer = `${itemPointer}/${method}`;
      tags.push(Array.isArray(raw["tags"]) ? raw["tags"].filter((t): t is string => typeof t === "string") : []);
      operations.push({
        key: `${method.toUpperCase()} ${path}`,
        method,
        path,
        pointer,
        operationId: typeof raw["operationId"] === "string" ? raw["operationId"] : undefined,
        methodName: "",
        parameters: parameters(doc, item, raw, itemPointer, pointer),
        body: body(doc, raw["requestBody"], `${pointer}/requestBody`),
        responses: responses(doc, raw["responses"], `${pointer}/responses`),
        security: security(raw["security"] ?? doc["security"]),
      });
    }
  }
  const names = operationNames(
    operations.map((op, i) => ({ method: op.method, path: op.path, operationId: op.operationId, tags: tags[i]! })),
    { groupByTag: options.groupByTag === true },
  );
  operations.forEach((op, i) => (op.methodName = names[i]!.key));
  return operations;
}

export interface OperationPairs {
  pairs: [Operation, Operation][];
  removed: Operation[];
  added: Operation[];
}

/**
 * Same method and path; else the same path with its parameters renamed; else the base path with
 * path parameters inserted (`/items` → `/orgs/{org}/items`), which is a new path parameter.
 */
export function pairOperations(base: Operation[], head: Operation[]): OperationPairs {
  const pairs: [Operation, Operation][] = [];
  const headLeft = new Map(head.map((op) => [op.key, op]));
  let baseLeft: Operation[] = [];
  for (const op of base) {
    const match = headLeft.get(op.key);
    if (match) {
      pairs.push([op, match]);
      headLeft.delete(op.key);
    } else baseLeft.push(op);
  }
  for (const matches of [sameTemplate, withInsertedParams]) {
    const unmatched: Operation[] = [];
    for (const op of baseLeft) {
      const candidates = [...headLeft.values()].filter((h) => h.method === op.method && matches(op.path, h.path));
      if (candidates.length === 1) {
        pairs.push([op, candidates[0]!]);
        headLeft.delete(candidates[0]!.key);
      } else unmatched.push(op);
    }
    baseLeft = unmatched;
  }
  return { pairs, removed: baseLeft, added: [...headLeft.values()] };
}

/** `{item_id}` → `{}`: the shape of a path, whatever its parameters are called. */
function template(path: string): string[] {
  return path.split("/").map((segment) => segment.replace(/\{[^}]*\}/g, "{}"));
}

function sameTemplate(base: string, head: string): boolean {
  return template(base).join("/") === template(head).join("/");
}

/** The head path is the base path with parameters inserted, each maybe after its own static segment (`orgs/{org}`). */
function withInsertedParams(base: string, head: string): boolean {
  const b = template(base);
  const h = template(head);
  if (h.length <= b.length) return false;
  let i = 0;
  for (let j = 0; j < h.length; j++) {
    if (i < b.length && h[j] === b[i]) i++;
    else if (h[j] !== "{}" && h[j + 1] !== "{}") return false;
  }
  return i === b.length;
}

export function pathParams(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!);
}

/** Follows a local `$ref` (one level, then its target's own): returns the object and where it lives. */
function follow(doc: OpenApiDocument, value: Json | undefined, pointer: string): { raw: JsonObject; pointer: string } | undefined {
  const seen = new Set<string>();
  let raw = value;
  let at = pointer;
  while (isJsonObject(raw) && typeof raw["$ref"] === "string" && !seen.has(raw["$ref"])) {
    const target = parseRef(raw["$ref"]);
    if (target.kind !== "local") break;
    seen.add(raw["$ref"]);
    at = target.pointer;
    raw = valueAt(doc, at);
  }
  return isJsonObject(raw) ? { raw, pointer: at } : undefined;
}

function parameters(doc: OpenApiDocument, item: JsonObject, op: JsonObject, itemPointer: string, opPointer: string): Parameter[] {
  const byKey = new Map<string, Parameter>();
  for (const [list, at] of [[item["parameters"], `${itemPointer}/parameters`], [op["parameters"], `${opPointer}/parameters`]] as const) {
    if (!Array.isArray(list)) continue;
    list.forEach((entry, i) => {
      const found = follow(doc, entry, `${at}/${i}`);
      if (!found || typeof found.raw["name"] !== "string" || typeof found.raw["in"] !== "string") return;
      const { raw, pointer } = found;
      const where = raw["in"] as string;
      const parameter: Parameter = {
        in: where,
        name: raw["name"] as string,
        required: raw["required"] === true || where === "path",
        pointer,
        schema: raw["schema"] === undefined ? undefined : { raw: raw["schema"], pointer: `${pointer}/schema` },
      };
      byKey.set(parameterKey(parameter), parameter);
    });
  }
  return [...byKey.values()];
}

/** HTTP header names are case-insensitive. */
export function parameterKey(p: Pick<Parameter, "in" | "name">): string {
  return `${p.in}:${p.in === "header" ? p.name.toLowerCase() : p.name}`;
}

function body(doc: OpenApiDocument, value: Json | undefined, pointer: string): Body | undefined {
  const found = follow(doc, value, pointer);
  if (!found) return undefined;
  return { pointer: found.pointer, required: found.raw["required"] === true, content: content(found.raw["content"], `${found.pointer}/content`) };
}

function responses(doc: OpenApiDocument, value: Json | undefined, pointer: string): Map<string, Response> {
  const result = new Map<string, Response>();
  if (!isJsonObject(value)) return result;
  for (const status of Object.keys(value)) {
    const found = follow(doc, value[status], `${pointer}/${escapeSegment(status)}`);
    if (found) result.set(status, { status, pointer: found.pointer, content: content(found.raw["content"], `${found.pointer}/content`) });
  }
  return result;
}

function content(value: Json | undefined, pointer: string): Map<string, Media> {
  const result = new Map<string, Media>();
  if (!isJsonObject(value)) return result;
  for (const [name, media] of Object.entries(value)) {
    const at = `${pointer}/${escapeSegment(name)}`;
    if (!isJsonObject(media)) continue;
    const item = media["itemSchema"];
    const schema = item !== undefined ? { raw: item, pointer: `${at}/itemSchema` }
      : media["schema"] !== undefined ? { raw: media["schema"], pointer: `${at}/schema` } : undefined;
    result.set(name, { name, pointer: at, schema, stream: item !== undefined });
  }
  return result;
}

function security(value: Json | undefined): string[][] {
  if (!Array.isArray(value)) return [[]];
  if (value.length === 0) return [[]];
  return value.filter(isJsonObject).map((requirement) => Object.keys(requirement).sort());
}

export function isSuccess(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}
