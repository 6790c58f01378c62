/**
 * ts-json-schema-generator speaks draft-07 (`definitions`, `items: [...]` tuples, `type: [a, b]`);
 * Pydantic and FastAPI speak OpenAPI 3.1 / JSON Schema 2020-12. This turns the one into the other,
 * keeping property order (the TS order, which becomes the model's field order), and gives
 * discriminated unions the `discriminator` TS cannot spell.
 */
import type { JsonSchemaObject } from "./schema-types.js";

export const COMPONENTS_REF = "#/components/schemas/";

type Schema = JsonSchemaObject;
const isObject = (value: unknown): value is Schema => typeof value === "object" && value !== null && !Array.isArray(value);

/** Draft-07 definitions (refs `#/definitions/X`) → OpenAPI 3.1 component schemas (refs `#/components/schemas/X`). */
export function componentsFromDefinitions(definitions: Record<string, Schema>, refPrefix = "#/definitions/"): Record<string, Schema> {
  const components: Record<string, Schema> = {};
  for (const [name, schema] of Object.entries(definitions)) components[name] = convert(schema, refPrefix);
  liftDiscriminatedUnions(components);
  liftFormattedElements(components);
  return components;
}

function convert(schema: Schema, refPrefix: string): Schema {
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$ref" && typeof value === "string" && value.startsWith(refPrefix)) out.$ref = COMPONENTS_REF + decodeURIComponent(value.slice(refPrefix.length));
    else if (key === "definitions" || key === "$defs" || key === "$schema") continue;
    else if (key === "additionalProperties" && value === false) continue; // a TS object type is open; Pydantic's default (ignore extras) matches
    else if (key === "properties" && isObject(value)) out.properties = mapValues(value, (s) => convert(s, refPrefix));
    else if (Array.isArray(value) && (key === "anyOf" || key === "oneOf" || key === "allOf" || key === "prefixItems")) out[key] = value.map((s) => (isObject(s) ? convert(s, refPrefix) : s));
    else if (key === "items" && Array.isArray(value)) out.prefixItems = value.map((s) => (isObject(s) ? convert(s, refPrefix) : s));
    else if (isObject(value) && (key === "items" || key === "additionalProperties" || key === "not" || key === "contentSchema")) out[key] = convert(value, refPrefix);
    else out[key] = value;
  }
  return formatOnNonNull(tupleOfRepeated(out));
}

const STRING_KEYWORDS = ["format", "minLength", "maxLength", "pattern"] as const;

/**
 * `type: ["string", "null"]` with a `format` (a `@format` on `string | null`): the format goes on
 * the string member of a union with null, as FastAPI writes `UUID | None`, where it is lifted to a
 * component like any formatted member. Kept beside a nullable union, datamodel-code-generator would
 * hang it on the whole union, where neither the fakes nor a validator on the string read it.
 */
function formatOnNonNull(schema: Schema): Schema {
  const { type } = schema;
  if (typeof schema.format !== "string" || "enum" in schema || !Array.isArray(type) || type.length !== 2 || !type.includes("null") || !type.includes("string")) return schema;
  const member: Schema = { type: "string" };
  const rest: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if ((STRING_KEYWORDS as readonly string[]).includes(key)) member[key] = value;
    else if (key !== "type") rest[key] = value;
  }
  return { ...rest, anyOf: [member, { type: "null" }] };
}

/** `[number, number]` comes out of ts-json-schema-generator as `items` + equal `minItems`/`maxItems`. */
function tupleOfRepeated(schema: Schema): Schema {
  const { items, minItems, maxItems } = schema;
  if (!isObject(items) || typeof minItems !== "number" || minItems !== maxItems || minItems === 0) return schema;
  const { items: _, ...rest } = schema;
  return { ...rest, prefixItems: Array.from({ length: minItems }, () => items) };
}

const mapValues = (record: Schema, fn: (schema: Schema) => Schema): Schema =>
  Object.fromEntries(Object.entries(record).map(([k, v]) => [k, isObject(v) ? fn(v) : v]));

/**
 * A union whose members are all objects carrying one required property with a distinct constant
 * is discriminated: it becomes `oneOf` + `discriminator`. Inline members get a component of their
 * own (`<Union><Value>`) since a discriminator maps values to named schemas.
 */
