import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { runCli } from "../../helpers/cli.js";
import { startFakeServer } from "../../helpers/fake-server.js";
import { REPO_ROOT } from "../../helpers/paths.js";
import { privateTmp } from "../../helpers/private-tmp.js";

const PAIR = join(REPO_ROOT, "test/fixtures/diff/response-required-property-removed");

/** A folder with no sync-types config in it or above it, holding the pair as old.json and new.json. */
async function folderWithPair(): Promise<string> {
  const { dir } = await privateTmp();
  await copyFile(join(PAIR, "before.json"), join(dir, "old.json"));
  await copyFile(join(PAIR, "after.json"), join(dir, "new.json"));
  return dir;
}

test("two spec files, no config: the breaking change fails (exit 1) in every format", async () => {
  const dir = await folderWithPair();
  const pretty = await runCli(["diff", "old.json", "new.json"], { cwd: dir });
  expect(pretty.code, pretty.stderr).toBe(1);
  expect(pretty.stdout).toContain("old.json → new.json");
  expect(pretty.stdout).toMatch(/✗ response-required-property-removed .*old\.json:\d+:\d+/s);
  // No config was read, so the footer does not send the user to one it claims exists.
  expect(pretty.stdout + pretty.stderr).toContain('Judged at breaking.level "types"');
  expect(pretty.stdout + pretty.stderr).not.toContain("in the config.");

  const json = await runCli(["diff", "old.json", "new.json", "--format", "json"], { cwd: dir });
  expect(json.code).toBe(1);
  const report = JSON.parse(json.stdout) as { exitCode: number; services: { base: string; head: string; changes: { id: string }[] }[] };
  expect(report.exitCode).toBe(1);
  expect(report.services[0]).toMatchObject({ base: "old.json", head: "new.json" });
  expect(report.services[0]!.changes.map((c) => c.id)).toContain("response-required-property-removed");

  const markdown = await runCli(["diff", "old.json", "new.json", "--format", "markdown"], { cwd: dir });
  expect(markdown.code).toBe(1);
  expect(markdown.stdout).toContain("response-required-property-removed");

  const github = await runCli(["diff", "old.json", "new.json", "--format", "github"], { cwd: dir, env: { GITHUB_WORKSPACE: dir } });
  expect(github.code).toBe(1);
  expect(github.stdout).toMatch(/^::error file=old\.json,line=\d+/m);
});

test("the same spec twice: exit 0; the reverse direction is judged as its own change", async () => {
  const dir = await folderWithPair();
  const same = await runCli(["diff", "new.json", "new.json"], { cwd: dir });
  expect(same.code, same.stderr).toBe(0);
  expect(same.stdout).toContain("no contract changes");
  const reverse = await runCli(["diff", "new.json", "old.json", "--format", "json"], { cwd: dir });
  const rules = (JSON.parse(reverse.stdout) as { services: { changes: { id: string }[] }[] }).services[0]!.changes.map((c) => c.id);
  expect(rules).not.toContain("response-required-property-removed");
});

test("a spec served over http compared with a file", async () => {
  const dir = await folderWithPair();
  const after = await readFile(join(dir, "new.json"), "utf8");
  const server = await startFakeServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(after));
  const run = await runCli(["diff", "old.json", `${server.origin}/openapi.json`], { cwd: dir });
  expect(run.code, run.stderr).toBe(1);
  expect(run.stdout).toContain(`old.json → ${server.origin}/openapi.json`);
  expect(run.stdout).toContain("response-required-property-removed");
});

test.each([
  ["one spec only", ["diff", "old.json"], 2, "diff takes two specs (base and head), got 1"],
  ["a file that does not exist", ["diff", "old.json", "nope.json"], 2, "cannot read nope.json"],
  ["a config-only option", ["diff", "old.json", "new.json", "--service", "api"], 2, "--service applies to the configured services"],
  ["a spec that is not JSON", ["diff", "old.json", "broken.json"], 3, "broken.json is not valid JSON"],
])("%s -> exit %i with what to do", async (_name, args, code, message) => {
  const dir = await folderWithPair();
  await writeFile(join(dir, "broken.json"), "<<<<<<< HEAD\n{");
  const run = await runCli(args, { cwd: dir });
  expect(run.code, run.stderr + run.stdout).toBe(code);
  expect(run.stderr + run.stdout).toContain(message);
  expect(run.stderr).not.toContain("no sync-types config found");
});
