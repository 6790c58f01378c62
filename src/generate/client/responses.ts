/**
 * What a client method resolves with and what it rejects with. Bodies are typed by media
 * type, the way the runtime reads them: JSON parsed (named model or types.gen.ts type),
 * `text/*` and XML as `string`, anything else as `Blob`. A success the spec gives no content
 * (FastAPI's `FileResponse`, `StreamingResponse` and `Response` routes) is read as a `Blob`
 * whatever its Content-Type; 204, 205, 304 and HEAD have no body (`void`). A redirect fetch
 * follows resolves with whatever its target returns (`unknown`).
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

/** Redirects fetch follows by default (`redirect: "follow"`); 300, 304 and 305 it hands back as they are. */
const FOLLOWED_STATUSES = new Set(["301", "302", "303", "307", "308", "3XX"]);

function isSuccess(response: ResponseModel): boolean {
  return response.status.startsWith("2");
}

/** Success responses; `default` stands in when no 2xx is declared. */
export function successResponses(operation: OperationModel): ResponseModel[] {
  const success = operation.responses.filter(isSuccess);
  return success.length > 0 ? success : operation.responses.filter((response) => response.status === "default");
}

/**
 * Success statuses the spec gives no content: the runtime reads their body as a `Blob`, whatever
 * its Content-Type. Exact statuses only: a range or `default` could shadow an exact status that
 * declares content, so their bodies are read by Content-Type and typed `unknown`.
 */
export function blobStatuses(operation: OperationModel): string[] {
  if (operation.method === "head") return [];
  return successResponses(operation)
    .filter((response) => isBlob(response))
    .map((response) => response.status);
}

function isBlob(response: ResponseModel): boolean {
  return response.content.length === 0 && /^\d{3}$/.test(response.status) && !EMPTY_STATUSES.has(response.status);
}

/** The resolved type of a non-streaming call: the union over its success responses and the redirects fetch follows. */
export function successType(operation: OperationModel, models: SchemaTypeContext): string {
  if (operation.method === "head") return "void";
  const types = successResponses(operation).flatMap((response) => (isBlob(response) ? ["Blob"] : bodyTypes(operation, response, models, "void", "unknown")));
  // The spec does not say what a redirect's target returns; the runtime reads it by its Content-Type.
  if (operation.responses.some((response) => FOLLOWED_STATUSES.has(response.status))) types.push("unknown");
  return unionOf(types.length > 0 ? types : ["void"]);
}

/** Declared error responses (all but 2xx and the redirects fetch follows), each with its `ApiError` status and body type. */
export function errorShapes(operation: OperationModel, models: SchemaTypeContext): ErrorShape[] {
  const hasSuccess = operation.responses.some(isSuccess);
  return operation.responses
    .filter((response) => !isSuccess(response) && !FOLLOWED_STATUSES.has(response.status) && (hasSuccess || response.status !== "default"))
    .map((response) => ({
      status: response.status,
      statusType: /^\d{3}$/.test(response.status) ? response.status : "number",
      // An error without declared content may still carry one, FastAPI's `{"detail": …}` included.
      body: unionOf(bodyTypes(operation, response, models, "undefined", "unknown")),
    }));
}

/** `empty` for a status without a body, `undeclared` for a response without content (a range or `default` on success, read by Content-Type). */
function bodyTypes(operation: OperationModel, response: ResponseModel, models: SchemaTypeContext, empty: string, undeclared: string): string[] {
  if (EMPTY_STATUSES.has(response.status)) return [empty];
  if (response.content.length === 0) return [undeclared];
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
