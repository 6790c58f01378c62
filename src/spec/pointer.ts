/**
 * JSON pointers (RFC 6901) and `$ref`s, parsed by one set of rules everywhere.
 *
 * Two spellings exist and are never mixed up:
 * - a plain pointer (`/paths/~1items/get`): what diff locations, problem reports and our own
 *   readers carry; `~` escapes only, never percent-decoded;
 * - a `$ref` (`#/components/schemas/Item`): a URI fragment, read segment by segment the way
 *   Redocly reads it (its `unescapePointer`: `~1`, `~0`, then percent-decoding), so the
 *   validator, openapi-typescript and this code agree on what a reference names. Redocly's own
 *   `parseRef` does not fit: it throws on a bad `%`, drops empty keys and treats `#name` as a file.
 */
import { isJsonObject, type Json } from "./types.js";

/**
 * Redocly's `escapePointer` / `unescapePointer` (lib/ref-utils.js), letter for letter
 * (test/unit/spec/pointer.test.ts holds them to it): importing them would load half of Redocly
 * (YAML, minimatch, an HTTP agent) into every command, `check` included, that reads a `$ref`.
 */
const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
const unescapePointer = (segment: string) => decodeURIComponent(segment.replace(/~1/g, "/").replace(/~0/g, "~"));

/** `a/b~c` → `a~1b~0c`. */
export function escapeSegment(key: string): string {
  return key.includes("~") || key.includes("/") ? escapePointer(key) : key;
}

/** `pointer` one level down. */
export function childPointer(pointer: string, key: string | number): string {
  return `${pointer}/${typeof key === "number" ? key : escapeSegment(key)}`;
}

/** The keys of a plain pointer: `/a~1b/0` → `["a/b", "0"]`, `` → `[]`. */
function pointerKeys(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer.slice(1).split("/").map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/** The value at a plain pointer, own keys only (a spec key `constructor` is data, not a method). */
export function valueAt(doc: Json | undefined, pointer: string): Json | undefined {
  return valueAtKeys(doc, pointerKeys(pointer));
}

function valueAtKeys(doc: Json | undefined, keys: string[]): Json | undefined {
  let current = doc;
  for (const key of keys) {
    if (Array.isArray(current)) current = /^(0|[1-9]\d*)$/.test(key) ? current[Number(key)] : undefined;
    else if (isJsonObject(current)) current = Object.hasOwn(current, key) ? current[key] : undefined;
    else return undefined;
  }
  return current;
}

export type ParsedRef =
  /** Inside this document; `pointer` is plain (`/components/schemas/Item`). */
  | { kind: "local"; keys: string[]; pointer: string }
  /** Another file or a URL: never read unless the service allows it. */
  | { kind: "external"; uri: string; fragment: string }
  | { kind: "malformed"; reason: string };

/** What a `$ref` value names. Never throws. */
export function parseRef(ref: string): ParsedRef {
  const hash = ref.indexOf("#");
  if (hash !== 0) {
    return { kind: "external", uri: hash < 0 ? ref : ref.slice(0, hash), fragment: hash < 0 ? "" : ref.slice(hash + 1) };
  }
  if (ref === "#") return { kind: "local", keys: [], pointer: "" };
  if (!ref.startsWith("#/")) return { kind: "malformed", reason: "a plain-name fragment ($anchor), which sync-types does not resolve" };
  const keys: string[] = [];
  for (const segment of ref.slice(2).split("/")) {
    try {
      keys.push(unescapePointer(segment));
    } catch {
      return { kind: "malformed", reason: `"${segment}" has a "%" that is not a valid escape` };
    }
  }
  return { kind: "local", keys, pointer: keys.map((key) => `/${escapeSegment(key)}`).join("") };
}

/** What a local `$ref` points at; `undefined` when it is not local or points nowhere. */
export function resolveRef(doc: Json, ref: string): Json | undefined {
  const parsed = parseRef(ref);
  return parsed.kind === "local" ? valueAtKeys(doc, parsed.keys) : undefined;
}

/**
 * `Item` for `#/components/schemas/Item` (with `kind` `"schemas"`), else `undefined`. An empty
 * name is none: openapi-typescript (Redocly's parseRef) drops empty segments and reads
 * `#/components/schemas/` as the whole map, so no type of ours may claim it.
 */
export function componentName(ref: string, kind = "schemas"): string | undefined {
  const parsed = parseRef(ref);
  if (parsed.kind !== "local" || parsed.keys.length !== 3) return undefined;
  const [components, group, name] = parsed.keys;
  return components === "components" && group === kind && name !== "" ? name : undefined;
}
