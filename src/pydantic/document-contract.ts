/**
 * An OpenAPI (3.0 / 3.1) or JSON Schema document written by people → component schemas.
 * Only local `#/...` refs are followed: a contract never causes I/O beyond its own file.
 */
import { readRegularFile } from "../regular-file.js";
import { UsageError, errorMessage } from "../errors.js";
import { COMPONENTS_REF, componentsFromDefinitions } from "./component-schemas.js";
import type { JsonSchemaObject } from "./schema-types.js";

export interface DocumentContract {
  components: Record<string, JsonSchemaObject>;
  /** The OpenAPI document's `paths`, verbatim; undefined for a JSON Schema document. */
  paths: unknown;
}

const isObject = (value: unknown): value is JsonSchemaObject => typeof value === "object" && value !== null && !Array.isArray(value);

export async function readDocumentContract(contract: string, types: readonly string[] | undefined): Promise<DocumentContract> {
  const text = await readRegularFile(contract, "contract").catch((error: unknown) => {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`contract ${contract} cannot be read: ${errorMessage(error)}`, "check the path");
  });
  let document: unknown;
  try {
    // The YAML parser the spec validator already ships, loaded only for a YAML contract.
    document = /\.ya?ml$/i.test(contract) ? (await import("@redocly/openapi-core")).parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new UsageError(`contract ${contract} is not valid ${/\.ya?ml$/i.test(contract) ? "YAML" : "JSON"}: ${errorMessage(error)}`, "fix the document");
  }
  if (!isObject(document)) throw new UsageError(`contract ${contract} is not an object`, "give an OpenAPI document or a JSON Schema with $defs");
  const isOpenApi = typeof document.openapi === "string";
  const source = isOpenApi ? (isObject(document.components) ? document.components.schemas : undefined) : (document.$defs ?? document.definitions);
  const prefix = isOpenApi ? COMPONENTS_REF : document.$defs ? "#/$defs/" : "#/definitions/";
  if (!isObject(source) || Object.keys(source).length === 0) {
    throw new UsageError(`contract ${contract} has no ${isOpenApi ? "components.schemas" : "$defs"}`, "name the contract's types there: each becomes a Pydantic model");
  }
  const openApi30 = isOpenApi && String(document.openapi).startsWith("3.0");
  const definitions = Object.fromEntries(Object.entries(source).map(([name, schema]) => [name, openApi30 ? nullableTo31(schema) : schema])) as Record<string, JsonSchemaObject>;
  const components = componentsFromDefinitions(definitions, prefix);
  return { components: types?.length ? reachable(components, types, contract) : components, paths: isOpenApi ? document.paths : undefined };
}

const VERBATIM = new Set(["enum", "const", "default", "example", "examples"]);

/** OpenAPI 3.0's `nullable: true` in 3.1 terms (a type list, or a union with null). */
function nullableTo31(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nullableTo31);
  if (!isObject(value)) return value;
  const out: JsonSchemaObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "nullable") continue;
    if (VERBATIM.has(key)) out[key] = child;
    else if (key === "properties" && isObject(child)) out[key] = Object.fromEntries(Object.entries(child).map(([k, v]) => [k, nullableTo31(v)]));
    else out[key] = nullableTo31(child);
  }
  if (value.nullable !== true) return out;
  if (typeof out.type === "string") return { ...out, type: [out.type, "null"], ...(Array.isArray(out.enum) ? { enum: [...out.enum, null] } : {}) };
  return { anyOf: [out, { type: "null" }] };
}

/** The named types and everything they reference. */
function reachable(components: Record<string, JsonSchemaObject>, types: readonly string[], contract: string): Record<string, JsonSchemaObject> {
  const kept = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!isObject(value)) return;
    if (typeof value.$ref === "string" && value.$ref.startsWith(COMPONENTS_REF)) add(value.$ref.slice(COMPONENTS_REF.length));
    Object.values(value).forEach(visit);
  };
  const add = (name: string) => {
    if (kept.has(name) || !components[name]) return;
    kept.add(name);
    visit(components[name]);
  };
  for (const name of types) {
    if (!components[name]) throw new UsageError(`contract ${contract} has no schema "${name}"`, `schemas: ${Object.keys(components).join(", ")}`);
    add(name);
  }
  return Object.fromEntries(Object.entries(components).filter(([name]) => kept.has(name)));
}
