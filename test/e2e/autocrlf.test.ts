import { execa } from "execa";
import { appendFile, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { makeProject } from "../helpers/project.js";

const FILES = ["contracts/svc.openapi.json", "src/clients/svc/types.gen.ts", "src/clients/svc/client.gen.ts", "src/clients/svc/index.ts", "src/clients/svc/sync-types.manifest.json", "sync-types.outputs.json"];
const git = (cwd: string, args: string[]) => execa("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], { cwd, reject: false });
const read = (dir: string) => Promise.all(FILES.map((f) => readFile(join(dir, f), "utf8")));

test("a checkout with core.autocrlf=true (Git for Windows' default): CRLF files are in sync for check, sync and the hook, and left as they are", { timeout: 180_000 }, async () => {
  const dir = await makeProject({ svc: { from: "test/fixtures/apps/ordered", app: "app:app", source: "import" } });
  expect((await runCli([], { cwd: dir })).code).toBe(0);
  expect((await git(dir, ["init", "-q"])).exitCode).toBe(0);
  await git(dir, ["add", "-A"]);
  expect((await git(dir, ["commit", "-q", "-m", "init"])).exitCode).toBe(0);
  // Checked out again as a Windows clone has them: CRLF in the working tree, LF in the repository.
  await git(dir, ["config", "core.autocrlf", "true"]);
  for (const folder of ["contracts", "src"]) await rm(join(dir, folder), { recursive: true });
  await rm(join(dir, "sync-types.outputs.json"));
  expect((await git(dir, ["checkout", "--", "."])).exitCode).toBe(0);
  const before = await read(dir);
  for (const text of before) expect(text).toContain("\r\n");

  const check = await runCli(["check"], { cwd: dir });
  expect(check.stdout + check.stderr).toMatch(/✓ svc\s+in sync/);
  expect(check.code).toBe(0);
  const sync = await runCli([], { cwd: dir });
  expect(sync.stdout).toMatch(/✓ svc\s+unchanged/);
  expect(await read(dir)).toEqual(before);
  expect((await git(dir, ["status", "--porcelain"])).stdout).toBe("");

  // The hook's snapshot of the index is checked out with the same conversion.
  await appendFile(join(dir, "services/svc/app.py"), "\n# a comment changes no contract\n");
  await git(dir, ["add", "services/svc/app.py"]);
  const hook = await runCli(["hook", "run"], { cwd: dir });
  expect(hook.stdout + hook.stderr).not.toMatch(/stale/);
  expect(hook.code).toBe(0);
});
