import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { countingServer } from "../helpers/counting-server.js";
import { FIXTURE_PYTHON, REPO_ROOT } from "../helpers/paths.js";
import { importGenerated, tempDir, typecheck, writeTsconfig } from "../unit/generate/client/support.js";

/**
 * The bad-input corpus (test/fixtures/specs, see its README) through the built CLI:
 * `sync-types generate <file> -o <dir>` must give a clear error (exit code, and a message
 * naming what went wrong and where) or output that compiles under TS 5 and TS 7 with
 * strict flags. Every successful output is compiled at the end, in one tsc run per compiler.
 */
const SPECS = join(REPO_ROOT, "test/fixtures/specs");
const GEN_APP = join(REPO_ROOT, "../shared/bench/gen_fastapi_app.py");
/** Always generated; other files (an index, say) may come too. */
const CORE = ["client.gen.ts", "runtime.gen.ts", "types.gen.ts"];

type Want = { exit: number; says: string[] } | "compiles";
const fails = (exit: number, ...says: string[]): Want => ({ exit, says });

const CASES: [string, Want][] = [
  ["empty-file.json", fails(3, "empty-file.json is not valid JSON", "Unexpected end of JSON input")],
  ["invalid-json.json", fails(3, "invalid-json.json is not valid JSON", "at position 351")],
  ["html-error-page.json", fails(3, "html-error-page.json is not valid JSON", `"<!DOCTYPE "`)],
  ["json-array.json", fails(3, "json-array.json: the spec is not a JSON object")],
  ["fastapi-404-body.json", fails(3, 'fastapi-404-body.json: not an OpenAPI 3.x document ("openapi": null)')],
  ["swagger-2.0.json", fails(3, "swagger-2.0.json: Swagger 2.0 is not supported", "swagger2openapi")],
  ["openapi-3.0-nullable-without-type.json", fails(3, "not valid OpenAPI (1 error)", "#/components/schemas/Pet/properties/owner/nullable: The `type` field must be defined")],
  ["dangling-ref.json", fails(3, "dangling-ref.json: the spec is not valid OpenAPI (1 error)", "#/components/schemas/Order/properties/customer: Can't resolve $ref")],
  ["dangling-ref-item-schema.json", fails(3, "not valid OpenAPI (2 errors)",
    "#/paths/~1events/get/responses/200/content/text~1event-stream/itemSchema/properties/data/contentSchema: Can't resolve $ref #/components/schemas/Tick",
    "#/paths/~1jobs/get/responses/200/content/application~1jsonl/itemSchema: Can't resolve $ref #/components/schemas/JobEvnt")],
  ["bad-percent-escape.json", fails(3, "not valid OpenAPI (3 errors)",
    'path "/discounts/100%/{code}" has a "%" that is not a valid escape',
    'path "/files/%E0%A4%A" has a "%" that is not a valid escape',
    'operationId "files_%zz_get" has a "%" that is not a valid escape')],
  ["ref-alias-cycle.json", fails(3, "ref-alias-cycle.json: the spec has 1 unsafe $ref or nesting problem",
    "#/components/schemas/Item: a schema defined only through itself (#/components/schemas/Item → #/components/schemas/Thing → #/components/schemas/Item)")],
  ["allof-cycle.json", fails(3, "allof-cycle.json: the spec has 1 unsafe $ref or nesting problem",
    "#/components/schemas/Item: a schema defined only through itself (#/components/schemas/Item → #/components/schemas/Item/allOf/0 → #/components/schemas/Base → #/components/schemas/Base/allOf/0 → #/components/schemas/Item)")],
  ["bad-percent-ref.json", fails(3, "bad-percent-ref.json: the spec has 1 unsafe $ref or nesting problem",
    '#/components/schemas/Item/properties/price/$ref: $ref "#/components/schemas/Price%zz" cannot be read: "Price%zz" has a "%" that is not a valid escape (malformed-ref)')],
  ["deep-nesting.json", fails(3, "deep-nesting.json: the spec has 1 unsafe $ref or nesting problem",
    "#/components/schemas/Item/examples/0/0/0/0/0/… 244 more …/0/0/0/0: nested more than 256 levels deep (too-deep)")],
  ["openapi-3.0.json", "compiles"],
  ["openapi-3.1-fastapi.json", "compiles"],
  ["ref-cycles.json", "compiles"],
  ["recursive-root-model.json", "compiles"],
  ["duplicate-operation-ids.json", "compiles"],
  ["hostile-names.json", "compiles"],
  ["empty-paths.json", "compiles"],
  ["components-only.json", "compiles"],
  ["schemaless-responses.json", "compiles"],
];

