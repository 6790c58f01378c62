import { execa } from "execa";
import { BIN } from "./paths.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built bin as a user would, without colour. */
export async function runCli(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<CliResult> {
  const result = await startCli(args, options);
  return { code: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

export function startCli(args: string[], options: { cwd: string; env?: Record<string, string> }) {
  // FORCE_COLOR: undefined takes the inherited one out.
  return execa(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { NO_COLOR: "1", FORCE_COLOR: undefined, ...options.env },
    reject: false,
    stdin: "ignore",
  });
}
