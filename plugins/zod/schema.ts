/**
 * JSON Schema → zod expression text. The output type of each expression must be assignable to
 * what openapi-typescript makes of the same schema (schemas.gen.ts says so at compile time), so
 * the rules follow it: optional is `exactOptional` and distinct from `nullable`, `allOf` is an
 * intersection, `prefixItems` a tuple. What cannot be both checked and typed that way is
 * `z.any()`: unchecked, but never a compile error in a user's project.
 */
import { componentKey, stringLiteral, isJsonObject, type Json, type JsonObject } from "../../src/codegen.js";

export interface PrintContext {
  /** The expression for `#/components/schemas/<key>`: its const, or `z.lazy` when it is declared later. */
  ref(key: string): string;
  /** `tagValues` of `key`'s schema when its const is declared already (a `z.lazy` is no discriminated union option), else `undefined`. */
  tagValues(key: string, property: string): Json[] | undefined;
  /** Called for the options of each discriminated union printed: their consts must be typed as discriminable. */
  tag(key: string): void;
  /** Set once the `anyObject` helper is used: the file declares it only then. */
  anyObject: boolean;
}

export const ANY = "z.any()";

/** FastAPI nests a handful of levels; deeper is a hostile spec, checked no further. */
const MAX_DEPTH = 48;

/** What `format`s are checked as, chosen to accept everything Pydantic writes (naive datetimes, any UUID version). */
const FORMATS: Record<string, string> = {
  "date-time": "z.iso.datetime({ offset: true, local: true })",
  date: "z.iso.date()",
  uuid: "z.guid()",
};

export function printSchema(schema: Json | undefined, context: PrintContext, indent = ""): string {
  return new Printer(context).print(schema, indent, 0);
}

class Printer {
  constructor(private readonly context: PrintContext) {}

  print(schema: Json | undefined, indent: string, depth: number): string {
    if (schema === undefined || schema === true) return "z.unknown()";
    if (schema === false) return "z.never()";
    if (!isJsonObject(schema) || depth > MAX_DEPTH) return ANY;
    if (typeof schema["$ref"] === "string") {
      const key = componentKey(schema);
      return key === undefined ? ANY : this.context.ref(key);
    }
    let nullable = schema["nullable"] === true;
    const parts: string[] = [];
    if ("const" in schema) parts.push(literal(schema["const"]!));
    else if (Array.isArray(schema["enum"])) {
      nullable ||= schema["enum"].includes(null);
      parts.push(enumOf(schema["enum"].filter((value) => value !== null)));
    } else {
      const types = typesOf(schema);
      nullable ||= types.includes("null");
      const typed = types.filter((type) => type !== "null").map((type) => this.typed(type, schema, indent, depth));
      if (typed.length > 0) parts.push(union(typed));
      else if (types.includes("null")) parts.push("z.null()");
    }
    for (const keyword of ["anyOf", "oneOf"] as const) {
      const members = schema[keyword];
      if (!Array.isArray(members) || members.length === 0) continue;
      const nonNull = members.filter((member) => !isNullSchema(member));
      nullable ||= nonNull.length < members.length;
      if (nonNull.length > 0) parts.push(this.union(schema, nonNull, indent, depth));
      else parts.push("z.null()");
    }
    const all = schema["allOf"];
    if (Array.isArray(all)) parts.push(...all.map((member) => this.print(member, indent, depth + 1)));
    const expression = parts.length === 0 ? "z.unknown()" : parts.reduce((left, right) => `z.intersection(${left}, ${right})`);
    return nullable && expression !== "z.null()" && expression !== "z.unknown()" ? `${expression}.nullable()` : expression;
  }

  private typed(type: string, schema: JsonObject, indent: string, depth: number): string {
    switch (type) {
      case "string":
        return stringSchema(schema);
      case "integer":
        return numberSchema("z.int()", schema);
      case "number":
        return numberSchema("z.number()", schema);
      case "boolean":
        return "z.boolean()";
      case "array":
        return this.array(schema, indent, depth);
      case "object":
        return this.object(schema, indent, depth);
      default:
        return ANY;
    }
  }

