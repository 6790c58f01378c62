import { spawnProcess } from "../services/process.js";

export interface ToolRun {
  code: number | undefined;
  /** The last lines it wrote to stdout and stderr. */
  output: string[];
}

/** Runs a short-lived tool as a managed process: killed with its tree on abort and on every exit path of sync-types. */
export async function runTool(argv: string[], options: { cwd: string; signal?: AbortSignal | undefined; env?: Record<string, string> }): Promise<ToolRun> {
  const child = spawnProcess(argv, { cwd: options.cwd, env: { PYTHONHASHSEED: "0", PIP_NO_INPUT: "1", ...options.env }, label: argv[0] });
  const abort = () => void child.stop();
  options.signal?.addEventListener("abort", abort, { once: true });
  try {
    const exit = await child.exited;
    options.signal?.throwIfAborted();
    return { code: exit.code, output: child.output.lines() };
  } finally {
    options.signal?.removeEventListener("abort", abort);
  }
}
