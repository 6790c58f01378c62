import { execa } from "execa";
import { randomUUID } from "node:crypto";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { runCli, startCli } from "../helpers/cli.js";
import { processesMatching, waitFor } from "../helpers/processes.js";
import { makeProject } from "../helpers/project.js";
import { privateTmp } from "../helpers/private-tmp.js";
import { tempTree } from "../helpers/temp-tree.js";

type Cli = ReturnType<typeof startCli>;

/** Collects a running CLI's output; the CLI is killed when the test ends, whatever happened. */
function watchOutput(cli: Cli): () => string {
  let output = "";
  cli.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  cli.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  onTestFinished(() => void cli.kill("SIGKILL"));
  return () => output;
}

/** One SIGINT: exit 130, nothing of the run left in its TMPDIR and no process carrying `marker`. */
async function interruptLeavingNothing(cli: Cli, output: () => string, tmp: { leftovers: () => Promise<string[]> }, marker: string): Promise<void> {
  cli.kill("SIGINT");
  const result = await cli;
  expect(result.exitCode, output()).toBe(130);
  expect(await tmp.leftovers()).toEqual([]);
  expect(await waitFor(() => processesMatching(marker).length === 0, 3000)).toBe(true);
}

test("SIGINT during --watch on the examples: exit 130, no process and no temp folder left", { timeout: 120_000 }, async () => {
  const marker = `watch-int-${randomUUID()}`;
  const tmp = await privateTmp();
  const dir = await makeProject({
    "estimation-api": { from: "estimation-api", env: { MARKER: marker } },
    "content-api": { from: "content-api", env: { MARKER: marker } },
  });
  const cli = startCli(["--watch"], { cwd: dir, env: { TMPDIR: tmp.dir } });
  const output = watchOutput(cli);
  const seen = async (pattern: RegExp, from = 0) => expect(await waitFor(() => pattern.test(output().slice(from)), 60_000, 100), output()).toBe(true);
  await seen(/watching 2 services/);
  // A save makes the warm extractors write into their temp folders (the first sync took the servers' specs).
  const models = join(dir, "services/estimation-api/app/models.py");
  const mark = output().length;
  await writeFile(models, `${await readFile(models, "utf8")}\n# touched\n`);
  await seen(/estimation-api (in sync|unchanged|operations)/, mark);
  expect(await tmp.leftovers()).not.toEqual([]);
  expect(processesMatching(marker).length).toBeGreaterThanOrEqual(2);

  await interruptLeavingNothing(cli, output, tmp, marker);
});

test("SIGINT during `hook run`: exit 130 and its staged snapshot is removed", { timeout: 120_000 }, async () => {
  const marker = `hook-int-${randomUUID()}`;
  const tmp = await privateTmp();
  const dir = await makeProject({ "estimation-api": { from: "estimation-api", source: "import", env: { MARKER: marker } } });
  const git = (args: string[]) => execa("git", args, { cwd: dir, env: { GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@e", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@e" } });
  await git(["init", "-q"]);
  expect((await runCli([], { cwd: dir })).code).toBe(0);
  await git(["add", "-A"]);
  await git(["commit", "-q", "-m", "init"]);
  // The import sleeps: the run is certainly inside extraction, snapshot taken, when the signal comes.
  const main = join(dir, "services/estimation-api/app/main.py");
  await writeFile(main, `import time\ntime.sleep(60)\n${await readFile(main, "utf8")}`);
  await git(["add", "-A"]);

  const cli = startCli(["hook", "run"], { cwd: dir, env: { TMPDIR: tmp.dir } });
  const output = watchOutput(cli);
  expect(await waitFor(async () => (await tmp.leftovers()).some((n) => n.startsWith("sync-types-staged-")) && processesMatching(marker).length > 0, 60_000, 100), output()).toBe(true);
  await interruptLeavingNothing(cli, output, tmp, marker);
});

test("SIGINT while a TypeScript config's top-level await sleeps: exit 130 and nothing is left next to it", { timeout: 30_000 }, async () => {
  const dir = await tempTree({
    "sync-types.config.ts": 'import { writeFileSync } from "node:fs";\nconst started: string = process.env["STARTED"]!;\nwriteFileSync(started, "");\nawait new Promise((resolve) => setTimeout(resolve, 60_000));\nexport default { services: {} };\n',
  });
  const marker = await tempTree({});
  const started = join(marker, "started");
  const cli = startCli([], { cwd: dir, env: { STARTED: started } });
  const output = watchOutput(cli);
  expect(await waitFor(async () => (await readdir(marker)).includes("started"), 15_000, 50), output()).toBe(true);
  cli.kill("SIGINT");
  const result = await cli;
  expect(result.exitCode, output()).toBe(130);
  expect(await readdir(dir)).toEqual(["sync-types.config.ts"]);
});
