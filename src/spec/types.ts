/** A JSON value as parsed from an OpenAPI document. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type JsonObject = { [key: string]: Json };

/**
 * An OpenAPI 3.0 / 3.1 document as parsed JSON. Kept loose on purpose: FastAPI emits
 * keywords no typed model knows yet (`itemSchema` from OpenAPI 3.2 inside a 3.1 document).
 */
export interface OpenApiDocument extends JsonObject {
  openapi: string;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
