/**
 * Everything client.gen.ts declares, decided before any text is printed: per operation its
 * request type, return type and runtime call; per schema its export name and type.
 */
import { isJsonObject, type Json, type OpenApiDocument } from "../../spec/types.js";
import type { NameRegistry } from "./identifiers.js";
import { typeNameBase } from "./naming.js";
import type { OperationModel } from "./operations.js";
import { componentKey } from "./refs.js";
import { requestShape, type RequestShape } from "./requests.js";
import { blobStatuses, errorShapes, successType, type ErrorShape } from "./responses.js";
import { hasFiles, schemaType, type SchemaTypeContext } from "./schema-type.js";
import { readSchemes, type SchemeModel } from "./security.js";
import { streamShape, type ConfiguredStream, type SseData } from "./streams.js";
import { stringLiteral } from "../text.js";

export interface OperationPlan {
  operation: OperationModel;
  /** Name of the request interface, or `undefined` when the call options are all it takes. */
  requestName: string | undefined;
  request: RequestShape;
  /** Runtime options interface the request extends. */
  options: "CallOptions" | "SseCallOptions";
  /** Whether the argument may be left out (nothing in it is required). */
  optional: boolean;
  returnType: string;
  /** Alias declared for a success type too long to read inline (`CreateItemResponse`). */
  response: { name: string; type: string } | undefined;
  /** Transport method and, for SSE, how `data` is read. */
  transport: { method: "call" } | { method: "sse"; data: SseData } | { method: "jsonLines" } | { method: "stream" };
  errors: ErrorShape[];
  /** Success statuses the runtime reads as a `Blob` (declared without content). */
  blob: string[];
}

export interface ModelPlan {
  /** Schema key in the spec. */
  key: string;
  name: string;
  type: string;
  description: string | undefined;
  deprecated: boolean;
}

export interface ClientPlan {
  operations: OperationPlan[];
  models: ModelPlan[];
  /** json-schema-to-typescript declarations for configured stream items. */
  streamSources: string[];
  /** The security schemes a client takes credentials for (`auth`), by name. */
  schemes: Array<[string, SchemeModel]>;
}

export function planClient(
  spec: OpenApiDocument,
  operations: readonly OperationModel[],
  modelNames: ReadonlyMap<string, string>,
  streams: ReadonlyMap<string, ConfiguredStream>,
  registry: NameRegistry,
): ClientPlan {
  // A `$ref` to a schema the spec lacks is left untyped rather than breaking compilation.
  const models: SchemaTypeContext = { ref: (key) => modelNames.get(key) ?? "unknown", binary: "string" };
  const uploads: SchemaTypeContext = { ...models, binary: "Blob" };
  const planned = operations.map((operation) => planOperation(operation, models, uploads, streams.get(operation.name), registry));
  return {
    operations: planned,
    models: planModels(spec, modelNames, planned, uploads),
    streamSources: [...streams.values()].map((stream) => stream.source),
    schemes: readSchemes(spec),
  };
}

function planOperation(
  operation: OperationModel,
  models: SchemaTypeContext,
  uploads: SchemaTypeContext,
  configured: ConfiguredStream | undefined,
  registry: NameRegistry,
): OperationPlan {
  const request = requestShape(operation, uploads);
  const stream = streamShape(operation, models, configured);
  const options = stream && stream.kind !== "jsonl" ? "SseCallOptions" : "CallOptions";
  const requestName = request.members.length > 0 ? registry.claim(`${typeNameBase(operation)}Request`) : undefined;
  const optional = request.members.every((member) => member.optional);
  const common: Omit<OperationPlan, "returnType" | "transport" | "blob"> = { operation, requestName, request, options, optional, response: undefined, errors: errorShapes(operation, models) };
  if (stream?.kind === "sse") return { ...common, blob: [], returnType: `SseStream<${stream.item}>`, transport: { method: "sse", data: stream.data } };
  if (stream?.kind === "jsonl") return { ...common, blob: [], returnType: `AsyncIterable<${stream.item}>`, transport: { method: "jsonLines" } };
  if (stream?.kind === "auto") return { ...common, blob: [], returnType: `SseStream<${stream.item}>`, transport: { method: "stream" } };
  const success = successType(operation, models);
  const blob = blobStatuses(operation);
  // Only an indexed access into types.gen.ts is worth a name; `Cat | Dog` reads fine inline.
  if (!success.includes("paths[")) return { ...common, blob, returnType: `Promise<${success}>`, transport: { method: "call" } };
  const response = { name: registry.claim(`${typeNameBase(operation)}Response`), type: success };
  return { ...common, blob, response, returnType: `Promise<${response.name}>`, transport: { method: "call" } };
}

function planModels(spec: OpenApiDocument, names: ReadonlyMap<string, string>, operations: readonly OperationPlan[], uploads: SchemaTypeContext): ModelPlan[] {
  const components = spec["components"];
  const schemas = isJsonObject(components) && isJsonObject(components["schemas"]) ? components["schemas"] : {};
  // Multipart bodies are printed with files as Blob; openapi-typescript would say `string`.
  const multipart = new Set(
    operations.filter((plan) => plan.request.contentType === "multipart/form-data").map((plan) => componentKey(plan.operation.body?.schema)),
  );
  return [...names].map(([key, name]) => {
    const schema: Json | undefined = schemas[key];
    const reference = `components["schemas"][${stringLiteral(key)}]`;
    const printed = multipart.has(key) && schema !== undefined && hasFiles(schema, uploads) ? schemaType(schema, uploads) : reference;
    const object = isJsonObject(schema) ? schema : {};
    return {
      key,
      name,
      type: printed,
      description: typeof object["description"] === "string" ? object["description"] : undefined,
      deprecated: object["deprecated"] === true,
    };
  });
}