function liftDiscriminatedUnions(components: Record<string, Schema>): void {
  const visit = (schema: Schema, owner: string): Schema => {
    let out: Schema = schema;
    const members = schema.anyOf ?? schema.oneOf;
    if (Array.isArray(members)) {
      const lifted = discriminate(members as Schema[], owner, components);
      if (lifted) {
        const { anyOf: _a, oneOf: _o, ...rest } = schema;
        out = { ...rest, oneOf: lifted.members, discriminator: { propertyName: lifted.property } };
      }
    }
    for (const key of ["items", "additionalProperties"] as const) if (isObject(out[key])) out = { ...out, [key]: visit(out[key] as Schema, owner) };
    if (isObject(out.properties)) out = { ...out, properties: mapValues(out.properties, (s) => visit(s, owner)) };
    for (const key of ["anyOf", "oneOf", "prefixItems"] as const) if (Array.isArray(out[key])) out = { ...out, [key]: (out[key] as Schema[]).map((s) => visit(s, owner)) };
    return out;
  };
  for (const name of Object.keys(components)) components[name] = visit(components[name]!, name);
}

function discriminate(members: Schema[], owner: string, components: Record<string, Schema>): { members: Schema[]; property: string } | undefined {
  if (members.length < 2) return undefined;
  const resolved = members.map((m) => (typeof m.$ref === "string" ? components[m.$ref.slice(COMPONENTS_REF.length)] : m));
  if (!resolved.every((m): m is Schema => m !== undefined && isObject(m.properties) && Array.isArray(m.required))) return undefined;
  const first = resolved[0]!;
  for (const property of Object.keys(first.properties as Schema)) {
    const values = (resolved as Schema[]).map((m) => constOf((m.properties as Schema)[property], m.required as string[], property));
    if (values.some((v) => v === undefined) || new Set(values).size !== values.length) continue;
    const named = members.map((m, i) => {
      if (typeof m.$ref === "string") return m;
      const name = uniqueName(owner + pascal(String(values[i])), components);
      components[name] = m;
      return { $ref: COMPONENTS_REF + name };
    });
    return { members: named, property };
  }
  return undefined;
}

function constOf(schema: unknown, required: string[], property: string): string | undefined {
  if (!isObject(schema) || !required.includes(property)) return undefined;
  if (typeof schema.const === "string") return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length === 1 && typeof schema.enum[0] === "string") return schema.enum[0];
  return undefined;
}

/**
 * A `format` on an array item, a record value or a union member (a non-exported `@format` alias,
 * which ts-json-schema-generator inlines) is dropped by datamodel-code-generator: only a field or a
 * named alias keeps it. Such a schema becomes a named component named after its format (`Uuid`,
 * `DateTime`; one per distinct schema).
 */
function liftFormattedElements(components: Record<string, Schema>): void {
  const lifted = new Map<string, string>();
  const lift = (schema: Schema): Schema => {
    const element = visit(schema);
    if (typeof element.format !== "string" || element.$ref !== undefined || element.type === "object" || element.type === "array") return element;
    const key = JSON.stringify(sortKeys(element));
    const name = lifted.get(key) ?? uniqueName(pascal(element.format), components);
    lifted.set(key, name);
    components[name] = element;
    return { $ref: COMPONENTS_REF + name };
  };
  const visit = (schema: Schema): Schema => {
    let out = schema;
    for (const key of ["items", "additionalProperties"] as const) if (isObject(out[key])) out = { ...out, [key]: lift(out[key] as Schema) };
    if (isObject(out.properties)) out = { ...out, properties: mapValues(out.properties, visit) };
    for (const key of ["anyOf", "oneOf", "prefixItems", "allOf"] as const) if (Array.isArray(out[key])) out = { ...out, [key]: (out[key] as Schema[]).map((s) => (isObject(s) ? lift(s) : s)) };
    return out;
  };
  for (const name of Object.keys(components)) components[name] = visit(components[name]!);
}

const pascal = (value: string) => value.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join("") || "Member";

function uniqueName(base: string, taken: Record<string, unknown>): string {
  let name = base;
  for (let i = 2; name in taken; i++) name = `${base}${i}`;
  return name;
}

/** The same schemas with every object's keys sorted, for comparison by value. */
export function sortedSchemas(components: Record<string, Schema>): Record<string, Schema> {
  return sortKeys(components) as Record<string, Schema>;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
}
