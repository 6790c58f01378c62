import { readdirSync, readFileSync } from "node:fs";

/**
 * Every live process whose parent chain leads to `root` (Linux /proc; elsewhere empty).
 * Used on top of the process-group kill, for children that left the group (setsid, daemons).
 */
export function descendantsOf(root: number): number[] {
  if (process.platform !== "linux") return [];
  const children = new Map<number, number[]>();
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentOf(entry);
    if (ppid === undefined) continue;
    const list = children.get(ppid) ?? [];
    list.push(Number(entry));
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

function parentOf(pid: string): number | undefined {
  try {
    // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

/** Signals the process group led by `pid` and every descendant found in /proc. */
export function signalTree(pid: number, signal: NodeJS.Signals): void {
  const targets = descendantsOf(pid);
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone or was never formed; the individual kills below still apply.
  }
  for (const target of [pid, ...targets]) {
    try {
      process.kill(target, signal);
    } catch {
      // Already exited.
    }
  }
}
