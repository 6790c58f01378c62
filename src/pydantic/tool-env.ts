/**
 * Where datamodel-code-generator comes from: the service's venv when it has the pinned version
 * installed, else a tool venv sync-types creates once under the user cache dir and reuses. The
 * version is pinned because the module's bytes depend on it; the pin is what makes output
 * byte-identical across machines.
 */
import { existsSync, readdirSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { registerPath } from "../cleanup.js";
import { ExitCode, SyncTypesError } from "../errors.js";
import { DATAMODEL_CODE_GENERATOR_VERSION } from "./pinned.js";
import { runTool } from "./run-tool.js";

const PACKAGE = `datamodel-code-generator==${DATAMODEL_CODE_GENERATOR_VERSION}`;

export interface CodegenTool {
  /** The interpreter that has the pinned datamodel-code-generator. */
  python: string;
  /** Says where it comes from, for cache keys and messages. */
  origin: string;
}

/** `SYNC_TYPES_TOOLS_DIR` overrides it (tests share one); else `$XDG_CACHE_HOME/sync-types/tools`. */
export function toolsDir(): string {
  const override = process.env.SYNC_TYPES_TOOLS_DIR;
  if (override) return override;
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(cache, "sync-types", "tools");
}

const venvPython = (venv: string) => (process.platform === "win32" ? join(venv, "Scripts", "python.exe") : join(venv, "bin", "python"));

/** Whether a venv holds the pinned version, read from its site-packages (no interpreter start-up). */
export function hasPinnedCodegen(python: string): boolean {
  const venv = dirname(dirname(python));
  const dist = `datamodel_code_generator-${DATAMODEL_CODE_GENERATOR_VERSION}.dist-info`;
  if (existsSync(join(venv, "Lib", "site-packages", dist))) return true;
  const lib = join(venv, "lib");
  if (!existsSync(lib)) return false;
  return readdirSync(lib).some((entry) => existsSync(join(lib, entry, "site-packages", dist)));
}

/** The pinned tool without installing anything, when it is already there. */
export function findCodegenTool(servicePython: string | undefined): CodegenTool | undefined {
  // Only a venv's interpreter (a path) can hold the tool; a command such as `python3` is not looked into.
  if (servicePython && isAbsolute(servicePython) && hasPinnedCodegen(servicePython)) return { python: servicePython, origin: `service venv ${servicePython}` };
  const python = venvPython(join(toolsDir(), `datamodel-code-generator-${DATAMODEL_CODE_GENERATOR_VERSION}`));
  if (existsSync(python) && hasPinnedCodegen(python)) return { python, origin: `tool venv ${DATAMODEL_CODE_GENERATOR_VERSION}` };
  return undefined;
}

/** Bounds far above what each takes (seconds): past them something waits that will not come. */
const VENV_TIMEOUT_MS = 120_000;
const INSTALL_TIMEOUT_MS = 600_000;

/**
 * The pinned tool, installed into the tool venv on first use. The venv is built beside its final
 * place and renamed into it, so a killed or concurrent first run never leaves a half-built one.
 */
export async function provideCodegenTool(options: { python?: string | undefined; signal?: AbortSignal | undefined; progress?: ((line: string) => void) | undefined }): Promise<CodegenTool> {
  const found = findCodegenTool(options.python);
  if (found) return found;
  const final = join(toolsDir(), `datamodel-code-generator-${DATAMODEL_CODE_GENERATOR_VERSION}`);
  const building = `${final}.${process.pid}.${Date.now()}.tmp`;
  const base = options.python ?? (process.platform === "win32" ? "python" : "python3");
  options.progress?.(`installing datamodel-code-generator ${DATAMODEL_CODE_GENERATOR_VERSION} into ${final} (first use)`);
  await mkdir(dirname(final), { recursive: true });
  const release = registerPath(building);
  try {
    const venv = await runTool([base, "-m", "venv", building], { cwd: dirname(final), signal: options.signal, timeoutMs: VENV_TIMEOUT_MS });
    if (venv.code !== 0) throw installError(`\`${base} -m venv\` failed`, venv.output, options.python);
    const pip = await runTool([venvPython(building), "-m", "pip", "install", "--disable-pip-version-check", "--quiet", PACKAGE], { cwd: dirname(final), signal: options.signal, timeoutMs: INSTALL_TIMEOUT_MS });
    if (pip.code !== 0) throw installError(`pip could not install ${PACKAGE}`, pip.output, options.python);
    await rename(building, final).catch((error: NodeJS.ErrnoException) => {
      if (!existsSync(venvPython(final))) throw error; // another run finished first: use theirs
    });
  } finally {
    await rm(building, { recursive: true, force: true });
    release();
  }
  return { python: venvPython(final), origin: `tool venv ${DATAMODEL_CODE_GENERATOR_VERSION}` };
}

function installError(what: string, output: string[], servicePython: string | undefined): SyncTypesError {
  const where = servicePython ? `\`${servicePython} -m pip install ${PACKAGE}\` (the service venv)` : `\`pip install ${PACKAGE}\` in the service venv and pass --python`;
  const tail = output.slice(-3).join(" | ");
  return new SyncTypesError(`datamodel-code-generator ${DATAMODEL_CODE_GENERATOR_VERSION} cannot be installed: ${what}${tail ? ` (${tail})` : ""}`, {
    exitCode: ExitCode.service,
    hint: `run ${where}, or make PyPI reachable (PIP_INDEX_URL) so sync-types can install it into ${toolsDir()}`,
  });
}
