/**
 * The operations of a spec as plain data, in a fixed order (paths sorted, methods in
 * HTTP_METHODS order), so everything built from them is deterministic whatever order the
 * document lists them in. Only what the client needs is read; types come from types.gen.ts.
 */
import { HTTP_METHODS, isJsonObject, type HttpMethod, type Json, type JsonObject, type OpenApiDocument } from "../../spec/types.js";
import { codeUnitOrder } from "./identifiers.js";
import { isJsonMedia, isTextMedia } from "./media-types.js";
import { isDefaultSummary, operationNames, type OperationName } from "./naming.js";
import { isFetchOwnedHeader, singleHeaderValue } from "./header-lists.js";
import { resolve } from "./refs.js";
import { readRequirements, readSchemes, type SchemeModel } from "./security.js";
import { stringLiteral } from "../text.js";

export const PARAM_LOCATIONS = ["path", "query", "header", "cookie"] as const;
export type ParamLocation = (typeof PARAM_LOCATIONS)[number];

export interface MediaModel {
  mediaType: string;
  /** `schema`; absent when the spec gives none. */
  schema: Json | undefined;
  /** OpenAPI 3.2 `itemSchema` of a stream (FastAPI SSE and JSON Lines). */
  itemSchema: Json | undefined;
}

export interface ResponseModel {
  /** `200`, `4XX`, `default`. */
  status: string;
  content: MediaModel[];
}

export interface BodyModel extends MediaModel {
  required: boolean;
}

export interface OperationModel extends Omit<OperationName, "key"> {
  /** Unique in the client: the method name, or `group.method` when grouped by tag. */
  name: string;
  method: HttpMethod;
  path: string;
  operationId: string | undefined;
  tags: string[];
  /** Absent when it is only FastAPI's title-cased function name. */
  summary: string | undefined;
  description: string | undefined;
  deprecated: boolean;
  /** Per location, whether any parameter there is required; absent when the location has none. */
  params: Partial<Record<ParamLocation, { required: boolean }>>;
  /** Header parameters the spec declares as lists, typed as one value (see header-lists.ts). */
  listHeaders: string[];
  /** Header parameters fetch sets or refuses, left out of the request type (see header-lists.ts). */
  fetchOwnedHeaders: string[];
  body: BodyModel | undefined;
  responses: ResponseModel[];
  /** Security requirements the client can meet (security.ts), or `undefined` when it sends no credential. */
  security: string[][] | undefined;
}

/** Every operation of `spec`, named, in spec order. */
export function collectOperations(spec: OpenApiDocument, options: { groupByTag?: boolean } = {}): OperationModel[] {
  const paths = isJsonObject(spec["paths"]) ? spec["paths"] : {};
  const unnamed: Omit<OperationModel, "name" | "group" | "member">[] = [];
  const schemes = new Map(readSchemes(spec));
  for (const path of Object.keys(paths).sort(codeUnitOrder)) {
    const item = resolve(spec, paths[path]);
    if (!item) continue;
    for (const method of HTTP_METHODS) {
      const operation = resolve(spec, item[method]);
      if (operation) unnamed.push(readOperation(spec, path, method, item, operation, schemes));
    }
  }
  const names = operationNames(unnamed, { groupByTag: options.groupByTag === true });
  return unnamed.map((operation, index) => {
    const summary = operation.summary !== undefined && isDefaultSummary(operation.summary, operation) ? undefined : operation.summary;
    const name = names[index]!;
    return { name: name.key, ...name, ...operation, summary };
  });
}

function readOperation(spec: OpenApiDocument, path: string, method: HttpMethod, item: JsonObject, operation: JsonObject, schemes: ReadonlyMap<string, SchemeModel>): Omit<OperationModel, "name" | "group" | "member"> {
  return {
    method,
    path,
    operationId: stringOrUndefined(operation["operationId"]),
    tags: Array.isArray(operation["tags"]) ? operation["tags"].filter((tag) => typeof tag === "string") : [],
    summary: stringOrUndefined(operation["summary"]),
    description: stringOrUndefined(operation["description"]),
    deprecated: operation["deprecated"] === true,
    ...readParams(spec, item, operation),
    body: readBody(spec, operation["requestBody"]),
    responses: readResponses(spec, operation["responses"]),
    security: readRequirements(spec, operation, schemes),
  };
}

function readParams(spec: OpenApiDocument, item: JsonObject, operation: JsonObject): Pick<OperationModel, "params" | "listHeaders" | "fetchOwnedHeaders"> {
  // Operation parameters override path-item ones with the same name and location.
  const byKey = new Map<string, JsonObject>();
  for (const list of [item["parameters"], operation["parameters"]]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list) {
      const param = resolve(spec, entry);
      if (param && typeof param["name"] === "string" && typeof param["in"] === "string") byKey.set(`${param["in"]} ${param["name"]}`, param);
    }
  }
  const params: OperationModel["params"] = {};
  const listHeaders: string[] = [];
  const fetchOwnedHeaders: string[] = [];
  for (const param of byKey.values()) {
    const location = PARAM_LOCATIONS.find((candidate) => candidate === param["in"]);
    if (!location) continue;
    if (isFetchOwnedHeader(param)) {
      fetchOwnedHeaders.push(param["name"] as string);
      continue;
    }
    const required = location === "path" || param["required"] === true;
    params[location] = { required: (params[location]?.required ?? false) || required };
    if (singleHeaderValue(spec, param) !== undefined) listHeaders.push(param["name"] as string);
  }
  return { params, listHeaders: listHeaders.sort(codeUnitOrder), fetchOwnedHeaders: fetchOwnedHeaders.sort(codeUnitOrder) };
}

/** Body media types, most convenient first: JSON, multipart, form, text, then anything else. */
const BODY_PREFERENCE = [isJsonMedia, (m: string) => m === "multipart/form-data", (m: string) => m === "application/x-www-form-urlencoded", isTextMedia];

function readBody(spec: OpenApiDocument, value: Json | undefined): BodyModel | undefined {
  const body = resolve(spec, value);
  if (!body) return undefined;
  const media = readContent(spec, body["content"]);
  const rank = (m: MediaModel) => {
    const index = BODY_PREFERENCE.findIndex((test) => test(m.mediaType));
    return index === -1 ? BODY_PREFERENCE.length : index;
  };
  const chosen = [...media].sort((a, b) => rank(a) - rank(b))[0];
  return chosen && { ...chosen, required: body["required"] === true };
}

function readResponses(spec: OpenApiDocument, value: Json | undefined): ResponseModel[] {
  if (!isJsonObject(value)) return [];
  return Object.keys(value)
    .sort(codeUnitOrder)
    .map((status) => ({ status: status.toUpperCase() === "DEFAULT" ? "default" : status.toUpperCase(), content: readContent(spec, resolve(spec, value[status])?.["content"]) }));
}

function readContent(spec: OpenApiDocument, value: Json | undefined): MediaModel[] {
  if (!isJsonObject(value)) return [];
  return Object.keys(value)
    .sort(codeUnitOrder)
    .map((mediaType) => {
      const media = resolve(spec, value[mediaType]) ?? {};
      return { mediaType, schema: media["schema"], itemSchema: media["itemSchema"] };
    });
}

/** `paths["/items/{item_id}"]["get"]`: where types.gen.ts types the operation. */
export function operationType(operation: Pick<OperationModel, "path" | "method">): string {
  return `paths[${stringLiteral(operation.path)}][${stringLiteral(operation.method)}]`;
}

function stringOrUndefined(value: Json | undefined): string | undefined {
  return typeof value === "string" ? value : undefined;
}
