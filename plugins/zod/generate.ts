/**
 * `schemas.gen.ts` of one service:
 *
 *   spec ──► discriminators as openapi-typescript writes them ──► declaration order ──► one
 *            (its types and ours must agree)                      (lazy only in cycles)   const per model
 *        ──► per method and status, the schema of each response ──► createValidatingClient
 *
 * Each model's const is typed with its types.gen.ts type, so a schema that drifted from the
 * types is a compile error here rather than a wrong parse at run time. Names are the client's
 * (`Item` → `ItemSchema`).
 */
import { scanDiscriminators, type OpenAPI3 } from "openapi-typescript";
import { declarationOrder } from "./order.js";
import { ANY, printSchema, propertyKey, quotedKey, tagValues, type PrintContext } from "./schema.js";
import { responseSchemas } from "./validators.js";
import { NameRegistry, nameModels, RESERVED_TYPE_NAMES, collectOperations, stringLiteral, isJsonObject, type Json, type OpenApiDocument } from "../../src/codegen.js";

export function generateZodSchemas(spec: OpenApiDocument): string {
  const operations = collectOperations(spec);
  const names = nameModels(spec, operations, new NameRegistry(RESERVED_TYPE_NAMES));
  const schemas = componentSchemas(withDiscriminators(spec));
  const constName = (key: string) => `${names.get(key)}Schema`;

  const declared = new Set<string>();
  const tagged = new Set<string>();
  const context: PrintContext = {
    ref: (key) => (!Object.hasOwn(schemas, key) ? ANY : declared.has(key) ? constName(key) : `z.lazy(() => ${constName(key)})`),
    tagValues: (key, property) => (declared.has(key) ? tagValues(schemas[key], property) : undefined),
    tag: (key) => tagged.add(key),
    anyObject: false,
  };
  const models = declarationOrder(schemas).map((key) => {
    const expression = printSchema(schemas[key], context);
    declared.add(key);
    return { key, expression };
  });
  const validators = responseSchemas(operations).map(({ name, statuses }) => {
    const printed = statuses.map(([status, list]) => [status, unionOf(list.map((schema) => printSchema(schema, context, "    ")))] as const);
    // A body the spec leaves open (`{}`) has nothing to check.
    return { name, statuses: printed.filter(([, expression]) => expression !== "z.unknown()") };
  });

  const lines = [
    "// zod schemas of the models, typed with types.gen.ts, and a client that checks every response",
    "// against them. zod >= 4.3 must be installed where this file is compiled.",
    'import { z } from "zod";',
    'import { createClient, type Client, type ResponseContext } from "./client.gen.js";',
    ...(models.length > 0 ? ['import type { components } from "./types.gen.js";'] : []),
    "",
  ];
  if (context.anyObject) {
    lines.push(
      "/** Any JSON object: `{ \"type\": \"object\" }` with nothing more, which openapi-typescript types as `Record<string, never>`. */",
      "const anyObject = z.custom<Record<string, never>>((value) => typeof value === \"object\" && value !== null && !Array.isArray(value));",
      "",
    );
  }
  for (const { key, expression } of models) {
    const type = `z.ZodType<components["schemas"][${stringLiteral(key)}]>${tagged.has(key) ? " & z.core.$ZodTypeDiscriminable" : ""}`;
    lines.push(`export const ${constName(key)}: ${type} = ${expression};`, "");
  }
  lines.push("/** Per client method and declared status: the schema of its JSON body or stream item. */");
  lines.push("const responseValidators: Record<string, Record<string, z.ZodType>> = {");
  for (const { name, statuses } of validators.filter((validator) => validator.statuses.length > 0)) {
    lines.push(`  ${propertyKey(name)}: {`, ...statuses.map(([status, expression]) => `    ${quotedKey(status)}: ${expression},`), "  },");
  }
  lines.push("};", "", CLIENT);
  return lines.join("\n");
}

/** The spec as openapi-typescript types it: a discriminator's value written into each mapped schema, as a required enum. */
function withDiscriminators(spec: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(spec);
  scanDiscriminators(copy as unknown as OpenAPI3, { silent: true });
  return copy;
}

function componentSchemas(spec: OpenApiDocument): Record<string, Json> {
  const components = spec["components"];
  return isJsonObject(components) && isJsonObject(components["schemas"]) ? components["schemas"] : {};
}

/** One schema per media type of a status; several (JSON and problem+json, say) are a union. */
function unionOf(expressions: string[]): string {
  const unique = [...new Set(expressions)];
  return unique.length === 1 ? unique[0]! : `z.union([${unique.join(", ")}])`;
}

const CLIENT = `/** A response body or stream item that does not match the spec: the service drifted from its contract. */
export class ResponseValidationError extends Error {
  override readonly name: string = "ResponseValidationError";
  /** Client method, e.g. "readItem". */
  readonly operation: string;
  /** HTTP status of the response. */
  readonly status: number;
  /** What does not match, with its path in the body. */
  readonly issues: readonly z.core.$ZodIssue[];
  /** The body or stream item as received. */
  readonly body: unknown;

  constructor(context: ResponseContext, error: z.ZodError) {
    super(context.operation + ": the " + context.status + " response does not match the spec\\n" + z.prettifyError(error), { cause: error });
    this.operation = context.operation;
    this.status = context.status;
    this.issues = error.issues;
    this.body = context.body;
  }
}

/** A ClientOptions.validate that checks each body against the schema its method and status declare; what the spec leaves open passes as is. */
export function validateResponse(context: ResponseContext): unknown {
  const statuses = Object.hasOwn(responseValidators, context.operation) ? responseValidators[context.operation] : undefined;
  const schema = statuses?.[String(context.status)] ?? statuses?.[Math.floor(context.status / 100) + "XX"] ?? statuses?.["default"];
  if (schema === undefined) return context.body;
  const result = schema.safeParse(context.body);
  if (!result.success) throw new ResponseValidationError(context, result.error);
  return result.data;
}

/** {@link createClient}, with every JSON response and stream item checked: one that does not match the spec rejects the call with {@link ResponseValidationError}. */
// createClient's own options: its ClientOptions<ClientAuth> when the spec declares security schemes.
export function createValidatingClient(options: Omit<Parameters<typeof createClient>[0], "validate">): Client {
  return createClient({ ...options, validate: validateResponse });
}
`;
