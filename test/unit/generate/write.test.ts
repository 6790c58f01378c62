import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { BANNER } from "../../../src/generate/index.js";
import { generateIndex } from "../../../src/generate/index-file.js";
import { applyOutput, planOutput } from "../../../src/generate/write.js";
import { summarizeSpecChange } from "../../../src/diff/summary.js";

test("index.ts re-exports the openapi-typescript roots and the client", () => {
  expect(generateIndex()).toBe('export type { components, operations, paths } from "./types.gen.js";\nexport * from "./client.gen.js";\n');
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
