import { execFile } from "node:child_process";
import { realpathSync } from "node:fs";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { expect, test } from "vitest";
import { bannerFor, generateFiles } from "../../../src/generate/index.js";
import { generateFakes } from "../../../src/generate/fakes/index.js";
import { generateIndex } from "../../../src/generate/index-file.js";
import type { OpenApiDocument } from "../../../src/spec/types.js";
import { generateZodSchemas } from "../../../plugins/zod/generate.js";
import { REPO_ROOT } from "../../helpers/paths.js";
import { random } from "./client/fuzz.js";
import { runtimeCode, tempDir, transpileGenerated, typecheck, writeTsconfig } from "./client/support.js";
import { everywhereSpec, everywhereStreams, hostileText } from "./hostile-spec.js";

const SEEDS = 20;
const HARNESS = join(REPO_ROOT, "test/unit/generate/sandbox/harness.mjs");
const EMPTY = { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {} } as unknown as OpenApiDocument;

/**
 * What of client.gen.ts's JavaScript is not the known shape: imports and re-exports of the runtime,
 * `isApiError`, and `createClient` returning one arrow per method that hands literals to the transport.
 */
function unknownClientCode(source: string): string[] {
  const file = ts.createSourceFile("client.gen.js", runtimeCode(source), ts.ScriptTarget.Latest, true);
  const unknown = (node: ts.Node) => node.getText(file).slice(0, 200);
  // Plain data: strings, numbers, booleans, null, and arrays and objects of them (security requirements, scheme descriptions).
  const isLiteral = (node: ts.Node): boolean =>
    ts.isStringLiteral(node) || ts.isNumericLiteral(node) ||
    [ts.SyntaxKind.TrueKeyword, ts.SyntaxKind.FalseKeyword, ts.SyntaxKind.NullKeyword].includes(node.kind) ||
    (ts.isArrayLiteralExpression(node) && node.elements.every(isLiteral)) ||
    (ts.isObjectLiteralExpression(node) && node.properties.every((p) => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && isLiteral(p.initializer)));
  // `const SECURITY_SCHEMES = [...]`: the spec's security schemes, as data only.
  const isSchemes = (statement: ts.Statement): boolean =>
    ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1 &&
    statement.declarationList.declarations[0]!.name.getText(file) === "SECURITY_SCHEMES" &&
    statement.declarationList.declarations[0]!.initializer !== undefined && isLiteral(statement.declarationList.declarations[0]!.initializer);
  const isCall = (node: ts.Node): boolean =>
    ts.isArrowFunction(node) && ts.isCallExpression(node.body) && node.body.expression.getText(file).startsWith("transport.") &&
    node.body.arguments.every((argument, index) =>
      index === 1 ? argument.getText(file) === "request" : ts.isObjectLiteralExpression(argument) ? argument.properties.every((p) => ts.isPropertyAssignment(p) && isLiteral(p.initializer)) : isLiteral(argument));
  return file.statements.flatMap((statement) => {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier?.getText(file) === '"./runtime.gen.js"') return [];
    if (isSchemes(statement)) return [];
    if (!ts.isFunctionDeclaration(statement) || !statement.body) return [unknown(statement)];
    const body = statement.body.statements;
    if (statement.name?.text === "isApiError" && body.length === 1 && body[0]!.getText(file) === "return isDeclaredError(error, operation);") return [];
    if (statement.name?.text !== "createClient") return [unknown(statement)];
    const [first, last, ...rest] = body.length === 1 ? [undefined, ...body] : body;
    if (rest.length > 0 || (first && !["const transport = createTransport(options);", "const transport = createTransport(options, SECURITY_SCHEMES);"].includes(first.getText(file)))) return [unknown(statement)];
    if (!last || !ts.isReturnStatement(last) || !last.expression || !ts.isObjectLiteralExpression(last.expression)) return [unknown(statement)];
    return last.expression.properties.filter((p) => !ts.isPropertyAssignment(p) || !ts.isIdentifier(p.name) || !isCall(p.initializer)).map(unknown);
  });
}

