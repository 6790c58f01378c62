// Typed overrides: compiled with the generated client and fakes under TypeScript 5 and 7 with
// the strict flags generated code must pass; every @ts-expect-error in the fixtures must be used.
import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { REPO_ROOT } from "../../../helpers/paths.js";
import { typecheck } from "../client/support.js";
import { loadSpec, SPECS, writeTsconfig, writeWithFakes } from "./support.js";

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
