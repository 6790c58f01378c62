import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { openConsumerCompiler, type ConsumerCompiler } from "../../../src/check/compiler/index.js";
import { newDiagnostics } from "../../../src/check/typecheck.js";
import { REPO_ROOT } from "../../helpers/paths.js";
import { tempTree } from "../../helpers/temp-tree.js";

// No `strict` key: each version's own default decides (off before 6.0, on since).
const TSCONFIG = JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", noEmit: true }, include: ["src"] });
const CLIENT = "export interface Quote { amount: number; label: string }\n";
const APP = [
  'import type { Quote } from "./client/index.js";',
  "// é: a non-ASCII comment before the call site, so columns count UTF-16 units as tsc's do",
  "export const price = (q: Quote): string => q.amount.toFixed(2);",
  "",
].join("\n");

const opened: ConsumerCompiler[] = [];
afterEach(() => opened.splice(0).forEach((c) => c.close()));

async function consumer(typescript: string | undefined) {
  const dir = await tempTree({ "tsconfig.json": TSCONFIG, "package.json": '{ "type": "module" }', "src/client/index.ts": CLIENT, "src/app.ts": APP });
  if (typescript) {
    await mkdir(join(dir, "node_modules"));
    await symlink(join(REPO_ROOT, "node_modules", typescript), join(dir, "node_modules/typescript"));
  }
  return dir;
}

test.each([
  ["typescript", "5.9.3", []],
  ["typescript6", "6.0.3", [18048]],
  ["typescript7", "7.0.2", [18048]],
])("a response field turned optional, judged by the consumer's own %s", async (pkg, version, codes) => {
  const dir = await consumer(pkg);
  const warnings: string[] = [];
  const compiler = await openConsumerCompiler(join(dir, "tsconfig.json"), (m) => warnings.push(m));
  opened.push(compiler);
  expect(compiler.typescript).toMatchObject({ version, source: "consumer" });
  expect(warnings).toEqual([]);
  const generated = (file: string) => file.startsWith(join(dir, "src/client/"));
  const before = compiler.check(new Map(), generated);
  expect(before).toEqual([]);
  const overlay = new Map([[join(dir, "src/client/index.ts"), "export interface Quote { amount?: number; label: string }\n"]]);
  const fresh = newDiagnostics(before, compiler.check(overlay, generated));
  expect(fresh.map((d) => d.code)).toEqual(codes);
  for (const d of fresh) {
    expect(d).toMatchObject({ file: join(dir, "src/app.ts"), line: 3, column: 44, source: "export const price = (q: Quote): string => q.amount.toFixed(2);" });
    expect(d.message).toContain("'q.amount' is possibly 'undefined'");
  }
  // A deleted generated file breaks its importer, and the disk is back as it was afterwards.
  expect(newDiagnostics(before, compiler.check(new Map([[join(dir, "src/client/index.ts"), null]]), generated)).map((d) => d.code)).toEqual([2307]);
  expect(compiler.check(new Map(), generated)).toEqual([]);
});

test.each(["typescript", "typescript6", "typescript7"])("a regenerated client moving a type to a new file in a new folder (%s)", async (pkg) => {
  const dir = await consumer(pkg);
  const compiler = await openConsumerCompiler(join(dir, "tsconfig.json"), () => undefined);
  opened.push(compiler);
  const generated = (file: string) => file.startsWith(join(dir, "src/client/"));
  const overlay = new Map([
    [join(dir, "src/client/index.ts"), 'export type { Quote } from "./models/quote.js";\n'],
    [join(dir, "src/client/models/quote.ts"), "export interface Quote { amount: string; label: string }\n"],
  ]);
  // "Property 'toFixed' does not exist on type 'string'. Did you mean 'fixed'?"
  expect(compiler.check(overlay, generated).map((d) => `${d.line}:${d.code}`)).toEqual(["3:2551"]);
  expect(compiler.check(new Map(), generated)).toEqual([]);
});

test("a consumer without TypeScript: the bundled compiler, said once", async () => {
  const dir = await consumer(undefined);
  const warnings: string[] = [];
  const compiler = await openConsumerCompiler(join(dir, "tsconfig.json"), (m) => warnings.push(m));
  opened.push(compiler);
  expect(compiler.typescript.source).toBe("bundled");
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain(`no typescript found from ${dir}`);
  expect(warnings[0]).toContain("bundled TypeScript 5.9.3");
});
