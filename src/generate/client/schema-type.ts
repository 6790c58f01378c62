/**
 * JSON Schema → TypeScript type text, for the few schemas types.gen.ts cannot type for the
 * client: stream items (`itemSchema`, which openapi-typescript ignores) and multipart bodies
 * (whose files it types as `string`). Component references become the client's model names.
 */
import { isJsonObject, type Json, type JsonObject } from "../../spec/types.js";
import { decodePointerSegment, isJsonMedia, isTextMedia } from "./operations.js";
import { stringLiteral } from "./text.js";

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

/** `Item` for `{"$ref": "#/components/schemas/Item"}`, else `undefined`. */
export function componentKey(schema: Json | undefined): string | undefined {
  if (!isJsonObject(schema) || typeof schema["$ref"] !== "string") return undefined;
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(schema["$ref"]);
  return match ? decodePointerSegment(match[1]!) : undefined;
}

/** Whether a string schema carries file content rather than text. */
export function isBinarySchema(schema: JsonObject): boolean {
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
    return `${propertyName(key)}${optional}: ${print(properties[key], context, depth + 1).text};`;
  });
  const extra = schema["additionalProperties"];
  const rest = extra === false ? undefined : print(extra === undefined || extra === true ? {} : extra, context, depth + 1).text;
  const shape = members.length > 0 ? `{ ${members.join(" ")} }` : undefined;
  if (shape && rest === undefined) return simple(shape);
  if (!shape) return simple(rest === undefined ? "Record<string, never>" : `Record<string, ${rest}>`);
  // An index signature would have to admit every property type too; an intersection does not.
  return { text: `${shape} & Record<string, ${rest}>`, compound: true };
}

/** A property key as written in a type literal: bare when it is an identifier, quoted otherwise. */
export function propertyName(key: string): string {
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