  private array(schema: JsonObject, indent: string, depth: number): string {
    const prefix = schema["prefixItems"];
    if (Array.isArray(prefix)) {
      // openapi-typescript types only the prefix: a rest element would not match its tuple.
      if (schema["items"] !== undefined && schema["items"] !== false) return ANY;
      return `z.tuple([${prefix.map((member) => this.print(member, indent, depth + 1)).join(", ")}])`;
    }
    let expression = `z.array(${this.print(schema["items"], indent, depth + 1)})`;
    if (typeof schema["minItems"] === "number" && schema["minItems"] > 0) expression += `.min(${schema["minItems"]})`;
    if (typeof schema["maxItems"] === "number") expression += `.max(${schema["maxItems"]})`;
    return expression;
  }

  private object(schema: JsonObject, indent: string, depth: number): string {
    const properties = isJsonObject(schema["properties"]) ? schema["properties"] : {};
    // zod reads and writes a `__proto__` key as the prototype: it can neither check nor keep it.
    if (schema["patternProperties"] !== undefined || Object.hasOwn(properties, "__proto__")) return ANY;
    const required = new Set(Array.isArray(schema["required"]) ? schema["required"] : []);
    const inner = `${indent}  `;
    const entries = Object.keys(properties).map((key) => {
      const value = this.print(properties[key], inner, depth + 1);
      return `${inner}${propertyKey(key)}: ${value}${required.has(key) ? "" : ".exactOptional()"},\n`;
    });
    const extra = schema["additionalProperties"];
    const open = extra === undefined || extra === true || (isJsonObject(extra) && Object.keys(extra).length === 0);
    if (entries.length === 0) {
      if (extra === false) return "z.strictObject({})";
      if (extra !== undefined) return `z.record(z.string(), ${open ? "z.unknown()" : this.print(extra, indent, depth + 1)})`;
      // Typed `Record<string, never>` by openapi-typescript, yet FastAPI fills it (a validation error's `ctx`).
      this.context.anyObject = true;
      return "anyObject";
    }
    const shape = `{\n${entries.join("")}${indent}}`;
    if (extra === false) return `z.strictObject(${shape})`;
    // Unknown keys are kept, not stripped: a field the service adds is no drift, and the body stays as sent.
    if (open) return `z.looseObject(${shape})`;
    return `z.object(${shape}).catchall(${this.print(extra, indent, depth + 1)})`;
  }

  /** `z.discriminatedUnion` where the spec names a discriminator and every option allows it, else `z.union`. */
  private union(schema: JsonObject, members: Json[], indent: string, depth: number): string {
    const printed = members.map((member) => this.print(member, indent, depth + 1));
    const discriminator = isJsonObject(schema["discriminator"]) ? schema["discriminator"]["propertyName"] : undefined;
    if (typeof discriminator === "string" && members.length > 1 && this.discriminable(members, discriminator)) {
      for (const member of members) {
        const key = componentKey(member);
        if (key !== undefined) this.context.tag(key);
      }
      return `z.discriminatedUnion(${stringLiteral(discriminator)}, [${printed.join(", ")}])`;
    }
    return union(printed);
  }

  /** Options that are objects with distinct literal values at `property`: zod throws on anything else when the file loads. */
  private discriminable(members: Json[], property: string): boolean {
    const seen = new Set<Json>();
    for (const member of members) {
      const key = componentKey(member);
      const values = key === undefined ? tagValues(member, property) : this.context.tagValues(key, property);
      if (values === undefined || values.some((value) => seen.has(value))) return false;
      for (const value of values) seen.add(value);
    }
    return true;
  }
}

/** The literal values of `property` when `schema` is a plain object requiring it as a const or enum; else `undefined`. */
export function tagValues(schema: Json | undefined, property: string): Json[] | undefined {
  if (!isJsonObject(schema) || ["anyOf", "oneOf", "allOf", "enum", "const", "$ref"].some((keyword) => keyword in schema)) return undefined;
  if (schema["nullable"] === true || (schema["type"] !== undefined && schema["type"] !== "object") || schema["patternProperties"] !== undefined) return undefined;
  const properties = schema["properties"];
  const required = schema["required"];
  if (!isJsonObject(properties) || Object.hasOwn(properties, "__proto__") || !Array.isArray(required) || !required.includes(property)) return undefined;
  const tag = properties[property];
  if (!isJsonObject(tag) || tag["nullable"] === true) return undefined;
  if ("const" in tag) return isPrimitive(tag["const"]!) ? [tag["const"]!] : undefined;
  const values = tag["enum"];
  return Array.isArray(values) && values.length > 0 && values.every(isPrimitive) ? values : undefined;
}

