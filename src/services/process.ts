import { spawn } from "node:child_process";
import { registerCleanup } from "../cleanup.js";
import { OutputTail } from "./output-tail.js";
import { OWNER_VAR, serviceProcesses, signalProcesses, startedAt, type ProcessInfo } from "./process-tree.js";
import { RUN_TOKEN, ensureWatchdog, forgetGroup, releaseWatchdog, watchGroup } from "./watchdog.js";

/** Every process of this run starts after this one: older processes are not read for its token. */
const RUN_STARTED = startedAt(process.pid);
const ofThisRun = (leader: number, token: string, leaderAlive = true) => serviceProcesses(leader, token, leaderAlive, process.platform, RUN_STARTED);

export { OutputTail } from "./output-tail.js";

export interface ExitInfo {
  code: number | undefined;
  signal: string | undefined;
}

export interface ManagedProcess {
  readonly pid: number;
  readonly output: OutputTail;
  /** Settles when the leader exits, however that happens; its output pipes never hold it back. */
  readonly exited: Promise<ExitInfo>;
  readonly hasExited: () => boolean;
  /** SIGTERM to the whole tree, SIGKILL after `graceMs`; resolves once the leader is gone. */
  stop(graceMs?: number): Promise<void>;
  /** Writes to its stdin (only with `stdin: "pipe"`). */
  write(text: string): void;
}

export interface SpawnOptions {
  cwd: string;
  env: Record<string, string>;
  /** Names the process in warnings, e.g. the service name. */
  label?: string | undefined;
  /** Called with each complete line of stdout or stderr. */
  onLine?: ((line: string) => void) | undefined;
  /** When set, stdout is a line protocol: its lines go here, not to `onLine` or the output tail. */
  onStdoutLine?: ((line: string) => void) | undefined;
  /** Default: written to stderr as `warning …`. */
  onWarning?: ((message: string) => void) | undefined;
  /** Default `"ignore"`. */
  stdin?: "ignore" | "pipe";
}

/** Output that arrives after the leader's exit is still read for this long, then the pipes are closed. */
const DRAIN_MS = 200;

const live = new Set<ManagedProcess>();
let spawned = 0;

/**
 * Starts `argv` as the leader of its own process group (so its whole tree can be signalled),
 * marks its environment with an owner token (so daemons that leave the group are still found),
 * and registers it so that no exit path of sync-types leaves it running.
 */
export function spawnProcess(argv: string[], options: SpawnOptions): ManagedProcess {
  const [file, ...args] = argv;
  const token = `${RUN_TOKEN}.${++spawned}`;
  ensureWatchdog();
  const child = spawn(file!, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, [OWNER_VAR]: token },
    detached: true,
    stdio: [options.stdin ?? "ignore", "pipe", "pipe"],
  });
  const output = new OutputTail();
  const onData = (chunk: Buffer) => {
    for (const line of output.push(chunk.toString("utf8"))) options.onLine?.(line);
  };
  const protocol = new OutputTail(0);
  const onProtocol = (chunk: Buffer) => {
    for (const line of protocol.push(chunk.toString("utf8"))) options.onStdoutLine?.(line);
  };
  child.stdout!.on("data", options.onStdoutLine ? onProtocol : onData);
  child.stderr!.on("data", onData);
  child.stdin?.on("error", () => undefined);

  const closePipes = () => {
    child.stdout!.destroy();
    child.stderr!.destroy();
    child.stdin?.destroy();
  };
  let leaderGone = false;
  const exited = new Promise<ExitInfo>((resolve) => {
    let info: ExitInfo = { code: undefined, signal: undefined };
    let settled = false;
    let drain: NodeJS.Timeout | undefined;
    const settle = () => {
      if (settled) return;
      settled = true;
      // A pending drain timer would hold a finished run open for DRAIN_MS.
      clearTimeout(drain);
      // A daemon that inherited stdout/stderr keeps them open forever: they must not decide.
      closePipes();
      resolve(info);
    };
    child.once("exit", (code, signal) => {
      leaderGone = true;
      info = { code: code ?? undefined, signal: signal ?? undefined };
      drain = setTimeout(settle, DRAIN_MS);
    });
    child.once("close", settle);
    child.once("error", (error) => {
      leaderGone = true;
      output.push(`${error.message}\n`);
      settle();
    });
  });

  const pid = child.pid ?? -1;
  const warn = options.onWarning ?? ((message: string) => process.stderr.write(`warning ${message}\n`));
  let stopping: Promise<void> | undefined;
  const killAll = (signal: NodeJS.Signals) => signalProcesses(pid, ofThisRun(pid, token, !leaderGone).pids, signal);

  const stop = async (graceMs: number) => {
    if (pid > 0) {
      const running = !leaderGone;
      const { pids, strays } = ofThisRun(pid, token, running);
      reportStrays(strays, options.label ?? argv.join(" "), warn);
      if (running) {
        signalProcesses(pid, pids, "SIGTERM");
        const timer = new Promise<"timeout">((r) => setTimeout(r, graceMs, "timeout").unref());
        if ((await Promise.race([exited, timer])) === "timeout") killAll("SIGKILL");
        await exited;
        // Children that ignored SIGTERM, or daemons that left the group, may outlive the leader.
        killAll("SIGKILL");
      } else {
        // The leader had exited (an import run that finished): what the one look found is all that is left.
        await exited;
        signalProcesses(pid, pids, "SIGKILL");
      }
      forgetGroup(pid);
    }
    closePipes();
    live.delete(managed);
  };
  const managed: ManagedProcess = {
    pid,
    output,
    exited,
    hasExited: () => leaderGone,
    stop: (graceMs = 3000) => (stopping ??= stop(graceMs)),
    write(text) {
      if (child.stdin?.writable) child.stdin.write(text);
    },
  };
  // Tracked until stopped, even after the leader exits: its group may live on.
  if (pid > 0) {
    live.add(managed);
    watchGroup(pid);
  }
  return managed;
}

function reportStrays(strays: ProcessInfo[], label: string, warn: (message: string) => void): void {
  if (strays.length === 0) return;
  const list = strays.map((p) => `${p.pid} (${p.command.slice(0, 80)})`).join(", ");
  warn(`${label}: ${strays.length === 1 ? "a process" : "processes"} left the service's process group and ${strays.length === 1 ? "was" : "were"} stopped with it: ${list}`);
}

let shuttingDown = false;

/** True once sync-types began stopping everything: exits seen after that are expected. */
export function isShuttingDown(): boolean {
  return shuttingDown;
}

/** Stops every process sync-types started; used on SIGINT/SIGTERM and by tests. */
export async function stopAllProcesses(graceMs = 1500): Promise<void> {
  shuttingDown = true;
  await Promise.all([...live].map((p) => p.stop(graceMs)));
}

/** Last resort on `exit`: synchronous, so only SIGKILL. With nothing left, the watchdog is let go. */
function killAllNow(): void {
  if (live.size === 0) return releaseWatchdog();
  const owned = ofThisRun(-1, `${RUN_TOKEN}.`).pids;
  for (const p of live) signalProcesses(p.pid, owned, "SIGKILL");
  live.clear();
}
registerCleanup(() => stopAllProcesses(1500));
process.on("exit", killAllNow);
