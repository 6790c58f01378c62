import { spawn } from "node:child_process";
import { join } from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { isRunning, waitFor } from "../../helpers/processes.js";
import { REPO_ROOT } from "../../helpers/paths.js";

const WATCHDOG = join(REPO_ROOT, "dist/src/services/watchdog-main.js");

/** A process group of its own, as a service's is, and a watchdog told of it. */
function groupAndWatchdog() {
  const group = spawn("sleep", ["300"], { detached: true, stdio: "ignore" });
  const watchdog = spawn(process.execPath, [WATCHDOG, `test-${process.pid}-${Date.now()}`], { detached: true, stdio: ["pipe", "ignore", "ignore"] });
  onTestFinished(() => {
    for (const pid of [group.pid!, watchdog.pid!]) try { process.kill(pid, "SIGKILL"); } catch { /* gone */ }
  });
  const exited = new Promise<void>((resolve) => watchdog.once("exit", () => resolve()));
  watchdog.stdin!.write(`+${group.pid}\n`);
  return { group, watchdog, exited };
}

test("the run's end (its pipe closing) makes the watchdog stop the groups it was told of", async () => {
  const { group, watchdog, exited } = groupAndWatchdog();
  watchdog.stdin!.end();
  await exited;
  expect(await waitFor(() => !isRunning(group.pid!), 5000)).toBe(true);
});

test("a run that said it stopped everything lets its watchdog go after one look, signalling nothing", async () => {
  const { group, watchdog, exited } = groupAndWatchdog();
  // The run stopped the group (here it did not: the watchdog must take its word and the look).
  watchdog.stdin!.end(`-${group.pid}\n.\n`);
  await exited;
  expect(isRunning(group.pid!)).toBe(true);
});

test("a group the run still had when it said so is stopped all the same", async () => {
  const { group, watchdog, exited } = groupAndWatchdog();
  watchdog.stdin!.end(".\n");
  await exited;
  expect(await waitFor(() => !isRunning(group.pid!), 5000)).toBe(true);
});
