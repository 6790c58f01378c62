// Typed overrides: compiled with the generated client and fakes under TypeScript 5 and 7 with
// the strict flags generated code must pass; every @ts-expect-error in the fixtures must be used.
import { copyFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { REPO_ROOT } from "../../../helpers/paths.js";
import type { OpenApiDocument } from "../../../../src/spec/types.js";
import { importGenerated, typecheck } from "../client/support.js";
import { loadSpec, SPECS, writeTsconfig, writeWithFakes, type FakeModule } from "./support.js";

test.each([
  ["estimation-api", "estimation-overrides.ts"],
  ["content-api", "content-overrides.ts"],
])("%s: wrong field types, enum values, error bodies and method names fail to compile; right ones compile (TS 5 and 7)", async (name, fixture) => {
  const { dir } = await writeWithFakes(`types-${name}`, await loadSpec(SPECS[name]!));
  await copyFile(join(REPO_ROOT, "test/fixtures/fakes", fixture), join(dir, fixture));
  const files = ["types.gen.ts", "runtime.gen.ts", "client.gen.ts", "fakes.gen.ts", fixture];
  const [dom, node] = await Promise.all([writeTsconfig(dir, files, "dom"), writeTsconfig(dir, files, "node", "tsconfig.node.json")]);
  expect(await Promise.all([typecheck("ts5", dom), typecheck("ts7", dom), typecheck("ts5", node)])).toEqual(["", "", ""]);
}, 120_000);

test.each([
  ["TypeScript 5", "ts5"],
  ["TypeScript 7", "ts7"],
] as const)("the example node-app's tests, written against its committed fakes, compile with %s", async (_name, compiler) => {
  expect(await typecheck(compiler, join(REPO_ROOT, "examples/node-app/tsconfig.test.json"))).toBe("");
}, 120_000);

test("groupByTag: overrides are keyed \"<group>.<method>\", typed from the grouped client, and answer its calls (TS 5 and 7)", async () => {
  const spec = await loadSpec(join(REPO_ROOT, "test/fixtures/full-stack-template/openapi.json"));
  const fixture = "grouped-overrides.ts";
  const source = await readFile(join(REPO_ROOT, "test/fixtures/fakes", fixture), "utf8");
  const { dir, sources } = await writeWithFakes("types-grouped", spec, { [fixture]: source }, { groupByTag: true });
  const tsconfig = await writeTsconfig(dir, ["types.gen.ts", "runtime.gen.ts", "client.gen.ts", "fakes.gen.ts", fixture], "dom");
  expect(await Promise.all([typecheck("ts5", tsconfig), typecheck("ts7", tsconfig)])).toEqual(["", ""]);
  const { calls } = await importGenerated<{ calls(): Promise<unknown> }>(dir, fixture, sources);
  expect(await calls()).toEqual({ overridden: ["ada@example.com", "Ada"], byDefault: "string" });
}, 120_000);

test("a spec without operations still gives a fakes.gen.ts that compiles strict-clean (TS 5 and 7) and answers 404", async () => {
  const spec = { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {} } as unknown as OpenApiDocument;
  const { dir, sources } = await writeWithFakes("types-empty", spec);
  const tsconfig = await writeTsconfig(dir, ["types.gen.ts", "runtime.gen.ts", "client.gen.ts", "fakes.gen.ts"], "dom");
  expect(await Promise.all([typecheck("ts5", tsconfig), typecheck("ts7", tsconfig)])).toEqual(["", ""]);
  const { createFakeFetch } = await importGenerated<FakeModule>(dir, "fakes.gen.ts", sources);
  expect((await createFakeFetch()("http://fake.invalid/anything")).status).toBe(404);
}, 120_000);
