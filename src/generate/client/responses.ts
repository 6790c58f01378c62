/**
 * What a client method resolves with and what it rejects with. Bodies are typed by media
 * type, the way the runtime reads them: JSON parsed (named model or types.gen.ts type),
 * `text/*` and XML as `string`, anything else as `Blob`, no content as `void`.
 */
import { isJsonMedia, isTextMedia } from "./media-types.js";
import { operationType, type MediaModel, type OperationModel, type ResponseModel } from "./operations.js";
import { inlineType, type SchemaTypeContext } from "./schema-type.js";
import { stringLiteral } from "../text.js";

export interface ErrorShape {
  /** `404`, `4XX` or `default`, as declared. */
  status: string;
  /** `ApiError` status type: the literal for a single status, `number` for ranges and `default`. */
  statusType: string;
  body: string;
}

/** Statuses whose responses never have a body. */
const EMPTY_STATUSES = new Set(["204", "205", "304"]);

function isSuccess(response: ResponseModel): boolean {
  return response.status.startsWith("2");
}

/** Success responses; `default` stands in when no 2xx is declared. */
export function successResponses(operation: OperationModel): ResponseModel[] {
  const success = operation.responses.filter(isSuccess);
  return success.length > 0 ? success : operation.responses.filter((response) => response.status === "default");
}

/** The resolved type of a non-streaming call: the union over its success responses. */
export function successType(operation: OperationModel, models: SchemaTypeContext): string {
  const types = successResponses(operation).flatMap((response) => bodyTypes(operation, response, models, "void"));
  return unionOf(types.length > 0 ? types : ["void"]);
}

/** Declared error responses (all but 2xx), each with its `ApiError` status and body type. */
export function errorShapes(operation: OperationModel, models: SchemaTypeContext): ErrorShape[] {
  const hasSuccess = operation.responses.some(isSuccess);
  return operation.responses
    .filter((response) => !isSuccess(response) && (hasSuccess || response.status !== "default"))
    .map((response) => ({
      status: response.status,
      statusType: /^\d{3}$/.test(response.status) ? response.status : "number",
      // An error without declared content may still carry one, FastAPI's `{"detail": …}` included.
      body: unionOf(bodyTypes(operation, response, models, "unknown")),
    }));
}

function bodyTypes(operation: OperationModel, response: ResponseModel, models: SchemaTypeContext, empty: string): string[] {
  if (response.content.length === 0 || EMPTY_STATUSES.has(response.status)) return [empty];
  return response.content.map((media) => mediaType(operation, response, media, models));
}

function mediaType(operation: OperationModel, response: ResponseModel, media: MediaModel, models: SchemaTypeContext): string {
  if (isTextMedia(media.mediaType)) return "string";
  if (!isJsonMedia(media.mediaType)) return "Blob";
  const inline = media.schema === undefined ? "unknown" : inlineType(media.schema, models);
  if (inline !== undefined) return inline;
  const status = /^\d+$/.test(response.status) ? response.status : stringLiteral(response.status);
  return `${operationType(operation)}["responses"][${status}]["content"][${stringLiteral(media.mediaType)}]`;
}

/** `A | B` without repeats; `unknown` absorbs everything. */
function unionOf(types: readonly string[]): string {
  const unique = [...new Set(types)];
  return unique.includes("unknown") ? "unknown" : unique.join(" | ");
}
