/** Local `$ref`s: what they point at, and which component schema they name. */
import { isJsonObject, type Json, type JsonObject, type OpenApiDocument } from "../../spec/types.js";

/** `value`, or what its local `$ref` points at, as an object; `undefined` for anything else. */
export function resolve(spec: OpenApiDocument, value: Json | undefined): JsonObject | undefined {
  let current = value;
  // A bounded walk: a `$ref` cycle in a hostile spec must not hang generation.
  for (let hops = 0; hops < 32 && isJsonObject(current) && typeof current["$ref"] === "string"; hops++) {
    current = pointer(spec, current["$ref"]);
  }
  return isJsonObject(current) && typeof current["$ref"] !== "string" ? current : undefined;
}

/** The value at a local JSON pointer (`#/components/schemas/Item`), or `undefined`. */
function pointer(spec: OpenApiDocument, ref: string): Json | undefined {
  if (!ref.startsWith("#/")) return undefined;
  let current: Json | undefined = spec;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodePointerSegment(raw);
    if (!isJsonObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** `a~1b` → `a/b`; percent-escapes too, as in a URI fragment (left as is when malformed). */
function decodePointerSegment(segment: string): string {
  let decoded = segment;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    // Not percent-encoded after all: a literal `%` in a schema name.
  }
  return decoded.replaceAll("~1", "/").replaceAll("~0", "~");
}

/** `Item` for `{"$ref": "#/components/schemas/Item"}`, else `undefined`. */
export function componentKey(schema: Json | undefined): string | undefined {
  if (!isJsonObject(schema) || typeof schema["$ref"] !== "string") return undefined;
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(schema["$ref"]);
  return match ? decodePointerSegment(match[1]!) : undefined;
}
