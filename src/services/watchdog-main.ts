/**
 * The watchdog: `node watchdog-main.js <run token>`, started once per run, detached, with a pipe
 * from sync-types as its stdin. sync-types never closes that pipe; the kernel does when
 * sync-types dies, however it dies (SIGKILL, OOM killer, a CI timeout). On EOF the watchdog stops
 * every process group it was told of and, on Linux, every process carrying the run's token (a
 * daemon that left its group), then exits. macOS cannot read another process's environment: there
 * the groups are all it stops (see process-tree.ts).
 *
 * Lines on stdin: "+<pgid>" a service group started, "-<pgid>" it was stopped, "." sync-types is
 * ending with every process it started stopped: then one look at EOF confirms it (no group left,
 * no process with the token) and the watchdog ends at once; anything found is reaped as after a crash.
 */
import { serviceProcesses, startedAt } from "./process-tree.js";

const token = process.argv[2] ?? "";
/** The run is the process that started the watchdog (alive now: it just did); none of its processes is older. */
const runStarted = startedAt(process.ppid);
const groups = new Set<number>();

// Ctrl-C reaches the whole foreground group; the watchdog must outlive it to do its job.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => undefined);

let pending = "";
let released = false;
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk: string) => {
  const lines = (pending + chunk).split("\n");
  pending = lines.pop() ?? "";
  for (const line of lines) {
    if (line === ".") released = true;
    const pgid = Number(line.slice(1));
    if (!(pgid > 0)) continue;
    if (line.startsWith("+")) groups.add(pgid);
    else groups.delete(pgid);
  }
});
process.stdin.on("close", () => void reap());
process.stdin.on("error", () => void reap());

let reaping = false;
async function reap(): Promise<void> {
  if (reaping) return;
  reaping = true;
  if (released && groups.size === 0 && live().length === 0) process.exit(0);
  // SIGTERM first so services shut down cleanly; SIGKILL whatever is left (or was forked meanwhile).
  signalAll("SIGTERM");
  for (let waited = 0; waited < 1000 && live().length > 0; waited += 100) await sleep(100);
  // SIGKILL until two scans in a row find nothing: a process caught between fork and exec when
  // sync-types died carries its token only once exec'd. Bounded, so the watchdog always ends.
  for (let round = 0, quiet = 0; round < 100 && quiet < 2; round++) {
    signalAll("SIGKILL");
    await sleep(50);
    quiet = live().length === 0 ? quiet + 1 : 0;
  }
  process.exit(0);
}

function live(): number[] {
  return token ? serviceProcesses(-1, `${token}.`, true, process.platform, runStarted).pids : [];
}

function signalAll(signal: NodeJS.Signals): void {
  for (const pgid of groups) tryKill(-pgid, signal);
  for (const pid of live()) tryKill(pid, signal);
}

function tryKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Gone already.
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