/** `JSON.parse([…].join("\n"))` over string literals and nothing else: the data of fakes.gen.ts. */
const DATA_LITERAL = /JSON\.parse\(\[(?:\s*"(?:[^"\\\n]|\\.)*",?)*\s*\]\.join\("\\n"\)\)/g;

/**
 * fakes.gen.ts's JavaScript with its one data literal emptied: equal to an empty spec's, it is
 * the known runtime, `JSON.parse` of a string, `createFakeFetch` and `fakeRouting`, whatever the spec says.
 */
function fakesShape(source: string): string {
  const code = runtimeCode(source);
  const literals = code.match(DATA_LITERAL) ?? [];
  return literals.length === 1 ? code.replace(literals[0]!, 'JSON.parse("")') : `${literals.length} data literals`;
}

interface SandboxReport {
  effects: string[];
  exports: [folder: string, file: string, names: string[]][];
  urls: string[];
}

/** Runs the sandbox harness over `folders` in a child node; resolves with what it printed. */
function runSandboxed(cwd: string, folders: { folder: string; path: Record<string, string> }[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
  // The real path: Node resolves zod's imports there when node_modules is a symlink (a worktree's is).
  const zod = pathToFileURL(`${realpathSync(join(REPO_ROOT, "node_modules/zod"))}/`).href;
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [HARNESS, JSON.stringify({ folders, zod })], { cwd, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (_error, stdout, stderr) =>
      resolve({ stdout, stderr, code: child.exitCode }),
    );
  });
}

