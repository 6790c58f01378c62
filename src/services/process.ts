import { execa } from "execa";
import { trimTraceback } from "./common.js";
import { signalTree } from "./process-tree.js";

/** The last lines a process printed, for error messages. */
export class OutputTail {
  readonly #lines: string[] = [];
  #partial = "";
  /** Keeps more than it shows: trimming noise frames from a traceback must still leave `size` lines. */
  constructor(readonly size = 20) {}
  push(chunk: string): string[] {
    const parts = (this.#partial + chunk).split(/\r?\n/);
    this.#partial = parts.pop() ?? "";
    for (const line of parts) {
      this.#lines.push(line);
      if (this.#lines.length > this.size * 3) this.#lines.shift();
    }
    return parts;
  }
  lines(): string[] {
    const all = this.#partial ? [...this.#lines, this.#partial] : [...this.#lines];
    return trimTraceback(all).slice(-this.size);
  }
  text(): string {
    return this.lines().join("\n");
  }
}

export interface ExitInfo {
  code: number | undefined;
  signal: string | undefined;
}

export interface ManagedProcess {
  readonly pid: number;
  readonly output: OutputTail;
  /** Settles when the process exits, however that happens. */
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
  /** Called with each complete line of stdout or stderr. */
  onLine?: ((line: string) => void) | undefined;
  /** When set, stdout is a line protocol: its lines go here, not to `onLine` or the output tail. */
  onStdoutLine?: ((line: string) => void) | undefined;
  /** Default `"ignore"`. */
  stdin?: "ignore" | "pipe";
}

const live = new Set<ManagedProcess>();

/**
 * Starts `argv` as the leader of its own process group (so its whole tree can be signalled)
 * and registers it so that no exit path of sync-types leaves it running.
 */
export function spawnProcess(argv: string[], options: SpawnOptions): ManagedProcess {
  const [file, ...args] = argv;
  const child = execa(file!, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: true,
    detached: true,
    cleanup: false,
    reject: false,
    buffer: false,
    stdin: options.stdin ?? "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const output = new OutputTail();
  const onData = (chunk: Buffer) => {
    for (const line of output.push(chunk.toString("utf8"))) options.onLine?.(line);
  };
  const protocol = new OutputTail(0);
  const onProtocol = (chunk: Buffer) => {
    for (const line of protocol.push(chunk.toString("utf8"))) options.onStdoutLine?.(line);
  };
  child.stdout?.on("data", options.onStdoutLine ? onProtocol : onData);
  child.stderr?.on("data", onData);

  let done = false;
  const exited: Promise<ExitInfo> = child.then(
    (result) => ({ code: result.exitCode, signal: result.signal }),
    (error: { exitCode?: number; signal?: string; message?: string; code?: string }) => {
      if (error.code === "ENOENT" || error.message) output.push(`${error.message ?? ""}\n`);
      return { code: error.exitCode, signal: error.signal };
    },
  ).finally(() => {
    done = true;
  });

  const pid = child.pid ?? -1;
  const managed: ManagedProcess = {
    pid,
    output,
    exited,
    hasExited: () => done,
    async stop(graceMs = 3000) {
      if (pid > 0 && !done) {
        signalTree(pid, "SIGTERM");
        const timer = new Promise<"timeout">((r) => setTimeout(r, graceMs, "timeout").unref());
        if ((await Promise.race([exited, timer])) === "timeout") signalTree(pid, "SIGKILL");
      }
      await exited;
      // Children that ignored SIGTERM may outlive the leader: finish them off.
      if (pid > 0) signalTree(pid, "SIGKILL");
      live.delete(managed);
    },
    write(text) {
      child.stdin?.write(text);
    },
  };
  // Tracked until stopped, even after the leader exits: its group may live on.
  if (pid > 0) live.add(managed);
  return managed;
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

/** Last resort on `exit`: synchronous, so only SIGKILL. */
function killAllNow(): void {
  for (const p of live) signalTree(p.pid, "SIGKILL");
  live.clear();
}
process.on("exit", killAllNow);