/**
 * Generated code that does not compile yet, pinned to the exact diagnostic so a fix shows up
 * as a failure here (then move the case to plain "compiles"):
 * - openapi-typescript types a self-recursive array (`RootModel[list["Tree"]]`) as an indexed
 *   access into its own interface (openapi-ts/openapi-typescript#1603).
 */
const KNOWN_DIAGNOSTICS = [
  "recursive-root-model/types.gen.ts TS2502",
];

const root = await tempDir("bad-input");
const generated: string[] = [];

describe.concurrent("sync-types generate on the bad-input corpus", () => {
  test.for(CASES)("%s", async ([file, want], { expect }) => {
    const name = file.replace(/\.json$/, "");
    const out = join(root, name);
    const run = await runCli(["generate", join(SPECS, file), "-o", out], { cwd: root });
    if (want === "compiles") {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(new RegExp(`✓ \\d+ written, 0 unchanged, 0 removed in ${name} `));
      await expectGenerated(out, expect);
      generated.push(name);
      return;
    }
    expect(run.code, run.stdout + run.stderr).toBe(want.exit);
    for (const text of want.says) expect(run.stderr).toContain(text);
    expect(run.stderr).not.toContain("internal error");
    expect(existsSync(out), "nothing is written for a spec that fails").toBe(false);
  });

  const has400 = existsSync(GEN_APP);
  test.skipIf(!has400)(
    has400 ? "the 400-resource FastAPI spec" : "the 400-resource FastAPI spec (skipped: ../shared/bench/gen_fastapi_app.py is absent)",
    { timeout: 180_000 },
    async ({ expect }) => {
      const app = join(root, "app-400");
      await mkdir(app);
      await exec("python3", [GEN_APP, "400", join(app, "main.py")]);
      const dump = "import json, main; open('openapi.json', 'w').write(json.dumps(main.app.openapi()))";
      await exec(FIXTURE_PYTHON, ["-c", dump], { cwd: app, env: { ...process.env, PYTHONHASHSEED: "0" } });
      const run = await runCli(["generate", join(app, "openapi.json"), "-o", join(root, "resources-400")], { cwd: root });
      expect(run.code, run.stderr).toBe(0);
      await expectGenerated(join(root, "resources-400"), expect);
      generated.push("resources-400");
    },
  );
});

test("hostile names and descriptions run no code when the client is loaded", async () => {
  const dir = join(root, "hostile-names");
  const sources = Object.fromEntries(await Promise.all(["client.gen.ts", "runtime.gen.ts"].map(async (f) => [f, await readFile(join(dir, f), "utf8")])));
  const client = await importGenerated<{ createClient: (o: object) => Record<string, unknown> }>(dir, "client.gen.ts", sources);
  expect(Object.keys(client.createClient({ baseUrl: "http://127.0.0.1:1" })).length).toBeGreaterThan(40);
  expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
});

test("every successful output compiles under TS 5 and TS 7 with strict flags", { timeout: 180_000 }, async () => {
  const succeeded = CASES.filter(([, want]) => want === "compiles").length + (existsSync(GEN_APP) ? 1 : 0);
  expect(generated.length, "every case that should generate did").toBe(succeeded);
  await writeFile(join(root, "package.json"), '{ "type": "module" }\n');
  const sources = (await Promise.all(generated.sort().map(async (name) => (await readdir(join(root, name))).filter((f) => f.endsWith(".ts")).map((f) => `${name}/${f}`)))).flat();
  const [ts7, ts5] = await Promise.all([
    typecheck("ts7", await writeTsconfig(root, sources, "dom", "tsconfig.ts7.json")),
    typecheck("ts5", await writeTsconfig(root, sources, "node", "tsconfig.ts5.json")),
  ]);
  expect(diagnostics(ts7), ts7).toEqual(KNOWN_DIAGNOSTICS);
  expect(diagnostics(ts5), ts5).toEqual(KNOWN_DIAGNOSTICS);
});

