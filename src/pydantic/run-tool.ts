import { ExitCode, SyncTypesError } from "../errors.js";
import { waitBounded } from "../services/bounded.js";
import { spawnProcess } from "../services/process.js";

export interface ToolRun {
  code: number | undefined;
  /** The last lines it wrote to stdout and stderr. */
  output: string[];
}

/**
 * Runs a short-lived tool as a managed process: killed with its tree on abort, after `timeoutMs`
 * (exit 3 naming it and the bound), and on every exit path of sync-types.
 */
export async function runTool(argv: string[], options: { cwd: string; timeoutMs: number; signal?: AbortSignal | undefined; env?: Record<string, string> }): Promise<ToolRun> {
  const child = spawnProcess(argv, { cwd: options.cwd, env: { PYTHONHASHSEED: "0", PIP_NO_INPUT: "1", ...options.env }, label: argv[0] });
  const { code, timedOut } = await waitBounded(child, { signal: options.signal, timeoutMs: options.timeoutMs });
  if (timedOut) {
    const tail = child.output.lines().slice(-3).join(" | ");
    throw new SyncTypesError(`\`${argv.slice(0, 4).join(" ")}…\` did not finish within ${options.timeoutMs / 1000} s and was stopped${tail ? ` (${tail})` : ""}`, {
      exitCode: ExitCode.service,
      hint: "its last output (if any) shows where it stopped; a pip install that stalls usually waits on the network (PIP_INDEX_URL, a proxy)",
    });
  }
  return { code, output: child.output.lines() };
}
