/**
 * The typed client of one service, from its canonical spec:
 *
 *   spec ──► operations (named) ──► model names ──► stream item types ──► plan ──► ts-morph print
 *
 * `client.gen.ts` holds what is specific to the service and types against types.gen.ts;
 * `runtime.gen.ts` is the same for every service (fetch wrapper, errors, SSE/JSON Lines): a copy
 * of runtime/runtime.ts beside each client, or one shared by all (`sharedRuntime`).
 */
import type { JSONSchema } from "json-schema-to-typescript";
import type { GeneratedFile } from "../file.js";
import type { OpenApiDocument } from "../../spec/types.js";
import { emitClient } from "./emit.js";
import { fetchOwnedHeaderWarning, listHeaderWarning } from "./header-lists.js";
import { NameRegistry } from "./identifiers.js";
import { nameModels, RESERVED_TYPE_NAMES } from "./models.js";
import { collectOperations } from "./operations.js";
import { planClient } from "./plan.js";
import { RUNTIME_MODULE, RUNTIME_OUTPUT, runtimeSource } from "./runtime-source.js";
import { configuredStreams } from "./streams.js";

export interface GenerateClientOptions {
  /**
   * Item types of streams the spec leaves untyped (sse-starlette, `StreamingResponse`): JSON
   * Schema (a Pydantic model's `model_json_schema()`) per operationId or `"METHOD /path"`.
   * Default: none.
   */
  streamTypes?: Record<string, JSONSchema> | undefined;
  /** Methods of operations tagged `users` become `client.users.createUser()` (first tag only). Default `false`: every method on the client. */
  groupByTag?: boolean | undefined;
  /** Called once per spec shape the client cannot send as declared (a list header parameter). Default: none. */
  warn?: ((message: string) => void) | undefined;
  /**
   * Module specifier of a runtime shared by several clients (e.g. `"../runtime/runtime.gen.js"`),
   * which the client imports instead of a `runtime.gen.ts` of its own. Default: none, the runtime
   * is generated beside the client.
   */
  sharedRuntime?: string | undefined;
}

/** `client.gen.ts` and (unless shared) `runtime.gen.ts`, without banner, byte-deterministic for a given spec and options. */
export async function generateClient(spec: OpenApiDocument, options: GenerateClientOptions = {}): Promise<GeneratedFile[]> {
  const operations = collectOperations(spec, { groupByTag: options.groupByTag === true });
  for (const operation of operations) {
    const route = `${operation.method.toUpperCase()} ${operation.path}`;
    for (const name of operation.listHeaders) options.warn?.(listHeaderWarning(route, name));
    for (const name of operation.fetchOwnedHeaders) options.warn?.(fetchOwnedHeaderWarning(route, name));
  }
  const registry = new NameRegistry(RESERVED_TYPE_NAMES);
  const modelNames = nameModels(spec, operations, registry);
  const streams = await configuredStreams(options.streamTypes ?? {}, operations, registry);
  const plan = planClient(spec, operations, modelNames, streams, registry);
  const client = { path: "client.gen.ts", content: emitClient(plan, options.sharedRuntime ?? `./${RUNTIME_MODULE}`) };
  return options.sharedRuntime === undefined ? [client, { path: RUNTIME_OUTPUT, content: runtimeSource() }] : [client];
}
