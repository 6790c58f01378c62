/**
 * FastAPI's JSON Schema as a TypeScript caller sees it, so rules compare meaning, not spelling:
 *
 * - `anyOf [X, {type: null}]`, `type: [X, "null"]`, `nullable: true` and a `null` enum value all
 *   become X with `nullable` set, on the node where they were written (the usage site);
 * - `allOf [X]` is X; `const` is a one-value `enum`; types are inferred when only implied;
 * - `Item`, `Item-Input` and `Item-Output` are one model, `Item` (the direction of use decides
 *   which properties count: `readOnly` ones only in responses, `writeOnly` ones only in requests);
 * - `title`, `description`, `example(s)` are never read: they are not contract;
 * - a `$ref` stays a reference, resolved on demand and once per component, so cycles are safe.
 */
import { childPointer, componentName, parseRef, valueAt } from "../spec/pointer.js";
import { isJsonObject, type Json, type JsonObject, type OpenApiDocument } from "../spec/types.js";

export type JsonType = "string" | "number" | "integer" | "boolean" | "object" | "array";

export interface ComponentRef {
  /** The component as named in the spec: `Item-Input`. */
  name: string;
  /** The model it belongs to: `Item`. */
  model: string;
  resolve(): SchemaNode;
}

export interface Constraints {
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  multipleOf?: number;
  pattern?: string;
  format?: string;
  uniqueItems?: boolean;
}

export interface SchemaNode {
  /** Where the schema is written in its document (for `anyOf [X, null]`: the `anyOf` holder). */
  pointer: string;
  /** Set when the node is a reference: its shape is the component's. */
  ref: ComponentRef | undefined;
  nullable: boolean;
  default: { value: Json } | undefined;
  readOnly: boolean;
  writeOnly: boolean;
  /** `undefined`: any value (`{}`). */
  types: ReadonlySet<JsonType> | undefined;
  enum: Json[] | undefined;
  /** Two or more non-null branches of `anyOf` / `oneOf`. */
  union: SchemaNode[] | undefined;
  discriminator: { propertyName: string; mapping: Map<string, string> } | undefined;
  properties: Map<string, SchemaNode>;
  required: ReadonlySet<string>;
  items: SchemaNode | undefined;
  /** `false`: no other keys allowed; `undefined`: not said. */
  additionalProperties: SchemaNode | false | undefined;
  constraints: Constraints;
}

const CONSTRAINT_KEYS = [
  "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength",
  "minItems", "maxItems", "multipleOf", "pattern", "format", "uniqueItems",
] as const;
const TYPES = new Set<string>(["string", "number", "integer", "boolean", "object", "array"]);

/** `Item-Input` → `Item`. */
export function modelName(component: string): string {
  return component.replace(/-(Input|Output)$/, "");
}

/** Reads schemas of one document; each component is normalized once, on first use. */
export class SchemaReader {
  private readonly components = new Map<string, SchemaNode>();
  /** Where references outside `components/schemas` point. */
  private readonly targets = new Map<string, string>();

  constructor(readonly doc: OpenApiDocument) {}

  /** The normalized schema written at `pointer` (`raw` is the value found there). */
  read(raw: Json | undefined, pointer: string): SchemaNode {
    if (!isJsonObject(raw)) return emptyNode(pointer, raw === false ? new Set() : undefined);
    const ref = raw["$ref"];
    if (typeof ref === "string") return this.reference(ref, raw, pointer);

    const nonNull = (list: Json | undefined) => (Array.isArray(list) ? list.filter((b) => !isNullSchema(b)) : undefined);
    const branches = nonNull(raw["anyOf"]) ?? nonNull(raw["oneOf"]);
    const listKey = Array.isArray(raw["anyOf"]) ? "anyOf" : "oneOf";
    const allOf = Array.isArray(raw["allOf"]) ? raw["allOf"] : undefined;
    const nullable = isNullable(raw);

    if (branches && branches.length === 1 && !hasShape(raw)) {
      const index = (raw[listKey] as Json[]).indexOf(branches[0]!);
      return usage(this.read(branches[0], `${pointer}/${listKey}/${index}`), raw, pointer, nullable);
    }
    if (allOf && allOf.length === 1 && !hasShape(raw)) return usage(this.read(allOf[0], `${pointer}/allOf/0`), raw, pointer, nullable);

    const node = this.shape(raw, pointer, nullable);
    if (branches && branches.length >= 2) {
      node.union = branches.map((b) => this.read(b, `${pointer}/${listKey}/${(raw[listKey] as Json[]).indexOf(b)}`));
      node.discriminator = this.discriminator(raw["discriminator"]);
    } else if (allOf) {
      mergeAll(node, allOf.map((part, i) => this.resolved(this.read(part, `${pointer}/allOf/${i}`))));
    }
    return node;
  }

