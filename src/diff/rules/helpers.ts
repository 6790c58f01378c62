import { tsTypes, type SchemaNode } from "../normalize.js";

/** `.price`, or `["unit price"]` when the name is not an identifier. */
export function propertyPath(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/** The properties a side exchanges: requests never send `readOnly` ones, responses never carry `writeOnly` ones. */
export function exchanged(node: SchemaNode, side: "request" | "response"): Map<string, SchemaNode> {
  const result = new Map<string, SchemaNode>();
  for (const [name, property] of node.properties) {
    if (side === "request" ? !property.readOnly : !property.writeOnly) result.set(name, property);
  }
  return result;
}

/** How a schema reads in a message: `Item`, `string`, `integer | string`, `any`. */
export function describeType(node: SchemaNode): string {
  if (node.ref) return node.ref.model;
  if (node.union) return node.union.map(describeType).join(" | ");
  if (!node.types) return "any";
  if (node.types.size === 0) return "null";
  return [...node.types].join(" | ");
}

/** A JSON value for a message, cut short when long. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? "undefined";
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function showList(values: unknown[]): string {
  return values.map(show).join(", ");
}

/** TypeScript types a schema may take, following references and unions; `undefined` for any. */
export function typesOf(node: SchemaNode, seen = new Set<string>()): Set<string> | undefined {
  if (node.ref) {
    if (seen.has(node.ref.name)) return new Set();
    seen.add(node.ref.name);
    return typesOf(node.ref.resolve(), seen);
  }
  if (node.union) {
    const all = new Set<string>();
    for (const branch of node.union) {
      const types = typesOf(branch, seen);
      if (!types) return undefined;
      for (const t of types) all.add(t);
    }
    return all;
  }
  return tsTypes(node);
}

/** Values in `a` and not in `b`, compared as JSON. */
export function missingFrom(a: readonly unknown[], b: readonly unknown[]): unknown[] {
  const keys = new Set(b.map((v) => JSON.stringify(v)));
  return a.filter((v) => !keys.has(JSON.stringify(v)));
}

/** A name from the spec in a message: quoted and escaped, so it can never break a line or a terminal. */
export function quote(name: string): string {
  return JSON.stringify(name);
}

/** ` -> query.limit`, or ` -> header["x token"]`. */
export function parameterPath(parameter: { in: string; name: string }): string {
  return ` -> ${parameter.in}${propertyPath(parameter.name)}`;
}
