/**
 * Readable export names for component schemas. FastAPI's own names are kept where they are
 * already good (`Item`, `HTTPValidationError`) and translated where they are artifacts:
 *
 * - `Item-Output` → `Item` (what responses hold), `Item-Input` → `ItemInput` (what requests take);
 * - `Body_upload_file_upload_post` → `UploadFileBody`, after the client method that sends it;
 * - `app__m1__User` / `app__m2__User` → `M1User` / `M2User`: the class name, with as many module
 *   segments in front as it takes to tell the clashing ones apart;
 * - anything else → PascalCase (`Page_Item_` → `PageItem`).
 *
 * Plain names are claimed before translated ones (so a real `Item` schema keeps `Item` over
 * `Item-Output`), each group in code-unit order of the schema key. A name the generated file
 * already uses gets `Model` appended; anything still taken is numbered (`User2`).
 */
import { isJsonObject, type OpenApiDocument } from "../../spec/types.js";
import { codeUnitOrder, NameRegistry, pascalCase } from "./identifiers.js";
import type { OperationModel } from "./operations.js";
import { typeNameBase } from "./naming.js";
import { componentKey } from "./refs.js";

/** Names the generated client declares, imports or uses from the standard library. */
export const RESERVED_TYPE_NAMES: readonly string[] = [
  "ApiError", "AsyncIterable", "Blob", "CallOptions", "AuthValue", "BasicCredentials", "Client", "ClientAuth", "ClientErrors", "ClientOptions", "FetchInit", "FetchLike",
  "HeaderMap", "NetworkError", "NonNullable", "Promise", "Record", "ResponseContext", "SecurityScheme", "SseCallOptions", "SseEvent", "SseStream",
  "StreamLimitError", "TimeoutError", "components", "createClient", "createTransport", "isApiError", "isDeclaredError", "paths",
  // Not used by the client, but a model shadowing them would confuse every file importing it.
  "Array", "Date", "Error", "File", "FormData", "Headers", "Map", "Object", "Request", "Response", "Set", "String",
];

const MODULE_QUALIFIED = /^[a-z_][a-z0-9_]*(?:__[a-z_][a-z0-9_]*)*__[A-Za-z][A-Za-z0-9]*$/;
const SPLIT = /^(.*)-(Input|Output)$/;

/** Export name per schema key; `registry` must already hold the reserved names. */
export function nameModels(spec: OpenApiDocument, operations: readonly OperationModel[], registry: NameRegistry): Map<string, string> {
  const components = spec["components"];
  const keys = isJsonObject(components) && isJsonObject(components["schemas"]) ? Object.keys(components["schemas"]).sort(codeUnitOrder) : [];
  const bodies = bodyOwners(operations);
  const qualified = qualifiedNames(keys.filter((key) => MODULE_QUALIFIED.test(key)));
  const wanted = new Map<string, string>();
  const translated = new Set<string>();
  for (const key of keys) {
    const split = SPLIT.exec(key);
    const owner = bodies.get(key);
    const name = owner !== undefined ? `${owner}Body` : split ? pascalCase(split[1]!) + (split[2] === "Input" ? "Input" : "") : qualified.get(key);
    if (name !== undefined) translated.add(key);
    wanted.set(key, name ?? pascalCase(key));
  }
  const plain = keys.filter((key) => !translated.has(key));
  const names = new Map<string, string>();
  for (const key of [...plain, ...translated]) names.set(key, registry.claim(typeName(wanted.get(key)!)));
  return new Map(keys.map((key) => [key, names.get(key)!]));
}

/** A valid type name for `wanted`, moved aside when the generated file already uses it. */
function typeName(wanted: string): string {
  const name = wanted === "" ? "Schema" : /^[0-9]/.test(wanted) ? `Schema${wanted}` : wanted;
  return RESERVED_TYPE_NAMES.includes(name) ? `${name}Model` : name;
}

/** `Body_*` schemas sent by exactly one operation → that operation's type name base (`UploadFile`). */
function bodyOwners(operations: readonly OperationModel[]): Map<string, string> {
  const owners = new Map<string, string[]>();
  for (const operation of operations) {
    const key = operation.body && componentKey(operation.body.schema);
    if (key?.startsWith("Body_")) owners.set(key, [...(owners.get(key) ?? []), typeNameBase(operation)]);
  }
  return new Map([...owners].filter(([, names]) => names.length === 1).map(([key, names]) => [key, names[0]!]));
}

/** `app__m1__User` → `M1User` when another module defines a `User` too, else `User`. */
function qualifiedNames(keys: readonly string[]): Map<string, string> {
  const byClass = new Map<string, string[][]>();
  for (const key of keys) {
    const segments = key.split("__");
    const last = segments.at(-1)!;
    byClass.set(last, [...(byClass.get(last) ?? []), segments]);
  }
  const names = new Map<string, string>();
  for (const group of byClass.values()) {
    const longest = Math.max(...group.map((segments) => segments.length));
    let depth = 1;
    const nameAt = (segments: string[]) => pascalCase(segments.slice(-depth).join("_"));
    while (depth < longest && new Set(group.map(nameAt)).size < group.length) depth++;
    for (const segments of group) names.set(segments.join("__"), nameAt(segments));
  }
  return names;
}
