import { execFileSync } from "node:child_process";
import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { makeProject } from "../helpers/project.js";

/**
 * A newcomer's setup mistakes, through the built CLI: each failure names what is wrong, where,
 * and the fix, in a line or two; none is an empty "see above", a stray `undefined` or a timing
 * of a stage that never ran.
 */
const SOURCES = ["http", "import"] as const;

/** Both streams: the per-service report goes to stdout, errors and warnings to stderr. */
const output = (run: { stdout: string; stderr: string }) => `${run.stdout}\n${run.stderr}`;

function expectNoNoise(text: string): void {
  expect(text).not.toContain("undefined");
  expect(text).not.toContain("0.00s");
  expect(text).not.toContain("    at "); // a user error, never a stack
}

describe("a wrong service dir", () => {
  test.each(SOURCES)("--source %s: the missing folder is named as a config error, exit 2", async (source) => {
    const dir = await makeProject({ est: { from: "test/fixtures/apps/ordered", app: "app:app", dir: "services/no-such-folder" } });
    const run = await runCli(["--source", source], { cwd: dir });
    expect(run.code).toBe(2);
    const text = output(run);
    expect(text).toContain(`services.est.dir: the folder ${join(dir, "services/no-such-folder")} does not exist`);
    expect(text).toContain('set "dir" to the service\'s folder');
    expect(text).not.toContain("exited before serving its spec");
    expect(text).not.toContain("ENOENT");
    expectNoNoise(text);
  });
});

describe("no venv in the service folder", () => {
  test.each(SOURCES)("--source %s: says python3 from PATH was used and how to fix it", async (source) => {
    const dir = await makeProject({ est: { from: "test/fixtures/apps/ordered", app: "app:app", python: undefined } });
    // A python3 without site-packages stands in for a system Python without FastAPI: deterministic whatever is installed.
    const bin = join(dir, "bin");
    await mkdir(bin);
    const real = execFileSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).trim();
    await writeFile(join(bin, "python3"), `#!/bin/sh\nexec "${real}" -S "$@"\n`);
    await chmod(join(bin, "python3"), 0o755);
    const run = await runCli(["--source", source], { cwd: dir, env: { PATH: `${bin}:${process.env["PATH"]}` } });
    expect(run.code).toBe(3);
    const text = output(run);
    expect(text).toMatch(/No module named '?(uvicorn|fastapi)/);
    expect(text).toContain(`no venv found at ${join(dir, "services/est/.venv")}, so python3 from PATH was used`);
    expect(text).toContain("python3 -m venv .venv");
    expect(text).toContain('set "python"');
    expectNoNoise(text);
  });
});

test.each(SOURCES)("--source %s on a url service without an app: names the missing app, no importing undefined, exit 2", async (source) => {
  const dir = await makeProject({ est: { from: "test/fixtures/apps/ordered", app: undefined, source: "url", url: "http://127.0.0.1:9" } });
  const run = await runCli(["--source", source], { cwd: dir });
  expect(run.code).toBe(2);
  const text = output(run);
  expect(text).toContain(`services.est.app: required for source "${source}"`);
  expect(text).toContain('set "app" to the ASGI app');
  expectNoNoise(text);
});

test("--source import with an interpreter that cannot be run: names it, no exit code undefined", async () => {
  const dir = await makeProject({ est: { from: "test/fixtures/apps/ordered", app: "app:app", python: "./not-executable-python" } });
  await writeFile(join(dir, "not-executable-python"), "");
  const run = await runCli(["--source", "import"], { cwd: dir });
  expect(run.code).toBe(3);
  const text = output(run);
  expect(text).toContain(`could not run ${join(dir, "not-executable-python")}`);
  expect(text).toContain("is executable");
  expectNoNoise(text);
});

test("http: an app crashing at import shows its own traceback, not uvicorn's and click's frames", async () => {
  const dir = await makeProject({ broken: { from: "test/fixtures/apps/broken", app: "app:app" } });
  const run = await runCli([], { cwd: dir });
  expect(run.code).toBe(3);
  const text = output(run);
  const traceback = text.slice(text.indexOf("Traceback (most recent call last):"));
  // The first frame after the header is the user's file.
  expect(traceback.split("\n")[1]).toContain(`${join(dir, "services/broken/app.py")}", line 6, in <module>`);
  expect(traceback).toContain("RuntimeError: settings: DATABASE_URL is required");
  expect(traceback).not.toMatch(/site-packages[/\\](click|uvicorn)[/\\]/);
  expect(run.stdout).toMatch(/^✗ broken {2}failed$/m);
  expectNoNoise(text);
});

test("check: a committed spec with merge-conflict markers is named as invalid JSON, with the fix", async () => {
  const dir = await makeProject({ svc: { from: "test/fixtures/apps/ordered", app: "app:app", source: "import" } });
  await mkdir(join(dir, "contracts"));
  await writeFile(join(dir, "contracts/svc.openapi.json"), '{\n<<<<<<< HEAD\n  "openapi": "3.1.0"\n=======\n  "openapi": "3.0.3"\n>>>>>>> feature\n}\n');
  const run = await runCli(["check"], { cwd: dir });
  expect(run.code).toBe(1);
  expect(run.stderr).toContain("contracts/svc.openapi.json (the committed spec of svc) is not valid JSON (it has git merge-conflict markers)");
  expect(run.stderr).toContain("sync-types -s svc");
  expectNoNoise(output(run));
});
