import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * Every service process carries `SYNC_TYPES_OWNER=<run>.<n>` in its environment, inherited by
 * all it starts. /proc/<pid>/environ keeps the environment a process was started with, so the
 * token finds a service's daemons even after they left its process group (setsid) and were
 * re-parented to init: the process group and the parent chain are not enough on their own.
 * Only processes that started no earlier than the run itself (`since`) can carry its token, so
 * only their environments are read: one pass costs a `stat` per process and an `environ` per
 * process of the run, ~2 ms with ~65 processes on an idle 2-core box.
 *
 * Elsewhere (macOS, the BSDs) there is no /proc and no way to read another process's environment:
 * the process table comes from `ps`, so a service's descendants are still found by parent chain
 * and its group by the group kill, but a daemon that left both (setsid, then re-parented) is not.
 */
export const OWNER_VAR = "SYNC_TYPES_OWNER";

export interface ProcessInfo {
  pid: number;
  pgid: number;
  /** The command line, spaces between arguments, for warnings. */
  command: string;
}

export interface ServiceProcesses {
  /** The leader's descendants and every process carrying the token, the leader aside. */
  pids: number[];
  /** Those carrying the token outside the leader's process group: daemons, reported by name. */
  strays: ProcessInfo[];
}

interface Entry {
  pid: number;
  ppid: number;
  pgid: number;
  /** Clock ticks after boot when it started (Linux); 0 where unknown. */
  start: number;
}

/**
 * What belongs to the service led by `leader` with owner token `token` (a prefix: `<run>.`
 * matches every service of a run, with no leader: -1). The token is read on Linux only; on
 * Windows nothing is found and the group kill is all. `since` (see `startedAt`): when the run
 * began; a process older than that is not read for the token.
 */
export function serviceProcesses(leader: number, token: string, leaderAlive = true, platform: NodeJS.Platform = process.platform, since = 0): ServiceProcesses {
  const tokens = readsEnvironments(platform);
  // Without tokens, a run-wide search (no leader) has nothing to follow: spare the `ps`.
  if (!tokens && leader <= 0) return { pids: [], strays: [] };
  const needle = Buffer.from(`${OWNER_VAR}=${token}`);
  const entries = processTable(platform);
  const owned = tokens ? entries.filter((e) => e.start >= since && carries(e.pid, needle)) : [];
  // Once the leader is reaped its pid may be reused: its "children" would be someone else's.
  const found = new Set([...(leaderAlive ? descendants(leader, entries) : []), ...owned.map((e) => e.pid)]);
  found.delete(leader);
  const strays = owned.filter((e) => leader > 0 && e.pgid !== leader && e.pid !== leader).map((e) => ({ pid: e.pid, pgid: e.pgid, command: commandOf(e.pid) }));
  return { pids: [...found], strays };
}

/** Signals the process group led by `leader` (the leader included: it cannot leave it) and each of `pids`. */
export function signalProcesses(leader: number, pids: number[], signal: NodeJS.Signals): void {
  try {
    process.kill(-leader, signal);
  } catch {
    // The group is gone or was never formed; the individual kills below still apply.
  }
  for (const target of pids) {
    try {
      process.kill(target, signal);
    } catch {
      // Already exited.
    }
  }
}

/** Descendants of `root` by parent chain: children that left the group (setsid) but are not re-parented yet. */
function descendants(root: number, entries: Entry[]): number[] {
  const children = new Map<number, number[]>();
  for (const { pid, ppid } of entries) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

function carries(pid: number, needle: Buffer): boolean {
  try {
    const environ = readFileSync(`/proc/${pid}/environ`);
    for (let at = environ.indexOf(needle); at >= 0; at = environ.indexOf(needle, at + 1)) {
      if (at === 0 || environ[at - 1] === 0) return true;
    }
    return false;
  } catch {
    // Exited while we looked, or not ours to read.
    return false;
  }
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
  } catch {
    return "?";
  }
}

/** When process `pid` started, in clock ticks after boot (/proc/<pid>/stat); 0 off Linux or once it is gone. */
export function startedAt(pid: number, platform: NodeJS.Platform = process.platform): number {
  return platform === "linux" ? (readStat(pid)?.start ?? 0) : 0;
}

/** Only Linux shows another process's initial environment (/proc/<pid>/environ). */
export const readsEnvironments = (platform: NodeJS.Platform) => platform === "linux";

/** Every live process but this one: /proc on Linux, `ps` on other POSIX systems, none on Windows. */
function processTable(platform: NodeJS.Platform): Entry[] {
  if (platform === "win32") return [];
  const rows = platform === "linux" ? listPids().flatMap((pid) => readStat(pid) ?? []) : psTable();
  // Zombies are dead already; Linux says "Z", ps "Z" followed by flags.
  return rows.filter((row) => row.pid !== process.pid && !row.state.startsWith("Z"));
}

function listPids(): number[] {
  try {
    return readdirSync("/proc").filter((e) => /^\d+$/.test(e)).map(Number);
  } catch {
    return [];
  }
}

/** `ps` as POSIX and BSD both spell it; a failure (no ps) finds nothing, leaving the group kill. */
function psTable(): (Entry & { state: string })[] {
  let out: string;
  try {
    out = execFileSync("ps", ["-A", "-o", "pid=,ppid=,pgid=,stat="], { encoding: "utf8", timeout: 5000, stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return [];
  }
  return out.split("\n").flatMap((line) => {
    const [pid, ppid, pgid, state] = line.trim().split(/\s+/);
    return pid && state ? [{ pid: Number(pid), ppid: Number(ppid), pgid: Number(pgid), start: 0, state }] : [];
  });
}

function readStat(pid: number): (Entry & { state: string }) | undefined {
  try {
    // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Field 22 of proc(5), counted from 1 with pid and comm first: starttime.
    return { pid, state: fields[0]!, ppid: Number(fields[1]), pgid: Number(fields[2]), start: Number(fields[19]) || 0 };
  } catch {
    return undefined;
  }
}
