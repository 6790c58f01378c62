import { componentName } from "../spec/pointer.js";
import { HTTP_METHODS, isJsonObject, type Json, type JsonObject, type OpenApiDocument } from "../spec/types.js";

export interface ChangeCounts {
  added: number;
  removed: number;
  changed: number;
}

/** How much a spec moved: operations (including through the schemas they reference) and schemas. */
export interface SpecSummary {
  operations: ChangeCounts;
  schemas: ChangeCounts;
}

export function summarizeSpecChange(before: OpenApiDocument | undefined, after: OpenApiDocument): SpecSummary {
  const oldSchemas = schemasOf(before);
  const newSchemas = schemasOf(after);
  const schemas = compareMaps(oldSchemas, newSchemas);
  const changedSchemas = new Set([...schemas.keys].filter((k) => schemas.status.get(k) !== "same"));

  const oldOps = operationsOf(before);
  const newOps = operationsOf(after);
  const operations = compareMaps(oldOps, newOps);
  for (const [key, op] of newOps) {
    if (operations.status.get(key) !== "same") continue;
    const reachable = reachableSchemas(op, newSchemas);
    if ([...reachable].some((s) => changedSchemas.has(s))) operations.status.set(key, "changed");
  }
  return { operations: count(operations.status), schemas: count(schemas.status) };
}

export function isEmptySummary(summary: SpecSummary): boolean {
  return [summary.operations, summary.schemas].every((c) => c.added + c.removed + c.changed === 0);
}

type Status = "added" | "removed" | "changed" | "same";

function compareMaps(before: Map<string, Json>, after: Map<string, Json>) {
  const status = new Map<string, Status>();
  for (const [key, value] of after) {
    const old = before.get(key);
    status.set(key, old === undefined ? "added" : JSON.stringify(old) === JSON.stringify(value) ? "same" : "changed");
  }
  for (const key of before.keys()) if (!after.has(key)) status.set(key, "removed");
  return { status, keys: status.keys() };
}

function count(status: Map<string, Status>): ChangeCounts {
  const counts = { added: 0, removed: 0, changed: 0 };
  for (const s of status.values()) if (s !== "same") counts[s]++;
  return counts;
}

function schemasOf(spec: OpenApiDocument | undefined): Map<string, Json> {
  const components = spec?.["components"];
  const schemas = isJsonObject(components) && isJsonObject(components["schemas"]) ? components["schemas"] : {};
  return new Map(Object.entries(schemas));
}

function operationsOf(spec: OpenApiDocument | undefined): Map<string, Json> {
  const ops = new Map<string, Json>();
  const paths = spec?.["paths"];
  if (!isJsonObject(paths)) return ops;
  for (const [path, item] of Object.entries(paths)) {
    if (!isJsonObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (op !== undefined) ops.set(`${method.toUpperCase()} ${path}`, { op, shared: item["parameters"] ?? null });
    }
  }
  return ops;
}

/** Component schemas reachable from `value` through `$ref`s; cycles are safe. */
function reachableSchemas(value: Json, schemas: Map<string, Json>): Set<string> {
  const seen = new Set<string>();
  const stack: Json[] = [value];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (Array.isArray(node)) stack.push(...node);
    else if (isJsonObject(node)) {
      const ref = (node as JsonObject)["$ref"];
      const name = typeof ref === "string" ? componentName(ref) : undefined;
      if (name !== undefined && !seen.has(name)) {
        seen.add(name);
        const target = schemas.get(name);
        if (target !== undefined) stack.push(target);
      }
      stack.push(...Object.values(node));
    }
  }
  return seen;
}
