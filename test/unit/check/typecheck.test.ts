import { join } from "node:path";
import { expect, test } from "vitest";
import { ConsumerProject, newDiagnostics } from "../../../src/check/typecheck.js";
import { ConfigError } from "../../../src/errors.js";
import { tempTree } from "../../helpers/temp-tree.js";

const tsconfig = JSON.stringify({
  compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", noEmit: true, types: [] },
  include: ["src"],
});

test("an overlay of regenerated files reports the call sites it breaks, and only those", async () => {
  const dir = await tempTree({
    "tsconfig.json": tsconfig,
    "src/client/index.ts": "export interface Item { name: string; price: number }\n",
    "src/app.ts": [
      'import type { Item } from "./client/index.js";',
      "export const label = (item: Item) => item.name.toUpperCase();",
      "export const cost = (item: Item) => item.price * 2;",
      "export const alreadyBroken: number = 'x';",
      "",
    ].join("\n"),
  });
  const consumer = new ConsumerProject(join(dir, "tsconfig.json"));
  const before = consumer.check();
  expect(before.map((d) => d.code)).toEqual([2322]);

  const overlay = new Map([[join(dir, "src/client/index.ts"), "export interface Item { title: string; price: number }\n"]]);
  const after = consumer.check(overlay);
  const fresh = newDiagnostics(before, after);
  expect(fresh).toHaveLength(1);
  expect(fresh[0]).toMatchObject({
    file: join(dir, "src/app.ts"),
    line: 2,
    column: 43,
    code: 2339,
    source: "export const label = (item: Item) => item.name.toUpperCase();",
  });
  expect(fresh[0]!.message).toContain("Property 'name' does not exist on type 'Item'");

  // A deleted generated file breaks its importers.
  const deleted = newDiagnostics(before, consumer.check(new Map([[join(dir, "src/client/index.ts"), null]])));
  expect(deleted.map((d) => d.code)).toEqual([2307]);
  // And the project on disk is unchanged by all this.
  expect(newDiagnostics(before, consumer.check())).toEqual([]);
});

test("an unreadable tsconfig is a config error", async () => {
  const dir = await tempTree({ "tsconfig.json": "{ nope" });
  expect(() => new ConsumerProject(join(dir, "missing.json"))).toThrow(ConfigError);
});

test.each([
  ["not valid JSON", { "tsconfig.json": "{ nope" }, "TS1"],
  ["extending itself", { "tsconfig.json": JSON.stringify({ extends: "./base.json" }), "base.json": JSON.stringify({ extends: "./tsconfig.json" }) }, "(TS18000)"],
  ["extending a missing file", { "tsconfig.json": JSON.stringify({ extends: "./nope.json" }) }, "(TS5083)"],
])("a tsconfig %s is a config error naming it, not a check of no files", async (_name, files, code) => {
  const dir = await tempTree(files);
  const open = () => new ConsumerProject(join(dir, "tsconfig.json"), undefined, { analysis: true });
  expect(open).toThrow(ConfigError);
  expect(open).toThrow(`typecheck.tsconfig: ${join(dir, "tsconfig.json")} cannot be read`);
  expect(open).toThrow(code);
});

test("an option only another TypeScript knows is left to that compiler", async () => {
  const dir = await tempTree({ "tsconfig.json": JSON.stringify({ compilerOptions: { target: "es2099", someFutureOption: true }, files: [] }) });
  expect(() => new ConsumerProject(join(dir, "tsconfig.json"), undefined, { analysis: true })).not.toThrow();
});
