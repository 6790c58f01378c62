import { execa } from "execa";
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { BIN } from "../helpers/paths.js";
import { makeProject } from "../helpers/project.js";

const SPEC = "contracts/estimation-api.openapi.json";
const TYPES = "src/clients/estimation-api/types.gen.ts";
const MANIFEST = "src/clients/estimation-api/sync-types.manifest.json";
const MODELS = "services/estimation-api/app/models.py";

const git = (cwd: string, args: string[], env: Record<string, string> = {}) =>
  execa("git", args, { cwd, reject: false, env: { NO_COLOR: "1", ...env } });

/** `git commit` runs the hook: its output (stdout included) comes back on stderr. */
const commit = (cwd: string, message: string, env: Record<string, string> = {}) => git(cwd, ["commit", "-q", "-m", message], env);
const staged = async (cwd: string) => (await git(cwd, ["diff", "--cached", "--name-only"])).stdout.split("\n").filter(Boolean);
const committedFiles = async (cwd: string) => (await git(cwd, ["show", "--name-only", "--format=", "HEAD"])).stdout.split("\n").filter(Boolean);
const commitCount = async (cwd: string) => Number((await git(cwd, ["rev-list", "--count", "HEAD"])).stdout);

async function editModels(repo: string, from: string, to: string): Promise<void> {
  const text = await readFile(join(repo, MODELS), "utf8");
  expect(text).toContain(from);
  await writeFile(join(repo, MODELS), text.replace(from, to));
}
const addField = (repo: string, line: string) => editModels(repo, "    notes: str | None = None\n", `    notes: str | None = None\n${line}\n`);

/**
 * A committed project (estimation-api copied in, its spec and client generated), and a fresh
 * clone of it per test. The clones share the base's node_modules: the project's own
 * `node_modules/.bin/sync-types` (the built bin) and one spec cache.
 */
