/** Local `$ref`s: what they point at, and which component schema they name. */
import { componentName, resolveRef } from "../../spec/pointer.js";
import { isJsonObject, type Json, type JsonObject, type OpenApiDocument } from "../../spec/types.js";

/** `value`, or what its local `$ref` points at, as an object; `undefined` for anything else. */
export function resolve(spec: OpenApiDocument, value: Json | undefined): JsonObject | undefined {
  let current = value;
  // A bounded walk: a `$ref` cycle in a hostile spec must not hang generation.
  for (let hops = 0; hops < 32 && isJsonObject(current) && typeof current["$ref"] === "string"; hops++) {
    current = resolveRef(spec, current["$ref"]);
  }
  return isJsonObject(current) && typeof current["$ref"] !== "string" ? current : undefined;
}

/** `Item` for `{"$ref": "#/components/schemas/Item"}`, else `undefined`. */
export function componentKey(schema: Json | undefined): string | undefined {
  if (!isJsonObject(schema) || typeof schema["$ref"] !== "string") return undefined;
  return componentName(schema["$ref"]);
}
