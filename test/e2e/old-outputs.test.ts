import { appendFile, readFile, readdir, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { makeProject } from "../helpers/project.js";

const OLD = "src/clients/estimation-api";
const NEW = "web/src/clients/estimation-api";

/** A synced project whose config then moves the service's output to NEW. */
async function projectWithMovedOutput(beforeMove: (dir: string) => Promise<void> = async () => {}): Promise<string> {
  const dir = await makeProject({ "estimation-api": { from: "estimation-api", source: "import" } });
  const first = await runCli([], { cwd: dir });
  expect(first.code, first.stderr).toBe(0);
  expect(JSON.parse(await readFile(join(dir, "sync-types.outputs.json"), "utf8")).outputs).toEqual([OLD]);
  await beforeMove(dir);
  const configFile = join(dir, "sync-types.config.json");
  const config = JSON.parse(await readFile(configFile, "utf8"));
  config.services["estimation-api"].output = NEW;
  await writeFile(configFile, JSON.stringify(config, null, 2));
  return dir;
}

const SLOW = { timeout: 180_000 };

test("changing output removes the old folder's generated files and records the new folder", SLOW, async () => {
  const dir = await projectWithMovedOutput();
  const run = await runCli([], { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  expect(run.stdout).toContain(`removed ${OLD}/client.gen.ts`);
  expect(run.stdout).toContain(`removed ${OLD}/sync-types.manifest.json`);
  expect(existsSync(join(dir, "src"))).toBe(false);
  expect(await readdir(join(dir, NEW))).toContain("client.gen.ts");
  expect(JSON.parse(await readFile(join(dir, "sync-types.outputs.json"), "utf8")).outputs).toEqual([NEW]);

  const again = await runCli([], { cwd: dir });
  expect(again.code).toBe(0);
  expect(again.stdout).not.toContain("old output folders");
});

test("in the old folder, an edited generated file and the user's own files are kept and named", SLOW, async () => {
  const dir = await projectWithMovedOutput(async (project) => {
    await appendFile(join(project, OLD, "types.gen.ts"), "\n// my local patch\n");
    await writeFile(join(project, OLD, "notes.md"), "mine\n");
  });
  const run = await runCli([], { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toContain(`${OLD}/types.gen.ts is in an old output folder and was edited since sync-types wrote it: left in place`);
  expect(run.stdout).toContain(`removed ${OLD}/client.gen.ts`);
  expect((await readdir(join(dir, OLD))).sort()).toEqual(["notes.md", "types.gen.ts"]);
});

test("--format json lists what was removed from old output folders", SLOW, async () => {
  const dir = await projectWithMovedOutput();
  const run = await runCli(["--format", "json"], { cwd: dir });
  expect(run.code, run.stderr).toBe(0);
  const report = JSON.parse(run.stdout) as { oldOutputs: { removed: string[]; kept: string[] } };
  expect(report.oldOutputs.removed).toContain(`${OLD}/types.gen.ts`);
  expect(report.oldOutputs.kept).toEqual([]);
});

test("check names the old folder's generated files and removes nothing", SLOW, async () => {
  const dir = await projectWithMovedOutput();
  const run = await runCli(["check"], { cwd: dir });
  expect(run.stderr + run.stdout).toContain(`generated files remain in output folders no service writes to any more (${OLD}): run sync-types to remove them`);
  expect(await readdir(join(dir, OLD))).toContain("client.gen.ts");
});