  /** A node with its reference followed (through chains of aliases). */
  resolved(node: SchemaNode): SchemaNode {
    const seen = new Set<string>();
    let current = node;
    while (current.ref && !seen.has(current.ref.name)) {
      seen.add(current.ref.name);
      current = current.ref.resolve();
    }
    return current;
  }

  rawAt(pointer: string): Json | undefined {
    return valueAt(this.doc, pointer);
  }

  /** A component schema as written. */
  component(name: string): Json | undefined {
    const components = this.doc["components"];
    const schemas = isJsonObject(components) ? components["schemas"] : undefined;
    return isJsonObject(schemas) ? schemas[name] : undefined;
  }

  /** A referenced schema by name (a component, or another local `$ref`), normalized once. */
  model(name: string): SchemaNode {
    const target = this.targets.get(name) ?? childPointer("/components/schemas", name);
    let component = this.components.get(name);
    if (!component) {
      // Registered before reading so a cycle back to it finds this placeholder.
      component = emptyNode(target, undefined);
      this.components.set(name, component);
      Object.assign(component, this.read(valueAt(this.doc, target), target));
    }
    return component;
  }

  private reference(ref: string, raw: JsonObject, pointer: string): SchemaNode {
    const component = componentName(ref);
    const name = component ?? ref;
    if (component === undefined) {
      const parsed = parseRef(ref);
      this.targets.set(name, parsed.kind === "local" ? parsed.pointer : "/$unresolvable");
    }
    const node = emptyNode(pointer, undefined);
    node.ref = { name, model: modelName(name), resolve: () => this.model(name) };
    return usage(node, raw, pointer, isNullable(raw));
  }

  private shape(raw: JsonObject, pointer: string, nullable: boolean): SchemaNode {
    const node = emptyNode(pointer, inferTypes(raw));
    node.nullable = nullable;
    applyUsage(node, raw);
    node.enum = Array.isArray(raw["enum"]) ? raw["enum"].filter((v) => v !== null) : "const" in raw && raw["const"] !== null ? [raw["const"]!] : undefined;
    const properties = raw["properties"];
    if (isJsonObject(properties)) {
      for (const [key, value] of Object.entries(properties)) {
        node.properties.set(key, this.read(value, childPointer(`${pointer}/properties`, key)));
      }
    }
    if (Array.isArray(raw["required"])) node.required = new Set(raw["required"].filter((r): r is string => typeof r === "string"));
    if (raw["items"] !== undefined && !Array.isArray(raw["items"])) node.items = this.read(raw["items"], `${pointer}/items`);
    const additional = raw["additionalProperties"];
    if (additional === false) node.additionalProperties = false;
    else if (additional !== undefined) node.additionalProperties = this.read(additional, `${pointer}/additionalProperties`);
    for (const key of CONSTRAINT_KEYS) {
      const value = raw[key];
      if (key === "pattern" || key === "format") {
        if (typeof value === "string") node.constraints[key] = value;
      } else if (key === "uniqueItems") {
        if (value === true) node.constraints.uniqueItems = true;
      } else if (typeof value === "number") node.constraints[key] = value;
    }
    // OpenAPI 3.0 spells exclusive bounds as booleans beside minimum / maximum.
    if (raw["exclusiveMinimum"] === true && typeof raw["minimum"] === "number") node.constraints.exclusiveMinimum = raw["minimum"];
    if (raw["exclusiveMaximum"] === true && typeof raw["maximum"] === "number") node.constraints.exclusiveMaximum = raw["maximum"];
    return node;
  }

