import openapiTS from "openapi-typescript";
import type { OpenAPI3 } from "openapi-typescript";
import { createConfig } from "@redocly/openapi-core";
import { join, relative } from "node:path";
import { expect, test } from "vitest";
import { SpecError } from "../../../src/errors.js";
import { generateTypes } from "../../../src/generate/types.js";
import { canonicalizeSpec } from "../../../src/spec/canonical.js";
import { withoutNetwork } from "../../../src/spec/no-io.js";
import type { OpenApiDocument } from "../../../src/spec/types.js";
import { validateSpec } from "../../../src/spec/validate.js";
import { countingServer } from "../../helpers/counting-server.js";
import { tempTree } from "../../helpers/temp-tree.js";

/**
 * Each layer on its own must refuse a spec's external `$ref`s without a single request or file
 * read: the check every command runs first (canonicalizeSpec), and behind it Redocly's resolver
 * and openapi-typescript, as if the first layer had been bypassed.
 */
const MARKER = "TOP_SECRET_FILE_CONTENT";

async function hostileSpec() {
  const server = await countingServer();
  const dir = await tempTree({ "secret.json": JSON.stringify({ type: "object", properties: { [MARKER]: { type: "string" } } }) });
  const file = join(dir, "secret.json");
  const refs = { http: `${server.url}/schema.json`, absolute: file, relative: relative(process.cwd(), file) };
  const spec: OpenApiDocument = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/a": { get: { operationId: "a", responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Http" } } } } } } },
    },
    components: { schemas: { Http: { $ref: refs.http }, Absolute: { $ref: refs.absolute }, Relative: { $ref: refs.relative } } },
  };
  return { spec, server, refs };
}

test("the first check names each external $ref by pointer and value, before anything reads it", async () => {
  const { spec, server, refs } = await hostileSpec();
  const error = (() => {
    try {
      canonicalizeSpec(spec, "api");
    } catch (caught) {
      return caught;
    }
  })();
  expect(error).toBeInstanceOf(SpecError);
  expect((error as SpecError).exitCode).toBe(3);
  expect((error as SpecError).problems).toEqual([
    `#/components/schemas/Http/$ref: $ref ${JSON.stringify(refs.http)} points outside the spec; sync-types never reads files or URLs a spec names (external-ref)`,
    `#/components/schemas/Absolute/$ref: $ref ${JSON.stringify(refs.absolute)} points outside the spec; sync-types never reads files or URLs a spec names (external-ref)`,
    `#/components/schemas/Relative/$ref: $ref ${JSON.stringify(refs.relative)} points outside the spec; sync-types never reads files or URLs a spec names (external-ref)`,
  ]);
  expect(server.requests).toEqual([]);
});

test("Redocly's validation, given the spec directly, resolves nothing", async () => {
  const { spec, server } = await hostileSpec();
  const problems = await validateSpec(spec, JSON.stringify(spec), "api.openapi.json");
  const unresolved = problems.filter((p) => p.ruleId === "no-unresolved-refs").map((p) => p.pointer);
  expect(unresolved).toEqual(expect.arrayContaining(["#/components/schemas/Http", "#/components/schemas/Absolute", "#/components/schemas/Relative"]));
  expect(JSON.stringify(problems)).not.toContain(MARKER);
  expect(server.requests).toEqual([]);
});

test("type generation refuses the spec on its own", async () => {
  const { spec, server } = await hostileSpec();
  await expect(generateTypes(spec)).rejects.toBeInstanceOf(SpecError);
  expect(server.requests).toEqual([]);
});

test("openapi-typescript with the config sync-types gives it sends no request", async () => {
  const { spec, server } = await hostileSpec();
  const { Absolute: _a, Relative: _r, ...httpOnly } = (spec.components as { schemas: Record<string, unknown> }).schemas;
  const doc = { ...spec, components: { schemas: httpOnly } };
  const config = withoutNetwork(await createConfig({ extends: [], rules: {} }));
  await expect(openapiTS(doc as unknown as OpenAPI3, { silent: true, redocly: config })).rejects.toThrow(/does not resolve external \$ref/);
  expect(server.requests).toEqual([]);
});
