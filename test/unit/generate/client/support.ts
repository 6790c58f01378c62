import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, expect } from "vitest";
import { generateClient, type GenerateClientOptions } from "../../../../src/generate/client/index.js";
import { generateTypes } from "../../../../src/generate/types.js";
import type { OpenApiDocument } from "../../../../src/spec/types.js";
import { CONTENT_PYTHON, REPO_ROOT } from "../../../helpers/paths.js";

export const KITCHEN_SINK = join(REPO_ROOT, "test/fixtures/kitchen-sink");
/** The venv the kitchen-sink app runs in; tests needing Python skip without it. */
export const PYTHON = CONTENT_PYTHON;
export const HAS_PYTHON = existsSync(PYTHON);

export async function kitchenSinkSpec(): Promise<OpenApiDocument> {
  return JSON.parse(await readFile(join(KITCHEN_SINK, "openapi.json"), "utf8")) as OpenApiDocument;
}

/** A temp folder removed after the test file. */
export async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `sync-types-${prefix}-`));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** types.gen.ts, client.gen.ts and runtime.gen.ts for `spec` in `dir`, as an ES module package. */
export async function writeGenerated(dir: string, spec: OpenApiDocument, options?: GenerateClientOptions): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, "package.json"), '{ "type": "module" }\n');
  await writeFile(join(dir, "types.gen.ts"), await generateTypes(spec));
  for (const file of await generateClient(spec, options)) await writeFile(join(dir, file.path), file.content);
}

/** The compiler flags the generated files must pass, plus the unused-code checks users often add. */
const STRICT_FLAGS = {
  target: "ES2022",
  module: "NodeNext",
  moduleResolution: "NodeNext",
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
  isolatedDeclarations: true,
  declaration: true,
  noImplicitOverride: true,
  erasableSyntaxOnly: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noEmit: true,
  skipLibCheck: true,
};

/** Browser-style globals (DOM lib), or Node's (`@types/node`, no DOM): the generated code needs only what both have. */
export type Globals = "dom" | "node";

export async function writeTsconfig(dir: string, files: string[], globals: Globals, name = "tsconfig.json"): Promise<string> {
  const lib = globals === "dom" ? { lib: ["ES2022", "DOM"], types: [] } : { lib: ["ES2022"], types: ["node"], typeRoots: [join(REPO_ROOT, "node_modules/@types")] };
  const path = join(dir, name);
  await writeFile(path, JSON.stringify({ compilerOptions: { ...STRICT_FLAGS, ...lib }, files }, null, 2));
  return path;
}

export type Compiler = "ts5" | "ts7";
const COMPILERS: Record<Compiler, string[]> = {
  ts5: [process.execPath, join(REPO_ROOT, "node_modules/typescript/bin/tsc")],
  ts7: [join(REPO_ROOT, "node_modules/typescript7/bin/tsc")],
};

/** Runs `tsc -p project`; resolves with its first diagnostics ("" when it compiles), few enough to diff. */
export function typecheck(compiler: Compiler, project: string): Promise<string> {
  const [command, ...args] = COMPILERS[compiler];
  return new Promise((resolve) => {
    execFile(command!, [...args, "-p", project, "--pretty", "false"], { maxBuffer: 64 * 1024 * 1024 }, (_error, stdout, stderr) => {
      const lines = `${stdout}${stderr}`.trim().split("\n");
      resolve(lines.length > 30 ? [...lines.slice(0, 30), `… ${lines.length - 30} more lines`].join("\n") : lines.join("\n"));
    });
  });
}

/** JavaScript left of a file once its types and comments are erased: what importing it runs. */
export function runtimeCode(source: string): string {
  return ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, removeComments: true } }).outputText;
}

/** Transpiles generated `.ts` files to `.mjs` in `dir`, as a bundler or `tsc` would emit them. */
export async function transpileGenerated(dir: string, sources: Record<string, string>): Promise<void> {
  for (const [name, source] of Object.entries(sources)) {
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
    });
    // Sibling imports name `.js` files; the transpiled siblings are `.mjs`.
    await writeFile(join(dir, name.replace(/\.ts$/, ".mjs")), outputText.replace(/(from\s+"\.\/[^"]+)\.js"/g, '$1.mjs"'));
  }
}

/** Transpiles generated `.ts` files of `dir` to `.mjs` next to them and imports `entry`. */
export async function importGenerated<T>(dir: string, entry: string, sources: Record<string, string>): Promise<T> {
  await transpileGenerated(dir, sources);
  return (await import(pathToFileURL(join(dir, entry.replace(/\.ts$/, ".mjs"))).href)) as T;
}

/** Chunks as an async iterable, the way a response body arrives. */
export async function* chunks(...parts: string[]): AsyncGenerator<string> {
  for (const part of parts) yield part;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

/**
 * The client of `spec` generated beside `calls` (a fixture of calls holding type-level
 * assertions), all type-checked with every strict flag under TS 5 (DOM globals) and TS 7 (Node
 * globals), then the calls imported to run against a live app.
 */
export async function typedCalls<T>(prefix: string, spec: OpenApiDocument, calls: string, options?: GenerateClientOptions): Promise<T> {
  const dir = await tempDir(prefix);
  await writeGenerated(dir, spec, options);
  const name = basename(calls);
  await copyFile(calls, join(dir, name));
  const sources = ["types.gen.ts", "runtime.gen.ts", "client.gen.ts", name];
  const [ts5, ts7] = await Promise.all([
    typecheck("ts5", await writeTsconfig(dir, sources, "dom", "tsconfig.ts5.json")),
    typecheck("ts7", await writeTsconfig(dir, sources, "node", "tsconfig.ts7.json")),
  ]);
  expect({ ts5, ts7 }).toEqual({ ts5: "", ts7: "" });
  return importGenerated<T>(dir, name, Object.fromEntries(await Promise.all(sources.map(async (source) => [source, await readFile(join(dir, source), "utf8")]))));
}
