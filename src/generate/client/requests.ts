/**
 * The argument of each client method: parameters grouped by location, as openapi-typescript
 * types them (`paths[path][method]["parameters"][location]`), and the body under a model name
 * where the spec names one, with files as `Blob`.
 */
import { isJsonMedia, isTextMedia } from "./media-types.js";
import { operationType, PARAM_LOCATIONS, type OperationModel, type ParamLocation } from "./operations.js";
import { componentKey } from "./refs.js";
import { hasFiles, inlineType, schemaType, type SchemaTypeContext } from "./schema-type.js";
import { stringLiteral } from "../text.js";

export interface RequestMember {
  name: ParamLocation | "body";
  optional: boolean;
  type: string;
  doc: string;
}

export interface RequestShape {
  members: RequestMember[];
  /** Content type the runtime encodes `body` as; absent without a body. */
  contentType: string | undefined;
}

const LOCATION_DOCS: Record<ParamLocation, string> = {
  path: "Path parameters, percent-encoded into the URL.",
  query: "Query parameters; arrays repeat the key, `undefined` and `null` are left out.",
  header: "Declared header parameters. Other headers go in `headers`.",
  cookie: "Sent as one `Cookie` header: works from servers and Node; browsers send their own cookies instead.",
};

const LIST_HEADERS_DOC =
  "A header the service reads as a list takes one value here: fetch joins repeated values into one `a, b` line, which FastAPI reads as a single item.";

export function requestShape(operation: OperationModel, uploads: SchemaTypeContext): RequestShape {
  const members: RequestMember[] = [];
  for (const location of PARAM_LOCATIONS) {
    const params = operation.params[location];
    if (!params) continue;
    const type = `${operationType(operation)}["parameters"][${stringLiteral(location)}]`;
    const doc = location === "header" && operation.listHeaders.length > 0 ? `${LOCATION_DOCS.header}\n\n${LIST_HEADERS_DOC}` : LOCATION_DOCS[location];
    members.push({ name: location, optional: !params.required, type, doc });
  }
  const body = operation.body;
  if (!body) return { members, contentType: undefined };
  members.push({ name: "body", optional: !body.required, type: bodyType(operation, uploads), doc: bodyDoc(body.mediaType) });
  return { members, contentType: body.mediaType };
}

function bodyType(operation: OperationModel, uploads: SchemaTypeContext): string {
  const body = operation.body!;
  const media = body.mediaType;
  if (isTextMedia(media)) return "string";
  const structured = isJsonMedia(media) || media === "multipart/form-data" || media === "application/x-www-form-urlencoded";
  if (!structured) return "Blob";
  const key = componentKey(body.schema);
  if (key !== undefined) return uploads.ref(key);
  // Inline multipart schemas are printed here, so that files are `Blob` rather than `string`.
  if (media === "multipart/form-data" && body.schema !== undefined && hasFiles(body.schema, uploads)) return schemaType(body.schema, uploads);
  const inline = body.schema === undefined ? undefined : inlineType(body.schema, { ...uploads, binary: "string" });
  if (inline !== undefined) return inline;
  const requestBody = body.required ? `${operationType(operation)}["requestBody"]` : `NonNullable<${operationType(operation)}["requestBody"]>`;
  return `${requestBody}["content"][${stringLiteral(media)}]`;
}

function bodyDoc(mediaType: string): string {
  if (mediaType === "multipart/form-data") return "Sent as `multipart/form-data`: `Blob`/`File` values as files, arrays as repeated fields.";
  if (mediaType === "application/x-www-form-urlencoded") return "Sent as `application/x-www-form-urlencoded`; arrays repeat the key.";
  if (isJsonMedia(mediaType)) return `Sent as \`${mediaType}\`.`;
  return `Sent as is, with \`Content-Type: ${mediaType}\`.`;
}
