import { createRequire } from "node:module";
import type { OpenAPI3, OpenAPITSOptions, transformSchema as TransformSchema, astToString as AstToString, scanDiscriminators as ScanDiscriminators, resolveRef as ResolveRef } from "openapi-typescript";
import type * as TypeScript from "typescript";
import { assertSafeRefs } from "../spec/refs.js";
import { withSafeKeys } from "../spec/safe-keys.js";
import { HTTP_METHODS, isJsonObject, type JsonObject, type OpenApiDocument } from "../spec/types.js";
import { typeHeadersAsSent } from "./client/header-lists.js";
import { blockCommentText } from "./text.js";

/**
 * openapi-typescript's transform and printer, required as CommonJS on first use: importing
 * `typescript` from ES modules costs twice as much start-up (format detection and export scanning
 * of a 9 MB file), and its package entry loads Redocly, which only its own lint and bundle pass
 * needs. On first use, not on import: the public entry re-exports this module.
 */
let loaded: { ts: typeof TypeScript; transformSchema: typeof TransformSchema; scanDiscriminators: typeof ScanDiscriminators; resolveRef: typeof ResolveRef; astToString: typeof AstToString } | undefined;

function openapiTypescript(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const utils = require("openapi-typescript/dist/lib/utils.cjs") as { scanDiscriminators: typeof ScanDiscriminators; resolveRef: typeof ResolveRef };
  loaded = {
    ts: require("typescript") as typeof TypeScript,
    transformSchema: require("openapi-typescript/dist/transform/index.cjs") as typeof TransformSchema,
    scanDiscriminators: utils.scanDiscriminators,
    resolveRef: utils.resolveRef,
    astToString: (require("openapi-typescript/dist/lib/ts.cjs") as { astToString: typeof AstToString }).astToString,
  };
  return loaded;
}

/**
 * `types.gen.ts` body: `paths`, `components`, `operations` from openapi-typescript.
 * The document is already canonical (sorted), so the output is deterministic.
 */
export async function generateTypes(spec: OpenApiDocument): Promise<string> {
  // openapi-typescript reads any file a `$ref` names, with no hook to stop it: checked here too.
  assertSafeRefs(spec, "spec");
  const safe = withSafeKeys(spec);
  // openapi-typescript writes its discriminator properties into the document it is given: a
  // copy keeps them out of the spec that is committed and handed to plugins.
  // A JSON round trip: the spec is JSON, and this copies it several times faster than structuredClone.
  const copy = (safe?.doc ?? JSON.parse(JSON.stringify(spec))) as OpenApiDocument;
  typeHeadersAsSent(copy);
  const nodes = transformDocument(withUniqueOperationIds(copy) as unknown as OpenAPI3);
  return openapiTypescript().astToString(safe === undefined ? nodes : restoreNames(nodes, safe.restore));
}

/**
 * The safe-key suffix taken out of openapi-typescript's nodes before they are printed: out of
 * identifiers, string literals (quoted keys, indexed access types) and doc comments. Never out
 * of printed text, which is escaped already; the comments are escaped again after, so that
 * escaping stays the last step. In place: openapi-typescript uses identifiers as type nodes
 * (`"a" | "b"`), which TypeScript's own visitors reject; these nodes are this call's own.
 */
function restoreNames(nodes: TypeScript.Node[], restore: (name: string) => string): TypeScript.Node[] {
  const { ts } = openapiTypescript();
  const comments = (list: TypeScript.SynthesizedComment[] | undefined) => list?.map((comment) => ({ ...comment, text: blockCommentText(restore(comment.text)) }));
  const visit = (node: TypeScript.Node): void => {
    if (ts.isIdentifier(node)) (node as { escapedText: TypeScript.__String }).escapedText = ts.escapeLeadingUnderscores(restore(node.text));
    else if (ts.isStringLiteral(node)) (node as { text: string }).text = restore(node.text);
    const leading = comments(ts.getSyntheticLeadingComments(node));
    const trailing = comments(ts.getSyntheticTrailingComments(node));
    if (leading) ts.setSyntheticLeadingComments(node, leading);
    if (trailing) ts.setSyntheticTrailingComments(node, trailing);
    ts.forEachChild(node, visit);
  };
  nodes.forEach(visit);
  return nodes;
}

/**
 * FastAPI gives every method of `api_route(methods=[...])` the same operationId; as keys of
 * `operations` they would collide (TS2300). Repeats lose their id in this copy, so openapi-typescript
 * types them inline under `paths`, which is where the client reads every operation from.
 */
function withUniqueOperationIds(spec: OpenApiDocument): OpenApiDocument {
  const paths = spec["paths"];
  if (!isJsonObject(paths)) return spec;
  const seen = new Set<string>();
  let copy: JsonObject | undefined;
  for (const [path, item] of Object.entries(paths)) {
    if (!isJsonObject(item)) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!isJsonObject(operation) || typeof operation["operationId"] !== "string") continue;
      if (!seen.has(operation["operationId"])) {
        seen.add(operation["operationId"]);
        continue;
      }
      copy ??= { ...paths };
      const { operationId: _repeated, ...rest } = operation;
      copy[path] = { ...(copy[path] as JsonObject), [method]: rest };
    }
  }
  return copy ? { ...spec, paths: copy } : spec;
}

/** These options, the rest at openapi-typescript's defaults. */
const OPTIONS = {
  silent: true,
  // A field with a default is optional to send; FastAPI does not list it as required either way.
  defaultNonNullable: false,
  // `{type: "object"}` is any object (FastAPI's `ValidationError.ctx`), not an empty one.
  emptyObjectsUnknown: true,
} satisfies OpenAPITSOptions;

/**
 * What `openapiTS(doc, OPTIONS)` returns, without its Redocly lint and bundle pass: the spec was
 * validated already (spec/validate.ts) and holds no external `$ref` (refs.ts), so that pass would
 * only walk and copy 2.7 MB twice on a 400-resource spec to hand back the same document. The
 * context is the one openapi-typescript 7.13 builds from these options.
 */
function transformDocument(schema: OpenAPI3): TypeScript.Node[] {
  const { transformSchema, scanDiscriminators, resolveRef } = openapiTypescript();
  return transformSchema(schema, {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: OPTIONS.defaultNonNullable,
    discriminators: scanDiscriminators(schema, OPTIONS),
    emptyObjectsUnknown: OPTIONS.emptyObjectsUnknown,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    transform: undefined,
    transformProperty: undefined,
    propertiesRequiredByDefault: false,
    // Read only by the lint and bundle pass skipped above.
    redoc: undefined as never,
    silent: OPTIONS.silent,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    resolve: ($ref: string) => resolveRef(schema, $ref, { silent: OPTIONS.silent }),
  } as Parameters<typeof TransformSchema>[1]);
}
