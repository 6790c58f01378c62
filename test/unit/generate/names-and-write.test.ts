import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { BANNER } from "../../../src/generate/index.js";
import { generateIndex } from "../../../src/generate/index-file.js";
import { modelAliasNames } from "../../../src/generate/model-names.js";
import { applyOutput, planOutput } from "../../../src/generate/write.js";
import { summarizeSpecChange } from "../../../src/diff/summary.js";

const withSchemas = (names: string[]) => ({
  openapi: "3.1.0",
  components: { schemas: Object.fromEntries(names.map((n) => [n, { type: "object" }])) },
});

test("model aliases are valid, readable, deterministic identifiers", () => {
  const names = modelAliasNames(withSchemas([
    "Item-Input", "Item-Output", "pkg__m1__User", "pkg__m2__User", "Page_Item_", "Body_upload_upload_post",
    "HTTPValidationError", "1st", "paths", "Paths", "__", "Ünïcödé", "User", "user",
  ]));
  expect(Object.fromEntries(names)).toEqual({
    "1st": "Schema1st",
    "Body_upload_upload_post": "BodyUploadUploadPost",
    "HTTPValidationError": "HTTPValidationError",
    "Item-Input": "ItemInput",
    "Item-Output": "ItemOutput",
    "Page_Item_": "PageItem",
    "Paths": "Paths",
    "User": "User",
    "__": "Schema",
    "paths": "Paths2",
    "pkg__m1__User": "PkgM1User",
    "pkg__m2__User": "PkgM2User",
    "user": "User2",
    "Ünïcödé": "Ünïcödé",
  });
});

test("index.ts re-exports the roots and aliases each schema with an escaped key", () => {
  const text = generateIndex(withSchemas(['Say "hi"', "Item"]) as never, { client: false });
  expect(text).toContain('export type { components, operations, paths } from "./types.gen.js";');
  expect(text).toContain('export type SayHi = components["schemas"]["Say \\"hi\\""];');
  expect(text).toContain('export type Item = components["schemas"]["Item"];');
});

test("planOutput writes only changed bytes and removes only stale generated files", async () => {
  const dir = await mkdtemp(join(tmpdir(), "sync-types-out-"));
  await writeFile(join(dir, "same.ts"), `${BANNER}\nsame\n`);
  await writeFile(join(dir, "old.gen.ts"), `${BANNER}\nold\n`);
  await writeFile(join(dir, "helpers.ts"), "// written by a human\n");
  const files = [
    { path: "same.ts", content: `${BANNER}\nsame\n` },
    { path: "new.gen.ts", content: `${BANNER}\nnew\n` },
  ];
  const plan = await planOutput(dir, files);
  expect(plan.unchanged).toEqual(["same.ts"]);
  expect(plan.write.map((f) => f.path)).toEqual(["new.gen.ts"]);
  expect(plan.remove).toEqual(["old.gen.ts"]);
  await applyOutput(dir, plan);
  expect((await readdir(dir)).sort()).toEqual(["helpers.ts", "new.gen.ts", "same.ts"]);
  expect(await readFile(join(dir, "new.gen.ts"), "utf8")).toBe(`${BANNER}\nnew\n`);
});

test("summarizeSpecChange counts operations changed through the schemas they reference", () => {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const response = (schema: object) => ({ responses: { "200": { content: { "application/json": { schema } } } } });
  const before = {
    openapi: "3.1.0",
    paths: { "/a": { get: response(ref("A")) }, "/b": { get: response(ref("B")) }, "/gone": { get: response({}) } },
    components: { schemas: { A: { properties: { inner: ref("Inner") } }, Inner: { type: "string" }, B: { type: "string" } } },
  };
  const after = {
    openapi: "3.1.0",
    paths: { "/a": { get: response(ref("A")) }, "/b": { get: response(ref("B")) }, "/new": { post: response({}) } },
    components: { schemas: { A: { properties: { inner: ref("Inner") } }, Inner: { type: "integer" }, B: { type: "string" } } },
  };
  expect(summarizeSpecChange(before, after)).toEqual({
    operations: { added: 1, removed: 1, changed: 1 },
    schemas: { added: 0, removed: 0, changed: 1 },
  });
});
