import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";

async function projectWith(file: string, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "sync-types-config-"));
  await writeFile(join(dir, file), content);
  return dir;
}

test.each([
  [
    "a bad app reference and a typo, all reported with their dot-paths",
    "sync-types.config.json",
    JSON.stringify({ services: { api: { dir: "svc", app: "main.app", spec: "a.json", output: "out", prot: 1 } } }),
    ['services.api.app: expected "module:attr"', 'services.api.prot: unknown option (did you mean "port"?)'],
  ],
  [
    "a missing required path",
    "sync-types.config.json",
    JSON.stringify({ services: { api: { dir: "svc", app: "m:app", output: "out" } } }),
    ["services.api.spec: required"],
  ],
  [
    "a TypeScript config with a wrong source",
    "sync-types.config.ts",
    'export default { services: { api: { dir: "svc", app: "m:app", spec: "a.json", output: "o", source: "ftp" } } };',
    ['services.api.source: expected one of "http", "import", "url", got "ftp"'],
  ],
  ["invalid JSON", "sync-types.config.json", "{ services: ", ["is not valid JSON"]],
  ["a TypeScript syntax error, with its line", "sync-types.config.ts", "export default {\n  services: {\n", ["sync-types.config.ts:2:15: Unexpected token `<eof>`"]],
  ["a config function that throws an Error", "sync-types.config.ts", 'export default () => { throw new TypeError("no SERVICES_ROOT"); };', ["sync-types.config.ts: its default export function failed: TypeError: no SERVICES_ROOT"]],
  ["a config function that rejects", "sync-types.config.mjs", 'export default async () => { throw new Error("vault unreachable"); };', ["sync-types.config.mjs: its default export function failed: Error: vault unreachable"]],
  ["a config function that throws null", "sync-types.config.ts", "export default () => { throw null; };", ["its default export function failed: it threw null (not an Error)"]],
  ["a config function that throws undefined", "sync-types.config.mjs", "export default () => { throw undefined; };", ["it threw undefined (not an Error)"]],
  ["a config function that throws a string", "sync-types.config.ts", 'export default async () => { throw "nope"; };', ['it threw the string "nope"']],
  ["a config module that throws an object at load", "sync-types.config.mjs", "throw { code: 7 };\nexport default {};", ['could not load', 'sync-types.config.mjs: it threw {"code":7} (not an Error)']],
  ["a config function that never settles", "sync-types.config.ts", "export default () => new Promise(() => {});", ["sync-types.config.ts did not finish loading: it waits on a promise that nothing will ever settle"]],
  ["a top-level await that never settles", "sync-types.config.mjs", "await new Promise(() => {});\nexport default {};", ["sync-types.config.mjs did not finish loading"]],
])("bad config: %s -> exit 2", async (_name, file, content, messages) => {
  const dir = await projectWith(file, content);
  const run = await runCli([], { cwd: dir });
  expect(run.code).toBe(2);
  for (const message of messages) expect(run.stderr).toContain(message);
  expect(run.stderr).not.toContain("    at "); // a user error, not a stack trace
});

test("no config anywhere: exit 2 with what to do", async () => {
  const dir = await mkdtemp(join(tmpdir(), "sync-types-none-"));
  const run = await runCli([], { cwd: dir });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("no sync-types config found");
  expect(run.stderr).toContain("hint:");
});

test("an unknown service name and an unknown flag are usage errors", async () => {
  const dir = await projectWith(
    "sync-types.config.json",
    JSON.stringify({ services: { api: { dir: ".", app: "m:app", spec: "a.json", output: "o" } } }),
  );
  const unknown = await runCli(["--service", "nope"], { cwd: dir });
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('unknown service "nope"');
  expect(unknown.stderr).toContain("api");
  const flag = await runCli(["--bogus"], { cwd: dir });
  expect(flag.code).toBe(2);
  expect(flag.stderr).toContain("unknown option '--bogus'");
});

describe("usage errors: one line, a suggestion, where the usage is; never the whole help", () => {
  test.each([
    ["a misspelt command", ["chek"], ["error unknown command 'chek'", "did you mean check?", "see `sync-types --help`"]],
    ["a misspelt hook subcommand", ["hook", "instal"], ["error unknown command 'instal'", "did you mean install?", "see `sync-types hook --help`"]],
    ["a misspelt option of a command", ["check", "--formt", "json"], ["error unknown option '--formt'", "did you mean --format?", "see `sync-types check --help`"]],
    ["a value outside the choices", ["--format", "xml"], ["argument 'xml' is invalid. Allowed choices are pretty, json."]],
    ["a missing argument", ["generate", "-o", "out"], ["error missing required argument 'spec'", "see `sync-types generate --help`"]],
  ])("%s -> exit 2", async (_name, args, messages) => {
    const dir = await mkdtemp(join(tmpdir(), "sync-types-usage-"));
    const run = await runCli(args, { cwd: dir });
    expect(run.code).toBe(2);
    for (const message of messages) expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain("too many arguments");
    expect(run.stderr).not.toContain("Usage:");
    expect(run.stderr.trim().split("\n").length).toBeLessThanOrEqual(3);
  });

  test("--help lists the exit codes", async () => {
    const run = await runCli(["--help"], { cwd: tmpdir() });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Exit codes:\n {2}0 .*\n {2}1 .*contract.*\n {2}2 .*usage or config\n {2}3 .*service.*\n {2}70 .*internal/);
  });

  test("--no-color wins over FORCE_COLOR, before or after the command", async () => {
    const colored = await runCli(["chek"], { cwd: tmpdir(), env: { FORCE_COLOR: "1", NO_COLOR: "" } });
    expect(colored.stderr).toContain("\u001b[31merror");
    for (const args of [["--no-color", "chek"], ["check", "--formt", "--no-color"]]) {
      const run = await runCli(args, { cwd: tmpdir(), env: { FORCE_COLOR: "1", NO_COLOR: "" } });
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^error unknown /);
      expect(run.stderr).not.toContain("\u001b[");
    }
  });
});

test('a JSON config naming the shipped schema in "$schema" is accepted; its other keys are still checked', async () => {
  const dir = await projectWith("sync-types.config.json", JSON.stringify({
    $schema: "./node_modules/sync-types/schema/sync-types.config.schema.json",
    services: { api: { dir: "svc", app: "m:app", spec: "a.json", output: "o", readyTimeoutMs: "30s" } },
  }));
  const run = await runCli([], { cwd: dir });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain("1 config problem");
  expect(run.stderr).toContain('services.api.readyTimeoutMs: expected a positive integer (milliseconds), got "30s"');
  expect(run.stderr).not.toContain("$schema");
});
