/**
 * Deterministic, schema-valid sample values, computed at generation time: the schema's
 * `example`/`examples` first, then `default`, then a value built from the schema with a PRNG
 * seeded from where the value is (operation and status), so adding an operation never changes
 * another's data. Formats (uuid, date-time, date, email, uri), numeric bounds, lengths,
 * `pattern`, `enum`/`const`, nullable `anyOf`, discriminated unions and recursion (bounded:
 * optional fields and empty lists end it) are honoured.
 */
import { resolveRef } from "../../spec/pointer.js";
import { isJsonObject, type Json, type JsonObject, type OpenApiDocument } from "../../spec/types.js";
import { matchingString } from "./pattern.js";

export interface SampleContext {
  spec: OpenApiDocument;
  /** Where the value goes, for warnings: `POST /items → 201 → body`. */
  where: string;
  warn: (message: string) => void;
}

/** The same `$ref` nested deeper than this ends the recursion. */
const MAX_REF_DEPTH = 2;
/** Any schema nested deeper than this gets its smallest valid value. */
const MAX_DEPTH = 12;
const BASE_TIME = Date.UTC(2024, 0, 15, 9, 30, 0);
const WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"];

/** A sample of `schema`, from a PRNG seeded with `seed`. */
export function sampleValue(schema: Json | undefined, seed: string, context: SampleContext): Json {
  return new Sampler(context, seed).value(schema, context.where, [], undefined);
}

class Sampler {
  readonly #context: SampleContext;
  #state: number;

  constructor(context: SampleContext, seed: string) {
    this.#context = context;
    // FNV-1a of the seed: a fixed start for the PRNG, the same on every machine.
    let hash = 0x811c9dc5;
    for (const char of seed) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
    this.#state = hash;
  }

  /** mulberry32: small, fast, and the same sequence everywhere. */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  pick(count: number): number {
    return Math.floor(this.next() * count);
  }

