import { execa } from "execa";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { cloneForTest } from "../helpers/git-clone.js";
import { makeProject } from "../helpers/project.js";

/**
 * `runtime: { shared }`: one runtime.gen.ts for every client, outside any service's output. The
 * hook judges what the commit holds, so the shared runtime's verdict must follow its staged
 * version, not the working tree's, and staging it alone must be checked at all.
 */
const RUNTIME = "src/clients/_runtime/runtime.gen.ts";
const MODELS = "services/estimation-api/app/models.py";

const git = (cwd: string, args: string[]) => execa("git", args, { cwd, reject: false, env: { NO_COLOR: "1" } });

describe("hook run: the shared runtime as staged", () => {
  let base: string;
  let fresh: string;
  beforeAll(async () => {
    base = await makeProject({ "estimation-api": { from: "estimation-api", source: "import" } }, { runtime: { shared: "src/clients/_runtime" } });
    await writeFile(join(base, ".gitignore"), "node_modules\n__pycache__/\n");
    expect((await git(base, ["init", "-q"])).exitCode).toBe(0);
    expect((await runCli([], { cwd: base })).code).toBe(0);
    fresh = await readFile(join(base, RUNTIME), "utf8");
    await git(base, ["add", "-A"]);
    expect((await git(base, ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init"])).exitCode).toBe(0);
  }, 120_000);
  afterAll(() => rm(base, { recursive: true, force: true }));

  const clone = () => cloneForTest(base);
  const stale = () => fresh.replace("export ", "// edited by hand\nexport ");
  /** A watched file changed without changing the spec: the service is checked, its own output stays fresh. */
  const touchModels = async (repo: string) => writeFile(join(repo, MODELS), `${await readFile(join(repo, MODELS), "utf8")}\n# a comment\n`);
  const hookRun = (repo: string, args: string[] = []) => runCli(["hook", "run", ...args], { cwd: repo });

  /** Stages a stale shared runtime (with a model change, when `models`), then puts the fresh one back in the working tree. */
  async function stageStaleRuntime(models: boolean): Promise<string> {
    const repo = await clone();
    expect(stale()).not.toBe(fresh);
    await writeFile(join(repo, RUNTIME), stale());
    if (models) await touchModels(repo);
    await git(repo, ["add", RUNTIME, ...(models ? [MODELS] : [])]);
    await writeFile(join(repo, RUNTIME), fresh);
    return repo;
  }

  test("staged stale, working tree fresh: refused, naming the shared runtime", { timeout: 120_000 }, async () => {
    const repo = await stageStaleRuntime(true);
    const run = await hookRun(repo);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout + run.stderr).toContain(RUNTIME);
  });

  test("only the shared runtime staged, stale: still checked and refused", { timeout: 120_000 }, async () => {
    const repo = await stageStaleRuntime(false);
    const run = await hookRun(repo);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout + run.stderr).toContain(RUNTIME);
  });

  test("staged fresh, working tree stale: the commit passes", { timeout: 120_000 }, async () => {
    const repo = await clone();
    await touchModels(repo);
    await git(repo, ["add", MODELS]);
    await writeFile(join(repo, RUNTIME), stale());
    const run = await hookRun(repo);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(await readFile(join(repo, RUNTIME), "utf8"), "the working tree is not the hook's to touch").toBe(stale());
  });

  test("--fix stages the fresh shared runtime over the stale staged one", { timeout: 120_000 }, async () => {
    const repo = await stageStaleRuntime(true);
    const run = await hookRun(repo, ["--fix"]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect((await git(repo, ["show", `:${RUNTIME}`])).stdout).toBe(fresh.replace(/\n$/, ""));
  });
});
