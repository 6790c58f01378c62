import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../../helpers/cli.js";
import { countingServer } from "../../helpers/counting-server.js";
import { REPO_ROOT } from "../../helpers/paths.js";
import { tempTree } from "../../helpers/temp-tree.js";

/**
 * The hostile `$ref` corpus through `sync-types diff` (which never validates with Redocly, so
 * its own readers meet the spec first) and through `sync` from a `url` service: a clear error,
 * exit 3, whichever side holds the bad spec.
 */
const SPECS = join(REPO_ROOT, "test/fixtures/specs");
const CONFIG = { services: { api: { dir: ".", source: "url", url: "http://127.0.0.1:9", spec: "api.openapi.json", output: "generated" } } };

const CASES: [string, string][] = [
  ["ref-alias-cycle.json", "#/components/schemas/Item: a schema defined only through itself"],
  ["allof-cycle.json", "#/components/schemas/Item: a schema defined only through itself"],
  ["bad-percent-ref.json", '$ref "#/components/schemas/Price%zz" cannot be read'],
  ["deep-nesting.json", "nested more than 256 levels deep (too-deep)"],
];

const project = async () => {
  const files: Record<string, string> = { "sync-types.config.json": JSON.stringify(CONFIG) };
  for (const name of ["openapi-3.1-fastapi.json", ...CASES.map(([file]) => file)]) files[name] = await readFile(join(SPECS, name), "utf8");
  return tempTree(files);
};
const dir = await project();

describe.concurrent("sync-types diff with a hostile spec", () => {
  test.for(CASES.flatMap(([file, says]) => [["head", file, says], ["base", file, says]] as const))("%s %s", async ([side, file, says], { expect }) => {
    const [base, head] = side === "head" ? ["openapi-3.1-fastapi.json", file] : [file, "openapi-3.1-fastapi.json"];
    const run = await runCli(["diff", "--base", base, "--head", head], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(3);
    expect(run.stdout + run.stderr).toContain("the spec has 1 unsafe $ref or nesting problem");
    expect(run.stdout + run.stderr).toContain(says);
    expect(run.stdout + run.stderr).not.toContain("internal error");
  });
});

test("sync from a url service whose spec names a URL and a file in $refs: nothing fetched but the spec, nothing written", async () => {
  const secret = await tempTree({ "schema.json": JSON.stringify({ type: "object", properties: { TOP_SECRET_FILE_CONTENT: { type: "string" } } }) });
  const server = await countingServer((url) => ({
    openapi: "3.1.0",
    info: { title: "remote", version: "1" },
    paths: { "/a": { get: { operationId: "a", responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: `${url}/evil.json` } } } } } } } },
    components: { schemas: { Local: { $ref: join(secret, "schema.json") } } },
  }));
  const project = await tempTree({ "sync-types.config.json": JSON.stringify({ services: { api: { ...CONFIG.services.api, url: server.url } } }) });
  const run = await runCli([], { cwd: project });
  expect(run.code, run.stdout + run.stderr).toBe(3);
  expect(run.stdout + run.stderr).toContain(`#/paths/~1a/get/responses/200/content/application~1json/schema/$ref: $ref "${server.url}/evil.json" points outside the spec`);
  expect(run.stdout + run.stderr).toContain(`#/components/schemas/Local/$ref: $ref "${join(secret, "schema.json")}" points outside the spec`);
  expect(run.stdout + run.stderr).not.toContain("TOP_SECRET_FILE_CONTENT");
  expect(server.requests).toEqual(["GET /openapi.json"]);
  expect(existsSync(join(project, "api.openapi.json"))).toBe(false);
  expect(existsSync(join(project, "generated"))).toBe(false);
});
