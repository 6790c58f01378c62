import openapiTS, { astToString } from "openapi-typescript";
import type { OpenAPI3 } from "openapi-typescript";
import { createConfig, type Config } from "@redocly/openapi-core";
import ts from "typescript";
import { withoutNetwork } from "../spec/no-io.js";
import { assertSafeRefs } from "../spec/refs.js";
import { withSafeKeys } from "../spec/safe-keys.js";
import { HTTP_METHODS, isJsonObject, type JsonObject, type OpenApiDocument } from "../spec/types.js";
import { typeHeadersAsSent } from "./client/header-lists.js";
import { blockCommentText } from "./text.js";

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
  const copy = (safe?.doc ?? structuredClone(spec)) as OpenApiDocument;
  typeHeadersAsSent(copy);
  const nodes = await openapiTS(withUniqueOperationIds(copy) as unknown as OpenAPI3, {
    silent: true,
    redocly: await noLintConfig(),
    // A field with a default is optional to send; FastAPI does not list it as required either way.
    defaultNonNullable: false,
    // `{type: "object"}` is any object (FastAPI's `ValidationError.ctx`), not an empty one.
    emptyObjectsUnknown: true,
  });
  return astToString(safe === undefined ? nodes : restoreNames(nodes, safe.restore));
}

/**
 * The safe-key suffix taken out of openapi-typescript's nodes before they are printed: out of
 * identifiers, string literals (quoted keys, indexed access types) and doc comments. Never out
 * of printed text, which is escaped already; the comments are escaped again after, so that
 * escaping stays the last step. In place: openapi-typescript uses identifiers as type nodes
 * (`"a" | "b"`), which TypeScript's own visitors reject; these nodes are this call's own.
 */
function restoreNames(nodes: ts.Node[], restore: (name: string) => string): ts.Node[] {
  const comments = (list: ts.SynthesizedComment[] | undefined) => list?.map((comment) => ({ ...comment, text: blockCommentText(restore(comment.text)) }));
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) (node as { escapedText: ts.__String }).escapedText = ts.escapeLeadingUnderscores(restore(node.text));
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

let noLint: Promise<Config> | undefined;

/**
 * The spec was validated already (spec/validate.ts). openapi-typescript's own lint would
 * reject FastAPI's `itemSchema` and duplicate multi-method operationIds, and costs time twice.
 */
function noLintConfig(): Promise<Config> {
  noLint ??= createConfig({ extends: [], rules: {} }).then(withoutNetwork);
  return noLint;
}