describe("sync-types hook in real git repositories", () => {
  let base: string;
  beforeAll(async () => {
    base = await makeProject({ "estimation-api": { from: "estimation-api", source: "import" } });
    await mkdir(join(base, "node_modules/.bin"), { recursive: true });
    await symlink(BIN, join(base, "node_modules/.bin/sync-types"));
    await writeFile(join(base, ".gitignore"), "node_modules\n__pycache__/\n");
    expect((await git(base, ["init", "-q"])).exitCode).toBe(0);
    expect((await runCli([], { cwd: base })).code).toBe(0);
    await git(base, ["add", "-A"]);
    expect((await git(base, ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init"])).exitCode).toBe(0);
  });
  // makeProject's own afterAll, registered from inside a beforeAll, never runs.
  afterAll(() => rm(base, { recursive: true, force: true }));

  async function clone(): Promise<string> {
    const parent = await mkdtemp(join(tmpdir(), "sync-types-hook-"));
    onTestFinished(() => rm(parent, { recursive: true, force: true }));
    const repo = join(parent, "repo");
    expect((await git(parent, ["clone", "-q", base, repo])).exitCode).toBe(0);
    for (const [key, value] of [["user.name", "Test"], ["user.email", "test@example.com"], ["commit.gpgsign", "false"]]) await git(repo, ["config", key!, value!]);
    await symlink(join(base, "node_modules"), join(repo, "node_modules"));
    return repo;
  }
  const cli = (repo: string, args: string[], env: Record<string, string> = {}) => runCli(args, { cwd: repo, env });

  test("a docs-only commit passes without checking any service", async () => {
    const repo = await clone();
    expect((await cli(repo, ["hook", "install"])).stdout).toContain("installed the pre-commit hook .git/hooks/pre-commit");
    await mkdir(join(repo, "docs"));
    for (const label of ["first (builds the hook manifest)", "second"]) {
      await writeFile(join(repo, "docs/notes.md"), `# notes: ${label}\n`);
      await git(repo, ["add", "docs/notes.md"]);
      const started = performance.now();
      const run = await commit(repo, "docs");
      console.log(`docs-only git commit with the hook, ${label}: ${Math.round(performance.now() - started)} ms`);
      expect(run.exitCode).toBe(0);
      expect(run.stderr).toBe("");
      expect(await committedFiles(repo)).toEqual(["docs/notes.md"]);
    }
  });

  test("a model changed without regenerating is refused with the commands that fix it; the hook installed with --fix commits the regenerated files", async () => {
    const repo = await clone();
    await cli(repo, ["hook", "install"]);
    await addField(repo, "    owner: str | None = None");
    await git(repo, ["add", MODELS]);
    const refused = await commit(repo, "owner");
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toMatch(/✗ estimation-api\s+stale: the staged files differ/);
    expect(refused.stderr).toContain("commit refused: the staged contract of estimation-api is stale.");
    expect(refused.stderr).toContain("fix: npx sync-types hook run --fix");
    expect(refused.stderr).toContain(`or: npx sync-types --service estimation-api && git add ${SPEC} ${TYPES} ${MANIFEST}`);
    expect(await commitCount(repo)).toBe(1);

    expect((await cli(repo, ["hook", "install", "--fix"])).stdout).toContain("updated the pre-commit hook");
    const fixed = await commit(repo, "owner");
    expect(fixed.exitCode).toBe(0);
    expect(fixed.stderr).toMatch(/↻ estimation-api\s+regenerated from its staged sources and staged/);
    expect((await committedFiles(repo)).sort()).toEqual([SPEC, MODELS, TYPES, MANIFEST].sort());
    expect(await readFile(join(repo, SPEC), "utf8")).toContain('"owner"');
    expect((await git(repo, ["status", "--porcelain"])).stdout).toBe("");
  });

  test("--fix under `git commit <path>` (git's temporary index): the commit holds the fix and nothing staged reverts it", async () => {
    const repo = await clone();
    await cli(repo, ["hook", "install", "--fix"]);
    await writeFile(join(repo, "notes.md"), "staged, not part of this commit\n");
    await git(repo, ["add", "notes.md"]);
    await addField(repo, "    owner: str | None = None");
    const fixed = await git(repo, ["commit", "-q", "-m", "owner", MODELS]);
    expect(fixed.exitCode).toBe(0);
    expect(fixed.stderr).toMatch(/↻ estimation-api\s+regenerated from its staged sources and staged/);
    expect((await committedFiles(repo)).sort()).toEqual([SPEC, MODELS, TYPES, MANIFEST].sort());
    expect((await git(repo, ["show", `HEAD:${SPEC}`])).stdout).toContain('"owner"');
    // The real index holds the fix too; what was staged apart from the commit stays staged.
    expect((await git(repo, ["status", "--porcelain"])).stdout).toBe("A  notes.md");
  });

  test("a breaking change is refused even with --fix, unless SYNC_TYPES_ALLOW_BREAKING=1", async () => {
    const repo = await clone();
    await editModels(repo, "    customer: str = Field(min_length=1, max_length=200)", "    client_name: str = Field(min_length=1, max_length=200)");
    await git(repo, ["add", MODELS]);
    const refused = await cli(repo, ["hook", "run", "--fix"]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("✗ response-required-property-removed  Estimate.customer");
    expect(refused.stdout).toContain(`estimation-api's change fails breaking.level "types"`);
    expect(refused.stdout).toContain("fix: SYNC_TYPES_ALLOW_BREAKING=1 npx sync-types hook run --fix");
    expect(await staged(repo)).toEqual([MODELS]);

    const allowed = await cli(repo, ["hook", "run", "--fix"], { SYNC_TYPES_ALLOW_BREAKING: "1" });
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain("SYNC_TYPES_ALLOW_BREAKING is set");
    expect((await staged(repo)).sort()).toEqual([SPEC, MODELS, TYPES, MANIFEST].sort());
  });

  test("a breaking change regenerated and staged by hand is judged against HEAD and still refused", async () => {
    const repo = await clone();
    await editModels(repo, "    customer: str = Field(min_length=1, max_length=200)", "    client_name: str = Field(min_length=1, max_length=200)");
    expect((await cli(repo, ["--service", "estimation-api"])).code).toBe(0);
    await git(repo, ["add", "-A"]);
    const refused = await cli(repo, ["hook", "run"]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("✗ response-required-property-removed  Estimate.customer");
    expect((await cli(repo, ["hook", "run"], { SYNC_TYPES_ALLOW_BREAKING: "1" })).code).toBe(0);
  });

  test("a diffDone plugin that accepts a change is honoured by the hook, as by check and diff", async () => {
    const repo = await clone();
    // The JSON config stays as data; the .mjs one (found first) adds the plugin.
    await writeFile(join(repo, "sync-types.config.mjs"), `import { readFileSync } from "node:fs";
const base = JSON.parse(readFileSync(new URL("./sync-types.config.json", import.meta.url), "utf8"));
export default { ...base, plugins: [{
  name: "accept-customer-rename",
  diffDone: ({ changes }) => changes.map((c) => (/^Estimate(Create)?\\.(customer|client_name)$/.test(c.location) ? { ...c, level: "info" } : c)),
}] };
`);
    await git(repo, ["add", "sync-types.config.mjs"]);
    expect((await git(repo, ["commit", "-q", "--no-verify", "-m", "plugin"])).exitCode).toBe(0);
    await editModels(repo, "    customer: str = Field(min_length=1, max_length=200)", "    client_name: str = Field(min_length=1, max_length=200)");
    expect((await cli(repo, ["--service", "estimation-api"])).code).toBe(0);
    await git(repo, ["add", "-A"]);
    const judged = await cli(repo, ["hook", "run"]);
    expect(judged.stdout).not.toContain("fails breaking.level");
    expect(judged.code).toBe(0);
    expect((await cli(repo, ["diff", "--base", "HEAD"])).code).toBe(0);
  });

  test('breaking.policy "deploy-together": a break whose call sites compile passes (said so), a broken call site still refuses, in pnpm\'s words', async () => {
    const repo = await clone();
    const config = JSON.parse(await readFile(join(repo, "sync-types.config.json"), "utf8"));
    await writeFile(join(repo, "sync-types.config.json"), JSON.stringify({ ...config, breaking: { policy: "deploy-together" } }, null, 2));
    await writeFile(join(repo, "pnpm-lock.yaml"), "lockfileVersion: '9.0'\n");
    await git(repo, ["add", "-A"]);
    expect((await git(repo, ["commit", "-q", "--no-verify", "-m", "policy"])).exitCode).toBe(0);

    await editModels(repo, "    customer: str = Field(min_length=1, max_length=200)", "    client_name: str = Field(min_length=1, max_length=200)");
    await git(repo, ["add", MODELS]);
    const fixed = await cli(repo, ["hook", "run", "--fix"]);
    expect(fixed.stdout).toContain("✗ response-required-property-removed  Estimate.customer");
    expect(fixed.stdout).toContain('breaking changes in estimation-api let through: breaking.policy is "deploy-together"');
    expect(fixed.stdout).not.toContain("commit refused");
    expect(fixed.code).toBe(0);
    expect((await staged(repo)).sort()).toEqual([SPEC, MODELS, TYPES, MANIFEST].sort());
    await git(repo, ["reset", "-q", "--hard"]);

    // A consumer reading the renamed field: its call site is what refuses now.
    await writeFile(join(repo, "tsconfig.json"), JSON.stringify({ compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", noEmit: true, types: [] }, include: ["src"] }));
    await writeFile(join(repo, "src/consumer.ts"), 'import type { Estimate } from "./clients/estimation-api/index.js";\nexport const who = (e: Estimate): string => e.customer;\n');
    await git(repo, ["add", "-A"]);
    expect((await git(repo, ["commit", "-q", "--no-verify", "-m", "consumer"])).exitCode).toBe(0);
    await editModels(repo, "    customer: str = Field(min_length=1, max_length=200)", "    client_name: str = Field(min_length=1, max_length=200)");
    await git(repo, ["add", MODELS]);
    const refused = await cli(repo, ["hook", "run"]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/src\/consumer\.ts:2:\d+\s+TS2339/);
    expect(refused.stdout).toMatch(/commit refused: the staged contract of estimation-api is stale; 1 call site no longer compiles\./);
    expect(refused.stdout).toContain("fix: SYNC_TYPES_ALLOW_BREAKING=1 pnpm exec sync-types hook run --fix");
  }, 180_000);

  test("an existing hook is kept, runs first and still blocks on failure; --uninstall restores it exactly", async () => {
    const repo = await clone();
    const hook = join(repo, ".git/hooks/pre-commit");
    const original = '#!/bin/sh\necho "user hook ran" >> "$(git rev-parse --git-dir)/user-hook.log"\nexit ${FAIL:-0}\n';
    await writeFile(hook, original, { mode: 0o750 });
    const installed = await cli(repo, ["hook", "install"]);
    expect(installed.stdout).toContain("now lives in .git/hooks/pre-commit.sync-types-previous");
    expect((await cli(repo, ["hook", "install"])).stdout).toContain("is already installed");

    await writeFile(join(repo, "notes.md"), "notes\n");
    await git(repo, ["add", "notes.md"]);
    expect((await commit(repo, "blocked", { FAIL: "1" })).exitCode).toBe(1);
    expect(await commitCount(repo)).toBe(1);
    expect((await commit(repo, "notes")).exitCode).toBe(0);
    expect(await readFile(join(repo, ".git/user-hook.log"), "utf8")).toBe("user hook ran\nuser hook ran\n");

    expect((await cli(repo, ["hook", "install", "--uninstall"])).stdout).toContain("put back the hook it had replaced");
    expect(await readFile(hook, "utf8")).toBe(original);
    expect((await stat(hook)).mode & 0o777).toBe(0o750);
    await expect(stat(`${hook}.sync-types-previous`)).rejects.toThrow();
    expect((await cli(repo, ["hook", "install", "--uninstall"])).stdout).toContain("nothing to remove");
  });

  test("core.hooksPath is where the hook goes", async () => {
    const repo = await clone();
    await git(repo, ["config", "core.hooksPath", ".githooks"]);
    expect((await cli(repo, ["hook", "install"])).stdout).toContain("installed the pre-commit hook .githooks/pre-commit");
    await expect(stat(join(repo, ".git/hooks/pre-commit"))).rejects.toThrow();
    await addField(repo, "    owner: str | None = None");
    await git(repo, ["add", MODELS]);
    expect((await commit(repo, "owner")).stderr).toContain("commit refused");
  });

  test.each([
    ["husky", ".husky", "echo 'npx --no-install sync-types hook run' >> .husky/pre-commit"],
    ["lefthook", "lefthook.yml", "      run: npx --no-install sync-types hook run"],
    ["pre-commit", ".pre-commit-config.yaml", "        entry: npx --no-install sync-types hook run"],
  ])("%s owns the hooks: its snippet is printed, nothing is installed", async (manager, marker, snippet) => {
    const repo = await clone();
    if (marker === ".husky") await mkdir(join(repo, marker));
    else await writeFile(join(repo, marker), "");
    const run = await cli(repo, ["hook", "install"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${manager} manages this repository's git hooks, so nothing was installed`);
    expect(run.stdout).toContain(snippet);
    await expect(stat(join(repo, ".git/hooks/pre-commit"))).rejects.toThrow();
  });

  test("partially staged: the staged version is judged and fixed, unstaged edits are left aside", async () => {
    const repo = await clone();
    await addField(repo, "    owner: str | None = None");
    await git(repo, ["add", MODELS]);
    await addField(repo, "    region: str | None = None");

    const refused = await cli(repo, ["hook", "run"]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/✗ estimation-api\s+stale.*\(unstaged changes to its sources left aside\)/);
    expect(refused.stdout).toContain("or (once your unstaged changes to it are staged too): npx sync-types --service estimation-api");

    expect((await cli(repo, ["hook", "run", "--fix"])).code).toBe(0);
    const stagedSpec = (await git(repo, ["show", `:${SPEC}`])).stdout;
    expect(stagedSpec).toContain('"owner"');
    expect(stagedSpec).not.toContain('"region"');
    expect((await git(repo, ["diff", "--name-only"])).stdout).toBe(MODELS);
    expect((await commit(repo, "owner")).exitCode).toBe(0);

    // The working tree (with `region`) would now produce another spec; what is staged is in sync.
    await writeFile(join(repo, "services/estimation-api/app/__init__.py"), "# the estimation service\n");
    await git(repo, ["add", "services/estimation-api/app/__init__.py"]);
    const inSync = await cli(repo, ["hook", "run"]);
    expect(inSync.code).toBe(0);
    expect(inSync.stdout).toMatch(/✓ estimation-api\s+staged contract in sync\s+\(unstaged changes to its sources left aside\)/);
  });
});
