import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
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
  ["a TypeScript syntax error, with its line", "sync-types.config.ts", "export default {\n  services: {\n", ["sync-types.config.ts:3:1"]],
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
