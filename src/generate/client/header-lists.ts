/**
 * Header parameters typed as fetch really sends them, in types.gen.ts and so in the client, with
 * a warning that says why:
 * - FastAPI reads a list header (`list[str]`, `type: array`) from every value, but fetch joins
 *   the values of a repeated header into one `a, b` line, which FastAPI then reads as a single
 *   item: a client can only ever send one value. Such a header is typed as one item.
 * - Some headers fetch owns: it sets `Host` from the URL (a given value is ignored), and Node's
 *   fetch refuses `Connection`, `Content-Length`, `Transfer-Encoding`, `Keep-Alive`, `Upgrade`
 *   and `Expect` (browsers drop them). A parameter of that name (FastAPI's header-model tutorial
 *   declares `host`) is left out: the server gets fetch's value whatever the caller says.
 */
import { HTTP_METHODS, isJsonObject, type Json, type JsonObject, type OpenApiDocument } from "../../spec/types.js";
import { resolve } from "./refs.js";

/**
 * The schema of one value of a list header: the array's item schema, through `anyOf`/`oneOf`
 * (`list[str] | None`); `undefined` when the parameter is not a list.
 */
export function singleHeaderValue(spec: OpenApiDocument, param: JsonObject): Json | undefined {
  if (param["in"] !== "header") return undefined;
  return itemSchema(spec, param["schema"], 0);
}

function itemSchema(spec: OpenApiDocument, schema: Json | undefined, depth: number): Json | undefined {
  const resolved = depth > 8 ? undefined : resolve(spec, schema);
  if (!resolved) return undefined;
  if (resolved["type"] === "array") return resolved["items"] ?? {};
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const members = resolved[keyword];
    if (!Array.isArray(members)) continue;
    const items = members.map((member) => itemSchema(spec, member, depth + 1));
    if (items.some((item) => item !== undefined)) return { ...resolved, [keyword]: members.map((member, index) => items[index] ?? member) };
  }
  return undefined;
}

const FETCH_OWNED_HEADERS = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive", "upgrade", "expect"]);

/** Whether `param` is a header parameter whose value fetch sets or refuses (see above). */
export function isFetchOwnedHeader(param: JsonObject): boolean {
  return param["in"] === "header" && typeof param["name"] === "string" && FETCH_OWNED_HEADERS.has(param["name"].toLowerCase());
}

/** Types each header of `spec` as fetch sends it, in place: for the copy openapi-typescript is given. */
export function typeHeadersAsSent(spec: OpenApiDocument): void {
  const rewrite = (list: Json | undefined): void => {
    if (!Array.isArray(list)) return;
    for (let index = list.length - 1; index >= 0; index--) {
      const entry = list[index];
      const param = resolve(spec, entry);
      if (param && isFetchOwnedHeader(param)) list.splice(index, 1);
      else if (isJsonObject(entry)) rewriteParam(entry);
    }
  };
  const rewriteParam = (param: JsonObject): void => {
    const single = singleHeaderValue(spec, param);
    if (single !== undefined) param["schema"] = single;
  };
  const paths = isJsonObject(spec["paths"]) ? spec["paths"] : {};
  for (const item of Object.values(paths)) {
    if (!isJsonObject(item)) continue;
    rewrite(item["parameters"]);
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (isJsonObject(operation)) rewrite(operation["parameters"]);
    }
  }
  const components = spec["components"];
  const parameters = isJsonObject(components) && isJsonObject(components["parameters"]) ? components["parameters"] : {};
  for (const param of Object.values(parameters)) if (isJsonObject(param)) rewriteParam(param);
}

/** The warning for a header parameter fetch owns, given once per parameter by generateClient. */
export function fetchOwnedHeaderWarning(route: string, name: string): string {
  return (
    `${route}: header parameter "${name}" cannot be sent with fetch, which sets Host from the URL and refuses Connection, Content-Length,` +
    " Transfer-Encoding, Keep-Alive, Upgrade and Expect; it is left out of the client's request type, and the service gets fetch's own value."
  );
}

/** The warning for a list header of an operation, given once per parameter by generateClient. */
export function listHeaderWarning(route: string, name: string): string {
  return (
    `${route}: header parameter "${name}" is a list, but fetch joins repeated header values into one "a, b" line, which FastAPI reads as a single item;` +
    " the client sends one value (typed as one item). To send several, split a comma-separated value in the service, or make it a query parameter."
  );
}
