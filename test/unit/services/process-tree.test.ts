import { spawn } from "node:child_process";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, expect, test } from "vitest";
import { OWNER_VAR, readsEnvironments, serviceProcesses, startedAt } from "../../../src/services/process-tree.js";
import { watchdogRuns } from "../../../src/services/watchdog.js";

/**
 * The process table is read from /proc on Linux and from `ps` elsewhere (macOS, the BSDs); the
 * platform is injected, so the `ps` path runs here against real processes too.
 */
const TOKEN = `test-${process.pid}.1`;
const started: number[] = [];
afterEach(() => {
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Gone already.
    }
  }
});

/** A service-like group: a leader with a child in its group and one that left it (setsid). */
async function startGroup(): Promise<{ leader: number; children: number[] }> {
  const child = spawn("/bin/sh", ["-c", "sleep 30 & setsid sleep 30 & echo $!; wait"], { detached: true, stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, [OWNER_VAR]: TOKEN } });
  const leader = child.pid!;
  started.push(-leader);
  const setsid = Number(await new Promise<string>((resolve) => child.stdout!.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()))));
  started.push(setsid);
  // Both children exist once sh has forked them; the table is read after that.
  for (let i = 0; i < 250 && serviceProcesses(leader, TOKEN, true, "linux").pids.length < 2; i++) await sleep(20);
  return { leader, children: [setsid] };
}

test.each(["linux", "darwin", "freebsd"] as const)("%s: a service's descendants are found, its group and the one that left it", async (platform) => {
  const { leader, children } = await startGroup();
  const { pids } = serviceProcesses(leader, TOKEN, true, platform);
  expect(pids.length).toBe(2);
  expect(pids).toEqual(expect.arrayContaining(children));
  expect(pids).not.toContain(leader);
});

test("only Linux reads the owner token: a run-wide search finds the run's processes there, and nothing (no ps call) elsewhere", async () => {
  const { leader } = await startGroup();
  expect(readsEnvironments("linux")).toBe(true);
  expect(serviceProcesses(-1, `test-${process.pid}.`, true, "linux").pids.sort()).toEqual(serviceProcesses(leader, TOKEN, true, "linux").pids.concat(leader).sort());
  expect(readsEnvironments("darwin")).toBe(false);
  expect(serviceProcesses(-1, `test-${process.pid}.`, true, "darwin")).toEqual({ pids: [], strays: [] });
  expect(serviceProcesses(leader, TOKEN, true, "win32")).toEqual({ pids: [], strays: [] });
});

test("a run-wide search reads the token only of processes no older than the run (`since`)", async () => {
  const { leader } = await startGroup();
  const found = (since: number) => serviceProcesses(-1, `test-${process.pid}.`, true, "linux", since).pids.sort();
  const all = found(0);
  expect(all).toHaveLength(3); // the leader, its child and the one that left the group
  const started = all.map((pid) => startedAt(pid, "linux"));
  expect(started.every((ticks) => ticks >= startedAt(process.pid, "linux") && ticks > 0)).toBe(true);
  expect(all).toContain(leader);
  // The run began before them: all found. It began after them (an older carrier of the token): none.
  expect(found(startedAt(process.pid, "linux"))).toEqual(all);
  expect(found(Math.max(...started) + 1)).toEqual([]);
  expect(startedAt(process.pid, "darwin")).toBe(0);
});

test("the watchdog runs on every POSIX system, not on Windows", () => {
  expect(["linux", "darwin", "freebsd", "win32"].map((p) => watchdogRuns(p as NodeJS.Platform))).toEqual([true, true, true, false]);
});
