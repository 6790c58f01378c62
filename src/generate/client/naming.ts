/**
 * Client method names, one per operation, deterministic for a given spec:
 *
 * 1. From the operationId, drop FastAPI's default suffix, computed exactly as
 *    `fastapi.routing.generate_unique_id` builds it (`re.sub(r"\W", "_", path) + "_" + method`;
 *    every HTTP method is tried, because a multi-method route shares one id), or the
 *    `<tags[0]>-` prefix of the `generate_unique_id_function` convention; then camelCase:
 *    `read_item_items__item_id__get` → `readItem`, `items-read_item` → `readItem`.
 *    Without an operationId, or with nothing left of it, method and path name the operation:
 *    `getItemsItemId`.
 * 2. Operations whose names clash are all named after method and path instead (`getPing`,
 *    `postPing`), so no operation's name depends on which one was declared first. So is an
 *    operation named `then` (a client with a `then` method would be mistaken for a promise) or
 *    like an `Object.prototype` member (`toString`, `valueOf`, `constructor`: the client object
 *    would stop behaving as one). `new` stays: the interface quotes it (see `memberName`).
 * 3. A name still taken gets a number, in spec order (paths sorted, methods in fixed order):
 *    `getPing2`.
 */
import type { HttpMethod } from "../../spec/types.js";
import { HTTP_METHODS } from "../../spec/types.js";
import { camelCase, identifierStart, NameRegistry } from "./identifiers.js";

export interface NameableOperation {
  method: HttpMethod;
  path: string;
  operationId: string | undefined;
  tags: readonly string[];
}

/** Names that must not become client methods. */
const isUnsafeMethodName = (name: string) => name === "then" || name in Object.prototype;

/** One method name per operation, index-aligned with `operations` (which must be in spec order). */
export function methodNames(operations: readonly NameableOperation[]): string[] {
  const bases = operations.map(baseName);
  const counts = new Map<string, number>();
  for (const base of bases) counts.set(base, (counts.get(base) ?? 0) + 1);
  const registry = new NameRegistry();
  const fallback = operations.map((operation, index) => {
    const base = bases[index]!;
    return counts.get(base)! > 1 || isUnsafeMethodName(base) ? routeName(operation) : undefined;
  });
  // Unclashed names are claimed first, so a renamed operation can never take one of them.
  const names = bases.map((base, index) => (fallback[index] === undefined ? registry.claim(base) : ""));
  return names.map((name, index) => name || registry.claim(fallback[index]!));
}

/** The operationId without FastAPI's generated parts, camelCased; method and path when nothing is left. */
function baseName(operation: NameableOperation): string {
  const id = operation.operationId;
  const stripped = id === undefined ? "" : camelCase(stripTagPrefix(stripDefaultSuffix(id, operation), operation));
  return stripped === "" ? routeName(operation) : identifierStart(stripped, "_");
}

/**
 * The summary FastAPI writes when the route sets none: the function name, title-cased
 * (`upload_bytes` → `Upload Bytes`). It says nothing the method name does not.
 */
export function isDefaultSummary(summary: string, operation: NameableOperation): boolean {
  if (operation.operationId === undefined) return false;
  const name = stripTagPrefix(stripDefaultSuffix(operation.operationId, operation), operation);
  // Python's str.title(): upper-case each run of letters' first letter, lower-case the rest.
  const title = name.replace(/_/g, " ").replace(/\p{L}+/gu, (word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase());
  return summary === title;
}

/** `get` + `/items/{item_id}` → `getItemsItemId`. */
function routeName(operation: NameableOperation): string {
  return camelCase(`${operation.method} ${operation.path}`);
}

/** `read_item_items__item_id__get` → `read_item` for `GET /items/{item_id}`; other ids unchanged. */
function stripDefaultSuffix(operationId: string, operation: Pick<NameableOperation, "method" | "path">): string {
  // Python's `\W` under `re.UNICODE`: anything but letters, numbers and `_`.
  const route = operation.path.replace(/[^\p{L}\p{N}_]/gu, "_");
  for (const method of [operation.method, ...HTTP_METHODS]) {
    const suffix = `${route}_${method}`;
    if (operationId.length > suffix.length && operationId.endsWith(suffix)) return operationId.slice(0, -suffix.length);
  }
  return operationId;
}

/** `items-read_item` → `read_item` when the operation's first tag is `items`. */
function stripTagPrefix(operationId: string, operation: NameableOperation): string {
  const tag = operation.tags[0];
  if (tag === undefined) return operationId;
  const prefix = `${tag}-`;
  return operationId.length > prefix.length && operationId.startsWith(prefix) ? operationId.slice(prefix.length) : operationId;
}
