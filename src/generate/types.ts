import openapiTS, { astToString } from "openapi-typescript";
import type { OpenAPI3 } from "openapi-typescript";
import { createConfig, type Config } from "@redocly/openapi-core";
import type { OpenApiDocument } from "../spec/types.js";

/**
 * `types.gen.ts` body: `paths`, `components`, `operations` from openapi-typescript.
 * The document is already canonical (sorted), so the output is deterministic.
 */
export async function generateTypes(spec: OpenApiDocument): Promise<string> {
  const nodes = await openapiTS(spec as unknown as OpenAPI3, { silent: true, redocly: await noLintConfig() });
  return astToString(nodes);
}

let noLint: Promise<Config> | undefined;

/**
 * The spec was validated already (spec/validate.ts). openapi-typescript's own lint would
 * reject FastAPI's `itemSchema` and duplicate multi-method operationIds, and costs time twice.
 */
function noLintConfig(): Promise<Config> {
  noLint ??= createConfig({ extends: [], rules: {} });
  return noLint;
}
