import { readdirSync, readFileSync } from "node:fs";

/**
 * Every service process carries `SYNC_TYPES_OWNER=<run>.<n>` in its environment, inherited by
 * all it starts. /proc/<pid>/environ keeps the environment a process was started with, so the
 * token finds a service's daemons even after they left its process group (setsid) and were
 * re-parented to init: the process group and the parent chain are not enough on their own.
 */
export const OWNER_VAR = "SYNC_TYPES_OWNER";

export interface ProcessInfo {
  pid: number;
  pgid: number;
  /** The command line, spaces between arguments, for warnings. */
  command: string;
}

/** Live processes whose environment holds `OWNER_VAR=<prefix>…` (Linux /proc; elsewhere empty). */
export function processesOwnedBy(prefix: string): ProcessInfo[] {
  if (process.platform !== "linux") return [];
  const needle = Buffer.from(`${OWNER_VAR}=${prefix}`);
  const found: ProcessInfo[] = [];
  for (const entry of listPids()) {
    if (entry === process.pid) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`);
      const at = environ.indexOf(needle);
      if (at !== 0 && (at < 0 || environ[at - 1] !== 0)) continue;
      const stat = readStat(entry);
      if (!stat || stat.state === "Z") continue;
      const command = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").filter(Boolean).join(" ");
      found.push({ pid: entry, pgid: stat.pgid, command });
    } catch {
      // Exited while we looked, or not ours to read.
    }
  }
  return found;
}

/**
 * Every live process whose parent chain leads to `root` (Linux /proc; elsewhere empty).
 * Used on top of the process-group kill, for children that left the group (setsid, daemons).
 */
export function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of listPids()) {
    const ppid = readStat(pid)?.ppid;
    if (ppid === undefined) continue;
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }
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

function listPids(): number[] {
  if (process.platform !== "linux") return [];
  try {
    return readdirSync("/proc").filter((e) => /^\d+$/.test(e)).map(Number);
  } catch {
    return [];
  }
}

function readStat(pid: number): { state: string; ppid: number; pgid: number } | undefined {
  try {
    // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { state: fields[0]!, ppid: Number(fields[1]), pgid: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/** Signals the process group led by `pid`, every descendant found in /proc, and `extra`. */
export function signalTree(pid: number, signal: NodeJS.Signals, extra: number[] = []): void {
  const targets = descendantsOf(pid);
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone or was never formed; the individual kills below still apply.
  }
  for (const target of new Set([pid, ...targets, ...extra])) {
    try {
      process.kill(target, signal);
    } catch {
      // Already exited.
    }
  }
}
