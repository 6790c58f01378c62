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
 * 2. Operations whose names clash are all renamed, so no operation's name depends on which one
 *    was declared first: a tagged one is qualified by its first tag (`users-create_user` and
 *    `private-create_user` → `usersCreateUser`, `privateCreateUser`, as @hey-api/openapi-ts
 *    names them); an untagged one, or one whose qualified name clashes again (same tag) or is
 *    already taken, is named after method and path (`getPing`, `postPing`). So is an operation
 *    named `then` (a client with a `then` method would be mistaken for a promise) or like an
 *    `Object.prototype` member (`toString`, `valueOf`, `constructor`: the client object would
 *    stop behaving as one). `new` stays: the interface quotes it (see `memberName`).
 * 3. A name still taken gets a number, in spec order (paths sorted, methods in fixed order):
 *    `getPing2`.
 *
 * Grouped by tag (`groupByTag`), an operation is a method of the group of its first tag
 * (`client.users.createUser()`), named by the same rules within its group (so the tag never
 * qualifies it); the group is the camelCased tag, moved aside like a method name when unsafe
 * (`thenGroup`). Untagged operations stay on the client itself, where a group name counts as taken.
 */
import type { HttpMethod } from "../../spec/types.js";
import { HTTP_METHODS } from "../../spec/types.js";
import { camelCase, codeUnitOrder, identifierStart, NameRegistry, upperFirst } from "./identifiers.js";

export interface NameableOperation {
  method: HttpMethod;
  path: string;
  operationId: string | undefined;
  tags: readonly string[];
}

export interface OperationName {
  /** Unique in the client, as `isApiError` takes it: `createUser`, or `users.createUser` when grouped. */
  key: string;
  /** Property of the client holding the method, when grouped by tag. */
  group: string | undefined;
  /** Method name, unique within its group (or on the client). */
  member: string;
}

/** Names that must not become client members. */
const isUnsafeName = (name: string) => name === "then" || name in Object.prototype;

/** One name per operation, index-aligned with `operations` (which must be in spec order). */
export function operationNames(operations: readonly NameableOperation[], options: { groupByTag: boolean }): OperationName[] {
  if (!options.groupByTag) return methodNames(operations).map((member) => ({ key: member, group: undefined, member }));
  const groupOf = operations.map(groupBase);
  const groups = new NameRegistry();
  const groupNames = new Map<string, string>();
  for (const base of [...new Set(groupOf.filter((base) => base !== undefined))].sort(codeUnitOrder)) {
    groupNames.set(base, groups.claim(isUnsafeName(base) ? `${base}Group` : base));
  }
  const names: OperationName[] = new Array(operations.length);
  for (const base of [undefined, ...groupNames.keys()]) {
    const indexes = operations.flatMap((_, index) => (groupOf[index] === base ? [index] : []));
    const group = base === undefined ? undefined : groupNames.get(base)!;
    // Untagged operations share the client object with the groups.
    const members = methodNames(indexes.map((index) => operations[index]!), { qualify: false, reserved: group === undefined ? [...groupNames.values()] : [] });
    indexes.forEach((index, at) => {
      const member = members[at]!;
      names[index] = { key: group === undefined ? member : `${group}.${member}`, group, member };
    });
  }
  return names;
}

/** `CreateUser`, or `UsersCreateUser` in group `users`: what request and response type names start with. */
export function typeNameBase(name: Pick<OperationName, "group" | "member">): string {
  return (name.group === undefined ? "" : upperFirst(name.group)) + upperFirst(name.member);
}

/**
 * Unique method names for operations sharing one namespace (rules 1–3 above). Each operation
 * offers its candidates in turn — its own name, its tag-qualified name, its route name — and
 * keeps the first that no other operation offers at the same step and none has kept already.
 */
export function methodNames(operations: readonly NameableOperation[], options: { qualify?: boolean; reserved?: readonly string[] } = {}): string[] {
  const candidates = operations.map((operation) => {
    const base = baseName(operation);
    const qualified = options.qualify === false ? undefined : tagQualified(base, operation);
    return [base, ...(qualified === undefined ? [] : [qualified]), routeName(operation)];
  });
  const taken = new Set<string>(options.reserved);
  const names: (string | undefined)[] = operations.map(() => undefined);
  for (let step = 0; names.includes(undefined); step++) {
    const offers = new Map<string, number[]>();
    names.forEach((name, index) => {
      const offer = name === undefined ? candidates[index]![step] : undefined;
      if (offer !== undefined) offers.set(offer, [...(offers.get(offer) ?? []), index]);
    });
    if (offers.size === 0) break;
    for (const [offer, indexes] of offers) {
      if (indexes.length === 1 && !taken.has(offer) && !isUnsafeName(offer)) names[indexes[0]!] = offer;
    }
    for (const [offer, indexes] of offers) if (indexes.length === 1 && names[indexes[0]!] === offer) taken.add(offer);
  }
  // Route names still clashing (paths that camelCase alike) are numbered in spec order.
  const registry = new NameRegistry(taken);
  return names.map((name, index) => name ?? registry.claim(candidates[index]!.at(-1)!));
}

/** The operationId without FastAPI's generated parts, camelCased; method and path when nothing is left. */
function baseName(operation: NameableOperation): string {
  const id = operation.operationId;
  const stripped = id === undefined ? "" : camelCase(stripTagPrefix(stripDefaultSuffix(id, operation), operation));
  return stripped === "" ? routeName(operation) : identifierStart(stripped, "_");
}

/** `createUser` under tag `private` → `privateCreateUser`; undefined for an untagged operation. */
function tagQualified(base: string, operation: NameableOperation): string | undefined {
  const tag = groupBase(operation);
  return tag === undefined ? undefined : tag + upperFirst(base.replace(/^_/, ""));
}

/** The camelCased first tag, or undefined when there is none (or it has no word). */
function groupBase(operation: NameableOperation): string | undefined {
  const tag = operation.tags[0];
  const name = tag === undefined ? "" : camelCase(tag);
  return name === "" ? undefined : identifierStart(name, "_");
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
