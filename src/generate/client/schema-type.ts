/**
 * JSON Schema → TypeScript type text, for the few schemas types.gen.ts cannot type for the
 * client: stream items (`itemSchema`, which openapi-typescript ignores) and multipart bodies
 * (whose files it types as `string`). Component references become the client's model names.
 */
import { isJsonObject, type Json, type JsonObject } from "../../spec/types.js";
import { isJsonMedia, isTextMedia } from "./media-types.js";
import { componentKey } from "./refs.js";
import { stringLiteral } from "../text.js";

export interface SchemaTypeContext {
  /** Type text for `#/components/schemas/<key>`. */
  ref(key: string): string;
  /** Type of binary strings (`format: binary`, `contentMediaType`): `Blob` for uploads. */
  binary: string;
}

interface Printed {
  text: string;
  /** A union or intersection, which needs parentheses inside `T[]` or `A & B`. */
  compound: boolean;
}

/** Deeper inline nesting than this is typed `unknown`; FastAPI nests a handful of levels. */
const MAX_DEPTH = 48;

export function schemaType(schema: Json | undefined, context: SchemaTypeContext): string {
  return print(schema, context, 0).text;
}

/**
 * The type of an inline schema when it is made of references, primitives, arrays, maps and
 * unions only (`list[Item]`, `dict[str, int]`, `Cat | Dog`): short enough to read in a
 * signature. `undefined` for anything with inline object properties, which types.gen.ts
 * types in full.
 */
export function inlineType(schema: Json | undefined, context: SchemaTypeContext): string | undefined {
  const hasProperties = (value: Json | undefined, depth: number): boolean => {
    if (depth > MAX_DEPTH) return true;
    if (Array.isArray(value)) return value.some((item) => hasProperties(item, depth + 1));
    return isJsonObject(value) && ("properties" in value || Object.values(value).some((item) => hasProperties(item, depth + 1)));
  };
  return hasProperties(schema, 0) ? undefined : schemaType(schema, context);
}

/** Whether printing `schema` with files as `Blob` differs from openapi-typescript's `string`. */
export function hasFiles(schema: Json, context: SchemaTypeContext): boolean {
  return schemaType(schema, context) !== schemaType(schema, { ...context, binary: "string" });
}

/** Whether a string schema carries file content rather than text. */
function isBinarySchema(schema: JsonObject): boolean {
  const media = schema["contentMediaType"];
  if (schema["format"] === "binary") return true;
  return typeof media === "string" && !isJsonMedia(media) && !isTextMedia(media);
}

function print(schema: Json | undefined, context: SchemaTypeContext, depth: number): Printed {
  if (schema === false) return simple("never");
  if (!isJsonObject(schema) || depth > MAX_DEPTH) return simple("unknown");
  if (typeof schema["$ref"] === "string") {
    const key = componentKey(schema);
    return simple(key === undefined ? "unknown" : context.ref(key));
  }
  const parts: Printed[] = [];
  if ("const" in schema) parts.push(simple(literal(schema["const"]!)));
  else if (Array.isArray(schema["enum"])) parts.push(union(schema["enum"].map((value) => simple(literal(value)))));
  else {
    const typed = typeOf(schema, context, depth);
    if (typed) parts.push(typed);
  }
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const members = schema[keyword];
    if (Array.isArray(members) && members.length > 0) parts.push(union(members.map((member) => print(member, context, depth + 1))));
  }
  const all = schema["allOf"];
  if (Array.isArray(all)) parts.push(...all.map((member) => print(member, context, depth + 1)));
  let result = parts.length === 0 ? simple("unknown") : intersection(parts);
  if (schema["nullable"] === true) result = union([result, simple("null")]);
  return result;
}

function typeOf(schema: JsonObject, context: SchemaTypeContext, depth: number): Printed | undefined {
  const declared = schema["type"];
  const types = Array.isArray(declared) ? declared.filter((t) => typeof t === "string") : typeof declared === "string" ? [declared] : [];
  if (types.length === 0) {
    if (isJsonObject(schema["properties"]) || "additionalProperties" in schema) return objectType(schema, context, depth);
    if ("items" in schema || "prefixItems" in schema) return arrayType(schema, context, depth);
    return undefined;
  }
  return union(types.map((type) => {
    switch (type) {
      case "string":
        return simple(isBinarySchema(schema) ? context.binary : "string");
      case "integer":
      case "number":
        return simple("number");
      case "boolean":
        return simple("boolean");
      case "null":
        return simple("null");
      case "array":
        return arrayType(schema, context, depth);
      case "object":
        return objectType(schema, context, depth);
      default:
        return simple("unknown");
    }
  }));
}

function arrayType(schema: JsonObject, context: SchemaTypeContext, depth: number): Printed {
  const prefix = schema["prefixItems"];
  const items = schema["items"];
  if (Array.isArray(prefix)) {
    const members = prefix.map((member) => print(member, context, depth + 1).text);
    if (items !== false) members.push(`...${element(print(items ?? true, context, depth + 1))}[]`);
    return simple(`[${members.join(", ")}]`);
  }
  return simple(`${element(print(items ?? true, context, depth + 1))}[]`);
}

function objectType(schema: JsonObject, context: SchemaTypeContext, depth: number): Printed {
  const properties = isJsonObject(schema["properties"]) ? schema["properties"] : {};
  const required = new Set(Array.isArray(schema["required"]) ? schema["required"] : []);
  const members = Object.keys(properties).map((key) => {
    const optional = required.has(key) ? "" : "?";
    return `${propertyName(key)}${optional}: ${print(properties[key], context, depth + 1).text}`;
  });
  // Only an explicit `additionalProperties` opens the type, as in openapi-typescript's output.
  const extra = schema["additionalProperties"];
  const rest = extra === undefined || extra === false ? undefined : print(extra === true ? {} : extra, context, depth + 1).text;
  const shape = members.length > 0 ? `{ ${members.join("; ")} }` : undefined;
  if (shape && rest === undefined) return simple(shape);
  // `{type: "object"}` alone is any object (FastAPI's `ValidationError.ctx`), as types.gen.ts has it
  // (`emptyObjectsUnknown`); only `additionalProperties: false` makes it an empty one.
  if (!shape) return simple(`Record<string, ${rest ?? (extra === false ? "never" : "unknown")}>`);
  // An index signature would have to admit every property type too; an intersection does not.
  return { text: `${shape} & Record<string, ${rest}>`, compound: true };
}

/** A property key as written in a type literal: bare when it is an identifier, quoted otherwise. */
function propertyName(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? key : stringLiteral(key);
}

function literal(value: Json): string {
  if (typeof value === "string") return stringLiteral(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return value === null ? "null" : "unknown";
}

function simple(text: string): Printed {
  return { text, compound: false };
}

function union(members: Printed[]): Printed {
  const texts = [...new Set(members.map((member) => member.text))];
  if (texts.length === 1) return members.find((member) => member.text === texts[0])!;
  if (texts.includes("unknown")) return simple("unknown");
  return { text: members.filter((m, i) => texts.indexOf(m.text) === i).map(element).join(" | "), compound: true };
}

function intersection(members: Printed[]): Printed {
  const kept = members.filter((member) => member.text !== "unknown");
  if (kept.length === 0) return simple("unknown");
  if (kept.length === 1) return kept[0]!;
  return { text: kept.map(element).join(" & "), compound: true };
}

/** `A | B` as an array element or intersection member: `(A | B)`. */
function element(printed: Printed): string {
  return printed.compound ? `(${printed.text})` : printed.text;
}
