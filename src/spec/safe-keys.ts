import { isJsonObject, type Json } from "./types.js";

/**
 * Redocly (our validator, and openapi-typescript's bundler) looks document keys up in plain
 * objects (`type.properties[key]`), so a key named like an `Object.prototype` member makes it
 * crash from a floating promise (`hasOwnProperty`, `valueOf`: the process dies) or report a
 * false error (`constructor`). A Pydantic field may well be called `constructor`: such keys,
 * and the references and `required` entries that name them, get a suffix on the way in, and
 * `restore` takes it out of the names that come back.
 *
 * The suffix is one no string of the document contains (key or value, anywhere), so every
 * occurrence in what comes back was put there by `withSafeKeys`, right after a clashing name;
 * `restore` never changes text the spec wrote.
 */
const SUFFIX = "__sync_types_key__";

export interface SafeKeys {
  /** The copy Redocly can walk. */
  doc: Json;
  /** `name` with the suffix taken out. */
  restore(name: string): string;
}

const clashes = (key: string) => key in Object.prototype;

/** A copy of `doc` Redocly can walk, or `undefined` when no key needs it (the usual case). */
export function withSafeKeys(doc: Json): SafeKeys | undefined {
  if (!hasClashingKey(doc)) return undefined;
  // JSON escapes none of the suffix's characters: a string holding it shows it in the text too.
  const text = JSON.stringify(doc);
  let suffix = SUFFIX;
  for (let n = 2; text.includes(suffix); n++) suffix = `__sync_types_key${n}__`;
  const safeKey = (key: string) => (clashes(key) ? key + suffix : key);
  // A clashing name has no `~` or `/`, so a pointer segment can be tested as it is.
  const safeRef = (ref: string) => ref.split("/").map(safeKey).join("/");
  const rename = (node: Json, parentKey: string | undefined): Json => {
    if (Array.isArray(node)) return node.map((item) => (parentKey === "required" && typeof item === "string" ? safeKey(item) : rename(item, undefined)));
    if (!isJsonObject(node)) return node;
    // fromEntries defines own properties: a `__proto__` key stays a key, never a prototype.
    return Object.fromEntries(Object.entries(node).map(([key, value]) => {
      if (typeof value === "string" && (key === "$ref" || parentKey === "mapping")) return [safeKey(key), safeRef(value)];
      if (typeof value === "string" && key === "propertyName") return [key, safeKey(value)];
      return [safeKey(key), rename(value, key)];
    }));
  };
  return { doc: rename(doc, undefined), restore: (name) => name.replaceAll(suffix, "") };
}

/** Runs over every key of a large spec on each validation and generation: no arrays built. */
function hasClashingKey(node: Json): boolean {
  if (Array.isArray(node)) {
    for (const item of node) if (hasClashingKey(item)) return true;
    return false;
  }
  if (!isJsonObject(node)) return false;
  for (const key in node) {
    if (!Object.hasOwn(node, key)) continue;
    if (clashes(key) || hasClashingKey(node[key]!)) return true;
  }
  return false;
}
