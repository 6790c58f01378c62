/**
 * The service's own Python type checker, run over its sources before and after the Pydantic
 * module changes: the diagnostics that appear only with the new module are the Python call sites
 * the contract change breaks, as `check` reports TS call sites (only when something changed).
 *
 *   pythonTypecheck: false ──► none
 *   a command string        ──► run by the shell in the service folder, venv first on PATH
 *   unset                   ──► pyright, else mypy, when the service's venv has it
 *
 * Each run is bounded by `pythonTypecheckTimeoutMs`: a checker that hangs (a stuck daemon, a
 * prompt) would otherwise hang `check` forever. It is then stopped with its process tree, exit 3.
 */
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join, relative } from "node:path";
import { freshBy } from "../check/fresh.js";
import type { ResolvedService } from "../config/types.js";
import { ServiceError } from "../errors.js";
import { waitBounded } from "../services/bounded.js";
import { spawnProcess } from "../services/process.js";

export interface PythonDiagnostic {
  /** Relative to the service folder, `/`-separated. */
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface PythonChecker {
  /** As reports name it: `mypy`, `pyright`, or the configured command. */
  name: string;
  run(dir: string, signal?: AbortSignal): Promise<PythonDiagnostic[]>;
}

/** The checker the service asks for or has, or none. */
export function pythonChecker(service: ResolvedService, cacheDir: string): PythonChecker | undefined {
  const configured = service.pythonTypecheck;
  if (configured === false) return undefined;
  const bin = dirname(service.python);
  const env = { PATH: `${bin}${process.platform === "win32" ? ";" : ":"}${process.env["PATH"] ?? ""}` };
  const checker = (name: string, argv: string[]): PythonChecker => ({ name, run: (dir, signal) => collect({ service, name, argv, dir, env, signal }) });
  if (typeof configured === "string") return checker(configured, ["sh", "-c", configured]);
  if (!isAbsolute(service.python)) return undefined;
  const target = packageOf(service);
  if (existsSync(join(bin, "pyright"))) return checker("pyright", [join(bin, "pyright"), "--pythonpath", service.python, target]);
  if (existsSync(join(bin, "mypy"))) {
    const args = ["--show-column-numbers", "--no-error-summary", "--no-color-output", "--hide-error-context", "--no-pretty", "--cache-dir", join(cacheDir, "mypy")];
    return checker("mypy", [service.python, "-m", "mypy", ...args, target]);
  }
  return undefined;
}

/** The diagnostics in `after` that `before` did not have (same file and message: lines shift with edits elsewhere). */
export function newPythonDiagnostics(before: PythonDiagnostic[], after: PythonDiagnostic[]): PythonDiagnostic[] {
  return freshBy(before, after, (d) => `${d.file}\0${d.message}`);
}

/** The top-level package of `app` (`app.main:app` → `app`), or the whole folder. */
function packageOf(service: ResolvedService): string {
  const top = service.app?.split(":")[0]?.split(".")[0];
  if (!top) return ".";
  if (existsSync(join(service.dir, top))) return top;
  return existsSync(join(service.dir, `${top}.py`)) ? `${top}.py` : ".";
}

interface CheckerRun {
  service: ResolvedService;
  name: string;
  argv: string[];
  dir: string;
  env: Record<string, string>;
  signal: AbortSignal | undefined;
}

async function collect({ service, name, argv, dir, env, signal }: CheckerRun): Promise<PythonDiagnostic[]> {
  const lines: string[] = [];
  const child = spawnProcess(argv, { cwd: dir, env, label: `${service.name} ${name}`, onLine: (line) => lines.push(line) });
  const { timedOut } = await waitBounded(child, { signal, timeoutMs: service.pythonTypecheckTimeoutMs });
  if (timedOut) {
    throw new ServiceError(service.name, `the Python type checker (pythonTypecheck: ${name}) did not finish within ${service.pythonTypecheckTimeoutMs} ms and was stopped`, {
      output: child.output.lines(),
      hint: `${lines.length ? "its last output (above) shows where it stopped; " : ""}raise services.${service.name}.pythonTypecheckTimeoutMs if it is only slow, or set services.${service.name}.pythonTypecheck to false to skip it`,
    });
  }
  return parseDiagnostics(lines, dir);
}

/**
 * mypy's `file:line:col: error: message  [code]` and pyright's `  /abs/file.py:line:col - error: message`;
 * notes and warnings are not call sites that stop working.
 */
export function parseDiagnostics(lines: string[], dir: string): PythonDiagnostic[] {
  const found: PythonDiagnostic[] = [];
  for (const line of lines) {
    const match = /^\s*(.+?\.pyi?):(\d+)(?::(\d+))?(?::| -) error: (.*)$/.exec(line);
    if (!match) continue;
    const [, file, row, column, message] = match;
    const shown = isAbsolute(file!) ? relative(dir, file!) : file!;
    found.push({ file: shown.split("\\").join("/"), line: Number(row), column: Number(column ?? 1), message: message!.trim() });
  }
  return found;
}
