import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { resolveService } from "../../../src/config/resolve.js";
import { obtainViaImport } from "../../../src/services/import.js";
import { FIXTURE_PYTHON, REPO_ROOT } from "../../helpers/paths.js";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * The contract stage stops a service's early run (Session.applyContractAndObtain) the moment it
 * knows the module changes; with the module cache warm that is often before the import has even
 * spawned. Such a stop must still end the run, not wait for an import that may take a minute.
 */
test("an import stopped before its process has spawned ends at once, and its process with it", { timeout: 30_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "sync-types-import-abort-"));
  onTestFinished(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const pidFile = join(dir, "pids");
  const service = resolveService("slow", {
    dir: "test/fixtures/apps/slow-start", app: "app:app", source: "import", python: FIXTURE_PYTHON, spec: "slow.json", output: "out",
    env: { PID_FILE: pidFile, SLEEP: "60" }, readyTimeoutMs: 60_000,
  }, REPO_ROOT, join(REPO_ROOT, "sync-types.config.json"));
  const stop = new AbortController();
  const started = Date.now();
  const run = obtainViaImport(service, { signal: stop.signal });
  stop.abort(); // while the run makes its temp folder: no process to stop yet
  await expect(run).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(15_000);
  const pids = (await readFile(pidFile, "utf8").catch(() => "")).split("\n").filter(Boolean).map(Number);
  expect(pids.filter(alive)).toEqual([]);
});
