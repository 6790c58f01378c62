import { spawn } from "node:child_process";
import { expect, test } from "vitest";
import { BIN } from "../helpers/paths.js";
import { runCli } from "../helpers/cli.js";
import { processesMatching } from "../helpers/processes.js";
import { makeProject } from "../helpers/project.js";

/** Runs the CLI with its stdout closed by the reader before anything is written, as `| head -1` does. */
function withClosedStdout(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => resolve({ code, stderr }));
  });
}

test("a reader that closes stdout (| head -1): no EPIPE crash, the same exit code, no service left running", { timeout: 120_000 }, async () => {
  const help = await withClosedStdout(["--help"], process.cwd());
  expect(help.stderr).not.toMatch(/EPIPE|Unhandled|internal error/);
  expect(help.code).toBe(0);

  const marker = `closed-output-${process.pid}`;
  const dir = await makeProject({ svc: { from: "test/fixtures/apps/ordered", app: "app:app", env: { MARKER: marker } } });
  expect((await runCli([], { cwd: dir })).code).toBe(0);
  const check = await withClosedStdout(["check"], dir);
  expect(check.stderr).not.toMatch(/EPIPE|Unhandled|internal error/);
  expect(check.code).toBe((await runCli(["check"], { cwd: dir })).code);
  expect(processesMatching(marker)).toEqual([]);
});
