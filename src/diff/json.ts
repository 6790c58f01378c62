import { isJsonObject, type Json } from "../spec/types.js";

const SCHEMA_REF = "#/components/schemas/";

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
      if (key === "$ref" && typeof item === "string" && item.startsWith(SCHEMA_REF)) found.add(decodeRef(item.slice(SCHEMA_REF.length)));
      else schemaRefs(item, found);
    }
  }
  return found;
}

/** A `$ref` is a URI fragment of JSON pointer segments. */
export function decodeRef(segment: string): string {
  if (!segment.includes("%") && !segment.includes("~")) return segment;
  return unescapeSegment(decodeUri(segment));
}

/** The value at a JSON pointer (not URI-encoded) in `doc`. */
export function valueAt(doc: Json, pointer: string): Json | undefined {
  let current: Json | undefined = doc;
  for (const segment of pointer.split("/").slice(1)) {
    const key = unescapeSegment(segment);
    if (Array.isArray(current)) current = current[Number(key)];
    else if (isJsonObject(current)) current = current[key];
    else return undefined;
  }
  return current;
}

function unescapeSegment(segment: string): string {
  return segment.replaceAll("~1", "/").replaceAll("~0", "~");
}

/** A `$ref` is a URI fragment: percent-encoding is allowed, and rare. */
export function decodeUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
