import { isJsonObject, type Json } from "./types.js";

/**
 * Redocly (our validator, and openapi-typescript's bundler) looks document keys up in plain
 * objects (`type.properties[key]`), so a key named like an `Object.prototype` member makes it
 * crash from a floating promise (`hasOwnProperty`, `valueOf`: the process dies) or report a
 * false error (`constructor`). A Pydantic field may well be called `constructor`: such keys,
 * and the references and `required` entries that name them, get this suffix on the way in,
 * and `restoreKeys` takes it out of whatever comes back.
 */
const SUFFIX = "__sync_types_key__";

const clashes = (key: string) => key in Object.prototype;
const safeKey = (key: string) => (clashes(key) ? key + SUFFIX : key);
// A clashing name has no `~` or `/`, so a pointer segment can be tested as it is.
const safeRef = (ref: string) => ref.split("/").map(safeKey).join("/");

/** A copy of `doc` Redocly can walk, or `undefined` when no key needs it (the usual case). */
export function withSafeKeys(doc: Json): Json | undefined {
  return hasClashingKey(doc) ? rename(doc, undefined) : undefined;
}

export function restoreKeys(text: string): string {
  return text.replaceAll(SUFFIX, "");
}

function hasClashingKey(node: Json): boolean {
  if (Array.isArray(node)) return node.some(hasClashingKey);
  if (!isJsonObject(node)) return false;
  return Object.entries(node).some(([key, value]) => clashes(key) || hasClashingKey(value));
}

function rename(node: Json, parentKey: string | undefined): Json {
  if (Array.isArray(node)) return node.map((item) => (parentKey === "required" && typeof item === "string" ? safeKey(item) : rename(item, undefined)));
  if (!isJsonObject(node)) return node;
  // fromEntries defines own properties: a `__proto__` key stays a key, never a prototype.
  return Object.fromEntries(Object.entries(node).map(([key, value]) => {
    if (typeof value === "string" && (key === "$ref" || parentKey === "mapping")) return [safeKey(key), safeRef(value)];
    if (typeof value === "string" && key === "propertyName") return [key, safeKey(value)];
    return [safeKey(key), rename(value, key)];
  }));
}