test(`${SEEDS} specs with hostile strings everywhere, and hostile spec paths: every file compiles, and run, does nothing but define`, async () => {
  const dir = await tempDir("side-effects");
  await writeFile(join(dir, "package.json"), '{ "type": "module" }\n');
  await symlink(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"));
  const knownRuntime = (await generateFiles(EMPTY, { specPath: "" })).find((file) => file.path === "runtime.gen.ts")!.content.replace(/^.*\n/, "");
  const knownFakes = fakesShape(generateFakes(EMPTY).content);
  const folders: { folder: string; path: Record<string, string> }[] = [];
  const compiled: string[] = [];
  for (let seed = 1; seed <= SEEDS; seed++) {
    const rng = random(1000 + seed);
    const spec = everywhereSpec(rng);
    const specPath = `../${hostileText(rng)}/${hostileText(rng)}.json`;
    const banner = bannerFor(specPath);
    const files = await generateFiles(spec, { specPath, streamTypes: everywhereStreams(rng, spec), fakes: true });
    const sources: Record<string, string> = {
      ...Object.fromEntries(files.map((file) => [file.path, file.content])),
      "index.ts": banner + generateIndex(),
      "schemas.gen.ts": banner + generateZodSchemas(spec),
    };
    const where = `seed ${seed}, spec path ${JSON.stringify(specPath)}`;
    expect(banner.split(/\r\n|[\n\r\u2028\u2029]/), where).toEqual([banner.slice(0, -1), ""]);
    for (const source of Object.values(sources)) expect(source.startsWith(banner), where).toBe(true);
    expect(runtimeCode(sources["types.gen.ts"]!), where).toBe("export {};\n");
    expect(sources["runtime.gen.ts"], where).toBe(banner + knownRuntime);
    expect(runtimeCode(sources["index.ts"]!), where).toBe(runtimeCode(generateIndex()));
    expect(unknownClientCode(sources["client.gen.ts"]!), where).toEqual([]);
    expect(fakesShape(sources["fakes.gen.ts"]!), where).toBe(knownFakes);

    const folder = join(dir, `seed-${seed}`);
    await mkdir(folder);
    for (const [name, source] of Object.entries(sources)) await writeFile(join(folder, name), source);
    await transpileGenerated(folder, sources);
    const params = Object.keys(spec["paths"] as object).flatMap((path) => [...path.matchAll(/\{([^{}]+)\}/g)].map((match) => match[1]!));
    folders.push({ folder, path: Object.fromEntries(params.map((name) => [name, "x"])) });
    compiled.push(...Object.keys(sources).map((name) => `seed-${seed}/${name}`));
  }

  const all = await writeTsconfig(dir, compiled, "dom", "tsconfig.all.json");
  const batch = await writeTsconfig(dir, compiled.slice(0, 10 * 6), "node", "tsconfig.batch.json");
  const [ts7, ts5, run] = await Promise.all([typecheck("ts7", all), typecheck("ts5", batch), runSandboxed(dir, folders)]);
  expect([ts7, ts5]).toEqual(["", ""]);

  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  const lines = run.stdout.split("\n");
  expect(lines.length, run.stdout.slice(0, 2000)).toBe(2);
  const report = JSON.parse(lines[0]!) as SandboxReport;
  expect(report.effects).toEqual([]);
  expect(report.exports).toHaveLength(SEEDS * 6);
  const clientExports = ["ApiError", "NetworkError", "StreamLimitError", "TimeoutError", "createClient", "isApiError"];
  for (const [folder, file, names] of report.exports) {
    const where = `${folder}/${file}`;
    if (file === "types.gen.mjs") expect(names, where).toEqual([]);
    if (file === "fakes.gen.mjs") expect(names, where).toEqual(["FORMAT_CHECKS", "createFake", "createFakeFetch", "fakeRouting", "operationOf", "routesOf"]);
    if (file === "client.gen.mjs" || file === "index.mjs") expect(names, where).toEqual(clientExports);
    if (file === "schemas.gen.mjs") {
      const own = names.filter((name) => !["ResponseValidationError", "createValidatingClient", "validateResponse"].includes(name));
      for (const name of own) expect(name, where).toMatch(/^[A-Z][A-Za-z0-9]*Schema$/);
    }
  }
  const runtimeExports = report.exports.filter(([, file]) => file === "runtime.gen.mjs").map(([, , names]) => names);
  expect(new Set(runtimeExports.map((names) => names.join())).size).toBe(1);
  expect(report.urls.length).toBeGreaterThan(SEEDS);
  for (const url of report.urls) expect(new URL(url).origin, url).toBe("http://sandbox.invalid");
}, 300_000);

test("the sandbox sees what injected code would do: globals, prototypes, printing, timers, process, imports", async () => {
  const dir = await tempDir("sandbox-canary");
  await writeFile(join(dir, "package.json"), '{ "type": "module" }\n');
  const injected: Record<string, string> = {
    "runtime.gen.mjs": "export const fine = 1;\n",
    "types.gen.mjs": "globalThis.pwned = 1; Object.prototype.polluted = 1; console.log('hi'); setTimeout(() => {}, 0); process.exit(3);\n",
    "client.gen.mjs": "await import('node:fs');\n",
    "index.mjs": "process.stdout.write('out'); process.env.PWNED = '1';\n",
    "schemas.gen.mjs": "Array.prototype.extra = 1;\n",
  };
  for (const [name, source] of Object.entries(injected)) await writeFile(join(dir, name), source);
  const run = await runSandboxed(dir, [{ folder: dir, path: {} }]);
  expect(run.stderr).toBe("");
  const { effects } = JSON.parse(run.stdout) as SandboxReport;
  expect(effects).toEqual(expect.arrayContaining([
    "console.log",
    "setTimeout while loading",
    "process.exit",
    expect.stringMatching(/client\.gen\.mjs failed to load: Error: sandbox: import of "node:fs" refused/),
    'printed "out"',
    "builtin 0 pwned written",
    "builtin 2 polluted written",
    "builtin 3 extra written",
    "builtin 23 PWNED written",
  ]));
});

test("the client shape check sees code that is not the known shape", async () => {
  const spec = { ...EMPTY, paths: { "/a": { get: { operationId: "a", responses: { "404": { description: "" } } } } } } as unknown as OpenApiDocument;
  const client = (await generateFiles(spec, { specPath: "spec.json" })).find((file) => file.path === "client.gen.ts")!.content;
  expect(unknownClientCode(client)).toEqual([]);
  expect(unknownClientCode(`${client}\nglobalThis.pwned = 1;`)).toEqual(["globalThis.pwned = 1;"]);
  const literal = 'path: "/a"';
  expect(client).toContain(literal);
  expect(unknownClientCode(client.replace(literal, 'path: "/a" + (globalThis.pwned = 1)'))).toHaveLength(1);
});
