/**
 * Holding a service to the contract it implements, with the diff engine in the consumer's
 * direction (contract = base, service = head):
 *
 *   every contract type the service's spec names ──► used both as a request body and as a response
 *     (a synthetic operation per type): anything the diff sees either way is a difference, since the
 *     TS side is typed by the contract, not by the service
 *   an OpenAPI contract's operations ──► each must exist, requests may only widen, responses only narrow
 *
 * Each breach names the type (or operation), the field, and the service operations it reaches.
 */
import { diffSpecs } from "../diff/index.js";
import { HTTP_METHODS, isJsonObject, type Json, type JsonObject, type OpenApiDocument } from "../spec/types.js";

export interface Breach {
  /** The contract type (`Estimate`) or operation (`POST /estimate`) broken. */
  subject: string;
  /** `Estimate.currency`, or `POST /estimate -> 200 -> body.total`. */
  location: string;
  message: string;
  rule: string;
  /** The service's operations (`METHOD /path`) it reaches, sorted. */
  operations: string[];
}

const SYNTHETIC = "/sync-types-contract/";

export function holdToContract(contract: { schemas: Record<string, unknown>; operations?: unknown }, spec: OpenApiDocument): Breach[] {
  const serviceSchemas = schemasOf(spec);
  const contractSchemas = contract.schemas as JsonObject;
  const shared = Object.keys(contractSchemas).filter((name) => variantsIn(serviceSchemas, name).length > 0).sort();
  const users = operationsUsing(spec);
  const breaches: Breach[] = [];
  const typeDiff = diffSpecs(
    { openapi: "3.1.0", paths: syntheticPaths(shared, (name) => ({ request: name, response: name })), components: { schemas: contractSchemas } },
    { openapi: "3.1.0", paths: syntheticPaths(shared, (name) => serviceRefs(serviceSchemas, name)), components: { schemas: serviceSchemas } },
  );
  for (const change of typeDiff) {
    const type = change.subject.startsWith("POST ") ? change.subject.slice(`POST ${SYNTHETIC}`.length) : change.subject;
    const location = change.location.replace(`POST ${SYNTHETIC}${type} -> `, `${type} as `);
    breaches.push({ subject: type, location, message: change.message, rule: change.id, operations: usersOf(type, users) });
  }
  if (isJsonObject(contract.operations)) {
    const base: OpenApiDocument = { openapi: "3.1.0", paths: contract.operations, components: { schemas: contractSchemas } };
    for (const change of diffSpecs(base, spec)) {
      if (change.level === "info" || !change.operations.length) continue;
      breaches.push({ subject: change.subject, location: change.location, message: change.message, rule: change.id, operations: change.operations });
    }
  }
  return dedupe(breaches);
}

/** One line a person can act on: where, what, and the rule id as the diff reports it. */
export function describeBreach(breach: Breach): string {
  return `${breach.location}: ${breach.message} (${breach.rule})`;
}

function schemasOf(spec: OpenApiDocument): JsonObject {
  const components = spec["components"];
  const schemas = isJsonObject(components) ? components["schemas"] : undefined;
  return isJsonObject(schemas) ? schemas : {};
}

/** FastAPI splits a model into `-Input` and `-Output` when the two differ; either side stands for the model. */
function variantsIn(schemas: JsonObject, name: string): string[] {
  return [name, `${name}-Input`, `${name}-Output`].filter((n) => Object.hasOwn(schemas, n));
}

function serviceRefs(schemas: JsonObject, name: string): { request: string; response: string } {
  const has = (n: string) => Object.hasOwn(schemas, n);
  return { request: has(`${name}-Input`) ? `${name}-Input` : name, response: has(`${name}-Output`) ? `${name}-Output` : name };
}

function syntheticPaths(names: string[], refs: (name: string) => { request: string; response: string }): JsonObject {
  const paths: JsonObject = {};
  for (const name of names) {
    const { request, response } = refs(name);
    const ref = (schema: string) => ({ $ref: `#/components/schemas/${schema}` });
    paths[`${SYNTHETIC}${name}`] = {
      post: {
        operationId: `contract_${name}`,
        requestBody: { required: true, content: { "application/json": { schema: ref(request) } } },
        responses: { "200": { description: "", content: { "application/json": { schema: ref(response) } } } },
      },
    };
  }
  return paths;
}

/** Per schema name (and its `-Input`/`-Output` halves under the plain name), the operations whose request or responses reach it. */
function operationsUsing(spec: OpenApiDocument): Map<string, Set<string>> {
  const schemas = schemasOf(spec);
  const reach = new Map<string, Set<string>>();
  const closure = (start: Json): Set<string> => {
    const seen = new Set<string>();
    const stack: Json[] = [start];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (Array.isArray(node)) stack.push(...node);
      else if (isJsonObject(node)) {
        const ref = node["$ref"];
        if (typeof ref === "string" && ref.startsWith("#/components/schemas/")) {
          const name = ref.slice("#/components/schemas/".length);
          if (!seen.has(name)) {
            seen.add(name);
            const target = schemas[name];
            if (target !== undefined) stack.push(target);
          }
        }
        for (const [key, value] of Object.entries(node)) if (key !== "$ref") stack.push(value);
      }
    }
    return seen;
  };
  const paths = spec["paths"];
  if (!isJsonObject(paths)) return reach;
  for (const [path, item] of Object.entries(paths)) {
    if (!isJsonObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation === undefined) continue;
      for (const name of closure(operation)) {
        const plain = name.replace(/-(Input|Output)$/, "");
        if (!reach.has(plain)) reach.set(plain, new Set());
        reach.get(plain)!.add(`${method.toUpperCase()} ${path}`);
      }
    }
  }
  return reach;
}

function usersOf(type: string, users: Map<string, Set<string>>): string[] {
  return [...(users.get(type) ?? [])].sort();
}

/**
 * A difference seen from both the request and the response side is one breach, said as the
 * response rules say it (what a TS caller typed by the contract receives); a request-side change
 * stays only where no response rule saw that place.
 */
function dedupe(breaches: Breach[]): Breach[] {
  const place = (b: Breach) => `${b.subject}\0${b.location}`;
  const seenInResponse = new Set(breaches.filter((b) => b.rule.startsWith("response-")).map(place));
  const kept = new Set<string>();
  return breaches.filter((b) => {
    if (!b.rule.startsWith("response-") && seenInResponse.has(place(b))) return false;
    const key = `${place(b)}\0${b.rule}`;
    if (kept.has(key)) return false;
    kept.add(key);
    return true;
  });
}
