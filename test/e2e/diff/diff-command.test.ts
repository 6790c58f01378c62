import { execa } from "execa";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { runDiff, type DiffCommandOptions } from "../../../src/cli/commands/diff.js";
import { UsageError } from "../../../src/errors.js";
import { createLogger } from "../../../src/logger.js";
import { canonicalizeSpec, serializeSpec } from "../../../src/spec/canonical.js";
import { FIXTURE_PYTHON, REPO_ROOT } from "../../helpers/paths.js";
import { makeProject } from "../../helpers/project.js";

const CASE = "test/fixtures/diff-apps/add-required-query-param";
const EXTRACT = "import json, sys; sys.path.insert(0, '.'); import app; print(json.dumps(app.app.openapi()))";
const SPEC = "contracts/items.openapi.json";

async function specText(folder: string): Promise<string> {
  const { stdout } = await execa(FIXTURE_PYTHON, ["-c", EXTRACT], { cwd: join(REPO_ROOT, folder), env: { PYTHONHASHSEED: "0", PYTHONDONTWRITEBYTECODE: "1" } });
  return serializeSpec(canonicalizeSpec(JSON.parse(stdout), "items"));
}

/** Runs the command in `dir` as the CLI would, capturing what it prints. */
async function diffIn(dir: string, options: Omit<DiffCommandOptions, "format"> & { format?: DiffCommandOptions["format"] }) {
  const cwd = process.cwd();
  const workspace = process.env["GITHUB_WORKSPACE"];
  delete process.env["GITHUB_WORKSPACE"];
  let stdout = "";
  let stderr = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const logger = createLogger({
    out: { write: (chunk: string) => ((stdout += chunk), true) } as unknown as NodeJS.WritableStream,
    err: { write: (chunk: string) => ((stderr += chunk), true) } as unknown as NodeJS.WritableStream,
    env: { NO_COLOR: "1" },
  });
  process.chdir(dir);
  try {
    const code = await runDiff({ format: "pretty", ...options }, logger);
    return { code, stdout, stderr };
  } finally {
    spy.mockRestore();
    process.chdir(cwd);
    if (workspace !== undefined) process.env["GITHUB_WORKSPACE"] = workspace;
  }
}

const git = (dir: string, ...args: string[]) => execa("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: dir });

let dir: string;
let before: string;
let after: string;

beforeAll(async () => {
  [before, after] = await Promise.all([specText(`${CASE}/before`), specText(`${CASE}/after`)]);
  dir = await makeProject({ items: { from: `${CASE}/after`, app: "app:app", source: "import" } });
  await mkdir(join(dir, "contracts"), { recursive: true });
  await writeFile(join(dir, SPEC), before);
  await writeFile(join(dir, "after.json"), after);
});

describe("sync-types diff", () => {
  test("live head against the committed spec: the new required parameter fails, at its line", async () => {
    const { code, stdout } = await diffIn(dir, { format: "json" });
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    const [change] = report.services[0].changes;
    expect(report.services[0]).toMatchObject({ service: "items", spec: SPEC, base: SPEC, head: "live (import)", error: null });
    expect(change).toMatchObject({ id: "request-required-parameter-added", location: "GET /items -> query.tenant", failing: true, side: "head" });
    // A new parameter has no line of its own in the base: it is placed at its operation.
    expect(before.split("\n")[change.line - 1]).toBe('      "get": {');
  });

  test("an ignore entry with a reason accepts it; an expired one is reported and no longer applies", async () => {
    const configFile = join(dir, "sync-types.config.json");
    const config = JSON.parse(await readFile(configFile, "utf8"));
    const ignore = { rule: "request-required-parameter-added", location: "GET /items -> query.tenant", reason: "every caller sends a tenant" };
    await writeFile(configFile, JSON.stringify({ ...config, breaking: { ignore: [ignore] } }));
    const accepted = await diffIn(dir, { head: "after.json" });
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain("ignored: every caller sends a tenant");

    await writeFile(configFile, JSON.stringify({ ...config, breaking: { ignore: [{ ...ignore, expires: "2020-01-01" }] } }));
    const expired = await diffIn(dir, { head: "after.json", format: "github" });
    expect(expired.code).toBe(1);
    expect(expired.stdout).toMatch(/^::error file=contracts\/items\.openapi\.json,line=\d+,col=\d+,title=request-required-parameter-added \(items\)::/m);
    expect(expired.stdout).toContain("::warning title=sync-types%3A expired ignore::");
    await writeFile(configFile, JSON.stringify(config));
  });

  test("--base <git-ref> reads the spec at that ref; a ref without it means everything is new", async () => {
    await git(dir, "init", "-q");
    await git(dir, "commit", "-q", "--allow-empty", "-m", "empty");
    await git(dir, "add", SPEC);
    await git(dir, "commit", "-q", "-m", "spec");
    await writeFile(join(dir, SPEC), after);

    const atHead = await diffIn(dir, { base: "HEAD", head: SPEC, format: "json" });
    expect(atHead.code).toBe(1);
    expect(JSON.parse(atHead.stdout).services[0].base).toBe(`HEAD:${SPEC}`);

    const atFirst = await diffIn(dir, { base: "HEAD~1", head: SPEC, format: "json" });
    expect(atFirst.code).toBe(0);
    expect(new Set(JSON.parse(atFirst.stdout).services[0].changes.map((c: { id: string }) => c.id))).toEqual(new Set(["operation-added"]));

    await expect(diffIn(dir, { base: "no-such-ref", head: SPEC })).rejects.toThrow(UsageError);
    await writeFile(join(dir, SPEC), before);
  });

  test("a spec file belongs to one service", async () => {
    const two = await makeProject({
      a: { from: `${CASE}/after`, app: "app:app", source: "import" },
      b: { from: `${CASE}/after`, app: "app:app", source: "import" },
    });
    await expect(diffIn(two, { head: join(dir, "after.json") })).rejects.toThrow(/one service/);
  });
});