const exec = promisify(execFile);

async function expectGenerated(dir: string, expect: typeof import("vitest").expect): Promise<void> {
  const files = await readdir(dir);
  expect(files).toEqual(expect.arrayContaining(CORE));
  for (const file of files.filter((f) => f.endsWith(".ts"))) expect(await readFile(join(dir, file), "utf8")).toMatch(/^\/\/ generated by sync-types — do not edit/);
}

/** `case/file TScode`, once per file and code, from tsc's `--pretty false` output. */
function diagnostics(output: string): string[] {
  const found = [...output.matchAll(/([\w-]+\/[\w.-]+)\(\d+,\d+\): error (TS\d+)/g)].map((m) => `${m[1]} ${m[2]}`);
  return [...new Set(found)].sort();
}

describe("specs written to hurt, built in the test", () => {
  /** Components `C0` … `C<n-1>`, each an array of the next: shallow as JSON, deep through `$ref`s. */
  const refChain = (n: number) => ({
    openapi: "3.1.0",
    info: { title: "deep through refs", version: "1.0.0" },
    paths: { "/c": { get: { operationId: "c", responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/C0" } } } } } } } },
    components: { schemas: Object.fromEntries(Array.from({ length: n }, (_, i) => [`C${i}`, i === n - 1 ? { type: "string" } : { type: "array", items: { $ref: `#/components/schemas/C${i + 1}` } }])) },
  });

  test("10 000 components nested through $refs: a clear error naming the chain", async () => {
    const file = join(root, "ref-chain.json");
    await writeFile(file, JSON.stringify(refChain(10_000)));
    const run = await runCli(["generate", file, "-o", join(root, "ref-chain")], { cwd: root });
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(/#\/components\/schemas\/C\d+\/items\/\$ref: nested more than 1000 levels deep through \$refs \(#\/components\/schemas\/C0 → #\/components\/schemas\/C1 → .* → … \d+ more … → .*\) \(too-deep\)/);
    expect(run.stderr).not.toContain("internal error");
  });

  test("an external $ref to a URL, an absolute and a relative file: refused by pointer and value, nothing read", async () => {
    const server = await countingServer();
    const secret = join(root, "secret", "schema.json");
    await mkdir(join(root, "secret"), { recursive: true });
    await writeFile(secret, JSON.stringify({ type: "object", properties: { TOP_SECRET_FILE_CONTENT: { type: "string" } } }));
    const spec = refChain(2);
    Object.assign(spec.components.schemas, { Http: { $ref: `${server.url}/schema.json` }, Absolute: { $ref: secret }, Relative: { $ref: "secret/schema.json#/properties" } });
    const file = join(root, "external-refs.json");
    await writeFile(file, JSON.stringify(spec));
    const out = join(root, "external-refs");
    const run = await runCli(["generate", file, "-o", out], { cwd: root });
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toContain("external-refs.json: the spec has 3 unsafe $ref or nesting problems");
    expect(run.stderr).toContain(`#/components/schemas/Http/$ref: $ref "${server.url}/schema.json" points outside the spec`);
    expect(run.stderr).toContain(`#/components/schemas/Absolute/$ref: $ref "${secret}" points outside the spec`);
    expect(run.stderr).toContain('#/components/schemas/Relative/$ref: $ref "secret/schema.json#/properties" points outside the spec');
    expect(run.stderr).toContain("externalRefs");
    expect(run.stderr + run.stdout).not.toContain("TOP_SECRET_FILE_CONTENT");
    expect(server.requests).toEqual([]);
    expect(existsSync(out)).toBe(false);
  });
});
