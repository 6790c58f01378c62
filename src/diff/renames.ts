import { componentName } from "../spec/pointer.js";
import { isJsonObject, type Json, type OpenApiDocument } from "../spec/types.js";
import { modelName } from "./normalize.js";

const ANNOTATIONS = new Set(["title", "description", "example", "examples", "$comment"]);
/** Keywords whose value is a map of names to schemas: its keys are data, not annotations. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
const LITERALS = new Set(["default", "enum", "const"]);

/**
 * Models that vanished from the base and appeared in the head with the same structure
 * (annotations aside): base model → head model. Found in rounds, so a model that only refers
 * to another renamed model is recognized too; an ambiguous match is no rename.
 */
export function detectRenames(base: OpenApiDocument, head: OpenApiDocument): Map<string, string> {
  const baseModels = modelsOf(base);
  const headModels = modelsOf(head);
  const removed = [...baseModels.keys()].filter((m) => !headModels.has(m));
  const added = [...headModels.keys()].filter((m) => !baseModels.has(m));
  const renames = new Map<string, string>();
  for (let round = 0; round < 4; round++) {
    const before = renames.size;
    const byShape = new Map<string, string[]>();
    for (const model of added) {
      if ([...renames.values()].includes(model)) continue;
      const shape = signature(headModels.get(model)!, model, (m) => m);
      byShape.set(shape, [...(byShape.get(shape) ?? []), model]);
    }
    const claims = new Map<string, string[]>();
    for (const model of removed) {
      if (renames.has(model)) continue;
      const shape = signature(baseModels.get(model)!, model, (m) => renames.get(m) ?? m);
      const candidates = byShape.get(shape);
      if (candidates?.length === 1) claims.set(candidates[0]!, [...(claims.get(candidates[0]!) ?? []), model]);
    }
    for (const [to, from] of claims) if (from.length === 1) renames.set(from[0]!, to);
    if (renames.size === before) break;
  }
  return renames;
}

/** Each model's components by suffix: `Item` → { "": …, "-Input": …, "-Output": … }. */
function modelsOf(doc: OpenApiDocument): Map<string, Map<string, Json>> {
  const models = new Map<string, Map<string, Json>>();
  const components = doc["components"];
  const schemas = isJsonObject(components) && isJsonObject(components["schemas"]) ? components["schemas"] : {};
  for (const [name, schema] of Object.entries(schemas)) {
    const model = modelName(name);
    if (!models.has(model)) models.set(model, new Map());
    models.get(model)!.set(name.slice(model.length), schema);
  }
  return models;
}

function signature(parts: Map<string, Json>, self: string, rename: (model: string) => string): string {
  const entries = [...parts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries.map(([suffix, schema]) => [suffix, strip(schema, self, rename)]));
}

/** The schema without annotations, keys sorted, references by model (the model itself as `#self`). */
function strip(value: Json, self: string, rename: (model: string) => string): Json {
  if (Array.isArray(value)) return value.map((v) => strip(v, self, rename));
  if (!isJsonObject(value)) return value;
  const result: Record<string, Json> = {};
  for (const key of Object.keys(value).sort()) {
    const v = value[key]!;
    if (ANNOTATIONS.has(key)) continue;
    const component = key === "$ref" && typeof v === "string" ? componentName(v) : undefined;
    if (component !== undefined) {
      const model = rename(modelName(component));
      result[key] = model === self ? "#self" : model;
    } else if (key === "mapping" && isJsonObject(v)) {
      result[key] = Object.fromEntries(Object.keys(v).sort().map((k) => [k, strip({ $ref: v[k]! }, self, rename)]));
    } else if (LITERALS.has(key)) result[key] = v;
    else if (SCHEMA_MAPS.has(key) && isJsonObject(v)) {
      result[key] = Object.fromEntries(Object.keys(v).sort().map((k) => [k, strip(v[k]!, self, rename)]));
    } else result[key] = strip(v, self, rename);
  }
  return result;
}