  private discriminator(raw: Json | undefined): SchemaNode["discriminator"] {
    if (!isJsonObject(raw) || typeof raw["propertyName"] !== "string") return undefined;
    const mapping = new Map<string, string>();
    if (isJsonObject(raw["mapping"])) {
      for (const [value, ref] of Object.entries(raw["mapping"])) {
        // A mapping value is a `$ref` or, as OpenAPI allows, a bare schema name.
        if (typeof ref === "string") mapping.set(value, modelName(componentName(ref) ?? ref.slice(ref.lastIndexOf("/") + 1)));
      }
    }
    return { propertyName: raw["propertyName"], mapping };
  }
}

/** Typescript sees `integer` and `number` alike; `undefined` means any value. */
export function tsTypes(node: SchemaNode): Set<string> | undefined {
  if (!node.types) return undefined;
  return new Set([...node.types].map((t) => (t === "integer" ? "number" : t)));
}

function emptyNode(pointer: string, types: ReadonlySet<JsonType> | undefined): SchemaNode {
  return {
    pointer, ref: undefined, nullable: false, default: undefined, readOnly: false, writeOnly: false, types,
    enum: undefined, union: undefined, discriminator: undefined, properties: new Map(), required: new Set(),
    items: undefined, additionalProperties: undefined, constraints: {},
  };
}

/** The usage site's own facts (nullable, default, read/write-only) laid over the schema it wraps. */
function usage(inner: SchemaNode, raw: JsonObject, pointer: string, nullable: boolean): SchemaNode {
  const node = { ...inner, pointer, nullable: inner.nullable || nullable };
  applyUsage(node, raw);
  return node;
}

function applyUsage(node: SchemaNode, raw: JsonObject): void {
  if ("default" in raw) node.default = { value: raw["default"]! };
  if (raw["readOnly"] === true) node.readOnly = true;
  if (raw["writeOnly"] === true) node.writeOnly = true;
}

/** Keys that make a schema more than a wrapper around its single `anyOf` / `allOf` branch. */
function hasShape(raw: JsonObject): boolean {
  return "type" in raw || "properties" in raw || "items" in raw || "enum" in raw || "const" in raw;
}

function isNullSchema(value: Json): boolean {
  if (!isJsonObject(value)) return false;
  if (value["type"] === "null") return true;
  if ("const" in value && value["const"] === null) return true;
  return Array.isArray(value["enum"]) && value["enum"].length === 1 && value["enum"][0] === null;
}

function isNullable(raw: JsonObject): boolean {
  if (raw["nullable"] === true) return true;
  if (Array.isArray(raw["type"]) && raw["type"].includes("null")) return true;
  if (Array.isArray(raw["enum"]) && raw["enum"].includes(null)) return true;
  for (const key of ["anyOf", "oneOf"]) {
    const list = raw[key];
    if (Array.isArray(list) && list.some(isNullSchema)) return true;
  }
  return false;
}

function inferTypes(raw: JsonObject): Set<JsonType> | undefined {
  const type = raw["type"];
  const listed = typeof type === "string" ? [type] : Array.isArray(type) ? type : undefined;
  if (listed) return new Set(listed.filter((t): t is JsonType => typeof t === "string" && TYPES.has(t)));
  if ("properties" in raw || "additionalProperties" in raw) return new Set(["object"]);
  if ("items" in raw) return new Set(["array"]);
  const values = Array.isArray(raw["enum"]) ? raw["enum"] : "const" in raw ? [raw["const"]!] : undefined;
  if (values) {
    const types = new Set<JsonType>();
    for (const v of values) {
      if (v === null) continue;
      types.add(Array.isArray(v) ? "array" : typeof v === "object" ? "object" : (typeof v as JsonType));
    }
    return types;
  }
  return undefined;
}

/** `allOf` of several parts: one object with every part's properties and requirements. */
function mergeAll(node: SchemaNode, parts: SchemaNode[]): void {
  const required = new Set(node.required);
  for (const part of parts) {
    for (const [key, value] of part.properties) node.properties.set(key, value);
    for (const key of part.required) required.add(key);
    node.types ??= part.types;
    node.enum ??= part.enum;
    node.items ??= part.items;
    node.additionalProperties ??= part.additionalProperties;
    node.constraints = { ...part.constraints, ...node.constraints };
  }
  node.required = required;
}
