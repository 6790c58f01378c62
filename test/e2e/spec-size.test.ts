import { execa } from "execa";
import { expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { sendEndless, sendTrickle, startFakeServer } from "../helpers/fake-server.js";
import { BIN } from "../helpers/paths.js";
import { makeProject } from "../helpers/project.js";

/** Spec bodies are read up to `maxSpecBytes` (64 MiB by default), whatever the source. */
const server = await startFakeServer((req, res, fake) => {
  if (req.url === "/endless") return sendEndless(res, fake);
  if (req.url === "/trickle") return sendTrickle(res, fake);
});
const url = (openapiPath: string, more: Record<string, unknown> = {}) => ({
  from: "test/fixtures/apps/ordered",
  source: "url",
  url: server.origin,
  openapiPath,
  ...more,
});

test("an endless /openapi.json stops at the default 64 MiB: exit 3, bounded memory, the rest never downloaded", async () => {
  const dir = await makeProject({ svc: url("/endless") });
  // GNU time reports the peak RSS of the run (in KiB) on its last stderr line.
  const run = await execa("/usr/bin/time", ["-f", "%M", process.execPath, BIN], { cwd: dir, env: { NO_COLOR: "1" }, reject: false });
  expect(run.exitCode, run.stdout).toBe(3);
  expect(run.stdout).toContain(`${server.origin}/endless: the spec is over the 64 MiB limit (maxSpecBytes); reading stopped there`);
  expect(run.stdout).toContain(`hint: check that "openapiPath" (now /endless) serves the OpenAPI document; if the spec really is that large, raise the service's "maxSpecBytes" (bytes)`);
  const peakMiB = Number(run.stderr.trim().split("\n").at(-1)) / 1024;
  expect(peakMiB).toBeLessThan(400);
  await expect.poll(() => server.abandoned.length).toBe(1);
  expect(server.abandoned[0]).toBeLessThan(100 * 1024 * 1024);
});

test("a body that trickles forever ends at readyTimeoutMs with exit 3", async () => {
  const dir = await makeProject({ svc: url("/trickle", { readyTimeoutMs: 1500 }) });
  const run = await runCli(["check"], { cwd: dir });
  expect(run.code, run.stdout).toBe(3);
  expect(run.stdout).toContain(`${server.origin}/trickle did not finish sending its spec within 1500 ms`);
});

test("maxSpecBytes caps the spec of a started service and of an imported app alike", async () => {
  const dir = await makeProject({
    started: { from: "test/fixtures/apps/ordered", app: "app:app", maxSpecBytes: 500 },
    imported: { from: "test/fixtures/apps/ordered", app: "app:app", source: "import", maxSpecBytes: 500 },
  });
  const run = await runCli([], { cwd: dir });
  expect(run.code, run.stdout).toBe(3);
  expect(run.stdout).toMatch(/http:\/\/127\.0\.0\.1:\d+\/openapi\.json: the spec is \d+ bytes \(its Content-Length\), over the 500 bytes limit \(maxSpecBytes\)/);
  expect(run.stdout).toMatch(/app:app\.openapi\(\): the spec is \d+ bytes, over the 500 bytes limit \(maxSpecBytes\)\n\s+hint: check what the app's openapi\(\) returns;/);
});

test("sync-types generate <url> is capped too", async () => {
  const dir = await makeProject({});
  const run = await runCli(["generate", `${server.origin}/endless`, "-o", "out"], { cwd: dir });
  expect(run.code).toBe(3);
  expect(run.stderr).toContain(`error ${server.origin}/endless: the spec is over the 64 MiB limit (maxSpecBytes); reading stopped there`);
});

test("a maxSpecBytes that is not a positive integer is a config error at its dot-path", async () => {
  const dir = await makeProject({ svc: url("/openapi.json", { maxSpecBytes: "64MB" }) });
  const run = await runCli([], { cwd: dir });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('services.svc.maxSpecBytes: expected a positive integer (bytes), got "64MB"');
});