function stringSchema(schema: JsonObject): string {
  const format = typeof schema["format"] === "string" && Object.hasOwn(FORMATS, schema["format"]) ? FORMATS[schema["format"]] : undefined;
  if (format !== undefined) return format;
  let expression = "z.string()";
  // JSON Schema counts code points, zod UTF-16 units: a minimum can only be met more easily, a maximum could reject valid text.
  if (typeof schema["minLength"] === "number" && schema["minLength"] > 0) expression += `.min(${schema["minLength"]})`;
  const pattern = typeof schema["pattern"] === "string" ? regExp(schema["pattern"]) : undefined;
  if (pattern !== undefined) expression += `.regex(${pattern})`;
  return expression;
}

/**
 * The spec's pattern as a Unicode RegExp. Python-only syntax (`(?i)`, `\Z`) is no valid Unicode
 * pattern and is left unchecked: without the `u` flag JavaScript would read `\Z` as a plain `Z`.
 */
function regExp(pattern: string): string | undefined {
  try {
    new RegExp(pattern, "u");
  } catch {
    return undefined;
  }
  return `new RegExp(${stringLiteral(pattern)}, "u")`;
}

function numberSchema(base: string, schema: JsonObject): string {
  let expression = base;
  const bound = (keyword: string) => (typeof schema[keyword] === "number" ? schema[keyword] : undefined);
  const [minimum, maximum] = [bound("minimum"), bound("maximum")];
  // OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum, 3.1 as numbers.
  const exclusiveMinimum = bound("exclusiveMinimum") ?? (schema["exclusiveMinimum"] === true ? minimum : undefined);
  const exclusiveMaximum = bound("exclusiveMaximum") ?? (schema["exclusiveMaximum"] === true ? maximum : undefined);
  if (exclusiveMinimum !== undefined) expression += `.gt(${exclusiveMinimum})`;
  else if (minimum !== undefined) expression += `.gte(${minimum})`;
  if (exclusiveMaximum !== undefined) expression += `.lt(${exclusiveMaximum})`;
  else if (maximum !== undefined) expression += `.lte(${maximum})`;
  if (bound("multipleOf") !== undefined) expression += `.multipleOf(${bound("multipleOf")})`;
  return expression;
}

function typesOf(schema: JsonObject): string[] {
  const declared = schema["type"];
  if (Array.isArray(declared)) return declared.filter((type): type is string => typeof type === "string");
  if (typeof declared === "string") return [declared];
  if (isJsonObject(schema["properties"]) || "additionalProperties" in schema) return ["object"];
  if ("items" in schema || "prefixItems" in schema) return ["array"];
  return [];
}

function isNullSchema(schema: Json): boolean {
  return isJsonObject(schema) && (schema["type"] === "null" || ("const" in schema && schema["const"] === null));
}

function enumOf(values: Json[]): string {
  const unique = [...new Set(values)];
  if (unique.length === 0) return "z.never()";
  if (unique.every((value) => typeof value === "string")) return `z.enum([${unique.map((value) => stringLiteral(value as string)).join(", ")}])`;
  if (!unique.every(isPrimitive)) return ANY;
  return unique.length === 1 ? literal(unique[0]!) : `z.literal([${unique.map(primitive).join(", ")}])`;
}

function literal(value: Json): string {
  if (value === null) return "z.null()";
  return isPrimitive(value) ? `z.literal(${primitive(value)})` : ANY;
}

function isPrimitive(value: Json): value is string | number | boolean {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function primitive(value: Json): string {
  return typeof value === "string" ? stringLiteral(value) : String(value);
}

function union(members: string[]): string {
  const unique = [...new Set(members)];
  if (unique.includes(ANY)) return ANY;
  return unique.length === 1 ? unique[0]! : `z.union([${unique.join(", ")}])`;
}

/** A key as written in an object literal: bare when it is an identifier, quoted otherwise. */
export function propertyKey(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) && key !== "__proto__" ? key : quotedKey(key);
}

/** A quoted key of an object literal; computed for `__proto__`, which as a plain key sets the object's prototype instead. */
export function quotedKey(key: string): string {
  return key === "__proto__" ? `[${stringLiteral(key)}]` : stringLiteral(key);
}
