import { componentName } from "../spec/pointer.js";
import { isJsonObject, type Json } from "../spec/types.js";

/** Deep equality of parsed JSON; key order does not matter. */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!(key in b) || !jsonEqual(a[key], b[key])) return false;
  return true;
}

/** Names of the component schemas a schema refers to directly (not through other components). */
export function schemaRefs(value: Json | undefined, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) schemaRefs(item, found);
  else if (isJsonObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const name = key === "$ref" && typeof item === "string" ? componentName(item) : undefined;
      if (name !== undefined) found.add(name);
      else schemaRefs(item, found);
    }
  }
  return found;
}