  value(raw: Json | undefined, where: string, refs: string[], key: string | undefined, twin?: Json): Json {
    // A `$ref` cycle with nothing between (A → B → A) has no smallest value: past this, null.
    if (!isJsonObject(raw) || refs.length > 3 * MAX_DEPTH) return null;
    let schema = raw;
    if (typeof schema["$ref"] === "string") {
      const ref = schema["$ref"];
      const target = resolveRef(this.#context.spec, ref);
      const own = given(schema);
      if (own !== undefined) return own;
      if (!isJsonObject(target) || refs.filter((r) => r === ref).length >= MAX_REF_DEPTH || refs.length > MAX_DEPTH) return this.smallest(target, refs);
      return this.value(target, where, [...refs, ref], key);
    }
    const decimal = decimalBounds(twin);
    if (decimal && typeOf(schema) === "string" && !("pattern" in schema) && !("format" in schema)) return this.number(decimal).toFixed(2);
    const own = given(schema);
    if (own !== undefined) return own;
    if ("const" in schema) return schema["const"]!;
    if (Array.isArray(schema["enum"]) && schema["enum"].length > 0) {
      const values = schema["enum"].filter((v) => v !== null);
      return values.length > 0 ? values[this.pick(values.length)]! : null;
    }
    const variants = schema["oneOf"] ?? schema["anyOf"];
    if (Array.isArray(variants) && variants.length > 0) return this.variant(schema, variants, where, refs, key);
    if (Array.isArray(schema["allOf"])) {
      schema = mergeAll(schema, this.#context.spec);
      if (typeof schema["$ref"] === "string" || Array.isArray(schema["anyOf"]) || Array.isArray(schema["oneOf"])) return this.value(schema, where, refs, key);
    }
    switch (typeOf(schema)) {
      case "null":
        return null;
      case "boolean":
        return this.next() < 0.5;
      case "integer":
        return this.integer(schema);
      case "number":
        return this.number(schema);
      case "string":
        return this.string(schema, where, key);
      case "array":
        return this.array(schema, where, refs);
      case "object":
        return this.object(schema, where, refs, this.twin(refs));
      default:
        return null;
    }
  }

  variant(schema: JsonObject, variants: Json[], where: string, refs: string[], key: string | undefined): Json {
    const discriminator = isJsonObject(schema["discriminator"]) ? schema["discriminator"] : undefined;
    const options = variants.filter((v) => !(isJsonObject(v) && v["type"] === "null"));
    if (options.length === 0) return null;
    // The first variant: the type the model declares first, and for Decimal the number, not its string form.
    const chosen = options[0]!;
    const sample = this.value(chosen, where, refs, key);
    const property = discriminator?.["propertyName"];
    if (typeof property === "string" && isJsonObject(sample)) {
      const mapping = isJsonObject(discriminator!["mapping"]) ? discriminator!["mapping"] : {};
      const ref = isJsonObject(chosen) ? chosen["$ref"] : undefined;
      const tag = Object.keys(mapping).find((name) => mapping[name] === ref);
      if (tag !== undefined) setOwn(sample, property, tag);
    }
    return sample;
  }

  integer(schema: JsonObject): number {
    const [low, high] = bounds(schema, 1);
    const step = typeof schema["multipleOf"] === "number" && Number.isInteger(schema["multipleOf"]) && schema["multipleOf"] > 0 ? schema["multipleOf"] : 1;
    const first = Math.ceil(Math.ceil(low) / step) * step;
    const last = Math.floor(Math.floor(Math.min(high, first + 100 * step)) / step) * step;
    if (last < first) return first;
    return first + this.pick((last - first) / step + 1) * step;
  }

  number(schema: JsonObject): number {
    if (typeof schema["multipleOf"] === "number") return this.integer(schema);
    const [low, high] = bounds(schema, 0.01);
    const top = Math.min(high, low + 100);
    // Two decimals read well; rounding may step past a bound by a hundredth, so clamp after it.
    return clamp(Math.round((low + this.next() * (top - low)) * 100) / 100, low, top);
  }

  string(schema: JsonObject, where: string, key: string | undefined): string {
    const min = typeof schema["minLength"] === "number" ? schema["minLength"] : 0;
    const max = typeof schema["maxLength"] === "number" ? schema["maxLength"] : Number.POSITIVE_INFINITY;
    if (typeof schema["pattern"] === "string") {
      const match = matchingString(schema["pattern"], (count) => this.pick(count), { min, max });
      if (match !== undefined) return match;
      this.#context.warn(`fakes: ${where}: no sample for pattern ${JSON.stringify(schema["pattern"])}; give the field an example (Field(examples=[...])) so the fake answers with a valid value`);
    }
    const format = typeof schema["format"] === "string" ? schema["format"] : undefined;
    const formatted = format === undefined ? undefined : this.formatted(format);
    const text = formatted ?? `${key === undefined ? WORDS[this.pick(WORDS.length)] : key.replace(/[^A-Za-z0-9]+/g, "-")}-${this.pick(1000)}`;
    if (formatted !== undefined) return text;
    return fitLength(text, min, max);
  }

  formatted(format: string): string | undefined {
    const hex = (count: number) => Array.from({ length: count }, () => "0123456789abcdef"[this.pick(16)]).join("");
    const time = new Date(BASE_TIME + this.pick(365 * 24 * 60) * 60_000).toISOString();
    switch (format) {
      case "uuid":
        return `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[this.pick(4)]}${hex(3)}-${hex(12)}`;
      case "date-time":
        return time.replace(".000Z", "Z");
      case "date":
        return time.slice(0, 10);
      case "time":
        return time.slice(11, 19);
      case "email":
        return `${WORDS[this.pick(WORDS.length)]}${this.pick(100)}@example.com`;
      case "uri":
      case "url":
        return `https://example.com/${WORDS[this.pick(WORDS.length)]}`;
      case "hostname":
        return "example.com";
      case "ipv4":
        return `192.0.2.${1 + this.pick(254)}`;
      case "ipv6":
        return `2001:db8::${1 + this.pick(254)}`;
      default:
        return undefined;
    }
  }

  array(schema: JsonObject, where: string, refs: string[]): Json[] {
    const min = typeof schema["minItems"] === "number" ? schema["minItems"] : 0;
    const max = typeof schema["maxItems"] === "number" ? schema["maxItems"] : Number.POSITIVE_INFINITY;
    const prefix = Array.isArray(schema["prefixItems"]) ? schema["prefixItems"] : [];
    const count = Math.max(prefix.length, Math.min(Math.max(min, 1), max));
    const items: Json[] = [];
    for (let index = 0; index < count; index++) {
      const item = index < prefix.length ? prefix[index] : schema["items"];
      items.push(this.value(item, `${where}[${index}]`, refs, undefined));
    }
    if (schema["uniqueItems"] === true && new Set(items.map((item) => JSON.stringify(item))).size < items.length) return items.slice(0, Math.max(min, 1));
    return items;
  }

  /**
   * The input twin of the `Foo-Output` component being sampled (`Foo-Input`): FastAPI's output
   * schema types a Decimal as a bare string, its input schema as `anyOf [number, string]`, and the
   * app's model only reads a number-like string back.
   */
  twin(refs: string[]): JsonObject | undefined {
    const ref = refs[refs.length - 1];
    if (ref === undefined || !ref.endsWith("-Output")) return undefined;
    const twin = resolveRef(this.#context.spec, `${ref.slice(0, -"-Output".length)}-Input`);
    return isJsonObject(twin) && isJsonObject(twin["properties"]) ? twin["properties"] : undefined;
  }

  object(schema: JsonObject, where: string, refs: string[], twins: JsonObject | undefined): JsonObject {
    const out: JsonObject = {};
    const properties = isJsonObject(schema["properties"]) ? schema["properties"] : {};
    for (const name of Object.keys(properties)) setOwn(out, name, this.value(properties[name], `${where}.${name}`, refs, name, twins?.[name]));
    if (Object.keys(properties).length === 0 && isJsonObject(schema["additionalProperties"])) {
      setOwn(out, WORDS[this.pick(WORDS.length)]!, this.value(schema["additionalProperties"], `${where}.*`, refs, undefined));
    }
    return out;
  }

  /** The least a schema accepts: what ends a recursion (required fields only, empty lists, null where allowed). */
  smallest(schema: Json | undefined, refs: string[]): Json {
    if (!isJsonObject(schema)) return null;
    if (typeOf(schema) === "object") {
      const properties = isJsonObject(schema["properties"]) ? schema["properties"] : {};
      const required = Array.isArray(schema["required"]) ? schema["required"].filter((r): r is string => typeof r === "string") : [];
      const out: JsonObject = {};
      for (const name of required) setOwn(out, name, this.least(properties[name], refs));
      return out;
    }
    return this.value(schema, this.#context.where, [...refs, ...Array<string>(MAX_DEPTH)], undefined);
  }

  least(schema: Json | undefined, refs: string[]): Json {
    if (!isJsonObject(schema)) return null;
    const variants = schema["anyOf"] ?? schema["oneOf"];
    if (Array.isArray(variants) && variants.some((v) => isJsonObject(v) && v["type"] === "null")) return null;
    if (typeOf(schema) === "array" && !(typeof schema["minItems"] === "number" && schema["minItems"] > 0)) return [];
    return this.value(schema, this.#context.where, [...refs, ...Array<string>(MAX_DEPTH)], undefined);
  }
}

/** The number schema of a Decimal input field (`anyOf [number, string]`), for its output twin's bounds. */
function decimalBounds(twin: Json | undefined): JsonObject | undefined {
  const variants = isJsonObject(twin) && Array.isArray(twin["anyOf"]) ? twin["anyOf"] : [];
  const number = variants.find((v): v is JsonObject => isJsonObject(v) && v["type"] === "number");
  return number && variants.some((v) => isJsonObject(v) && v["type"] === "string") ? number : undefined;
}

/** The schema's own example, first of its `examples`, or its `default`. */
function given(schema: JsonObject): Json | undefined {
  if ("example" in schema) return schema["example"];
  if (Array.isArray(schema["examples"]) && schema["examples"].length > 0) return schema["examples"][0];
  if ("default" in schema) return schema["default"];
  return undefined;
}

function typeOf(schema: JsonObject): string | undefined {
  const type = schema["type"];
  if (typeof type === "string") return type;
  if (Array.isArray(type)) return type.find((t): t is string => typeof t === "string" && t !== "null") ?? "null";
  if (isJsonObject(schema["properties"]) || isJsonObject(schema["additionalProperties"])) return "object";
  if ("items" in schema || "prefixItems" in schema) return "array";
  if (["minLength", "maxLength", "pattern", "format"].some((k) => k in schema)) return "string";
  if (["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"].some((k) => k in schema)) return "number";
  return undefined;
}

/** The inclusive range a number may take; exclusive bounds moved in by `epsilon`. */
function bounds(schema: JsonObject, epsilon: number): [number, number] {
  const num = (key: string) => (typeof schema[key] === "number" ? (schema[key] as number) : undefined);
  const lows = [num("minimum"), num("exclusiveMinimum") === undefined ? undefined : num("exclusiveMinimum")! + epsilon].filter((v) => v !== undefined);
  const highs = [num("maximum"), num("exclusiveMaximum") === undefined ? undefined : num("exclusiveMaximum")! - epsilon].filter((v) => v !== undefined);
  const high = highs.length > 0 ? Math.min(...highs) : Number.POSITIVE_INFINITY;
  const low = lows.length > 0 ? Math.max(...lows) : Math.min(1, high);
  return [low, high];
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}

function fitLength(text: string, min: number, max: number): string {
  let out = text;
  while ([...out].length < min) out += "x";
  return [...out].slice(0, max).join("");
}

/** `allOf` folded into one schema: properties and required lists joined, other keywords from the last part that has them. */
function mergeAll(schema: JsonObject, spec: OpenApiDocument): JsonObject {
  const merged: JsonObject = {};
  const properties: JsonObject = {};
  const required: Json[] = [];
  const parts = [schema, ...(schema["allOf"] as Json[])];
  for (const raw of parts) {
    const part = isJsonObject(raw) && typeof raw["$ref"] === "string" ? resolveRef(spec, raw["$ref"]) : raw;
    if (!isJsonObject(part)) continue;
    for (const [key, value] of Object.entries(part)) {
      if (key === "allOf") continue;
      if (key === "properties" && isJsonObject(value)) for (const [name, child] of Object.entries(value)) setOwn(properties, name, child);
      else if (key === "required" && Array.isArray(value)) required.push(...value);
      else setOwn(merged, key, value);
    }
  }
  if (Object.keys(properties).length > 0) merged["properties"] = properties;
  if (required.length > 0) merged["required"] = required;
  return merged;
}

/** `object[key] = value` as an own property, even for `__proto__`, which plain assignment turns into the prototype. */
function setOwn(object: JsonObject, key: string, value: Json): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}
