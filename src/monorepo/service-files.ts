import { isAbsolute, posix, relative, sep } from "node:path";
import type { ResolvedConfig, ResolvedService, SourceKind } from "../config/types.js";
import { ConfigError } from "../errors.js";
import { IGNORED_DIRS } from "../services/cache.js";

/**
 * Dependency manifests and lock files that change what is installed in a service's venv, hence
 * what its app serves; hashed even when `watch` names other files. The interpreter and the
 * installed distributions themselves are a separate runtime input (`contractRuntimeCommand`).
 */
export const LOCK_FILES = [".python-version", "pyproject.toml", "requirements*.txt", "uv.lock", "poetry.lock", "Pipfile", "Pipfile.lock", "pdm.lock", "setup.cfg"];

/**
 * What a build tool (Nx, Turborepo) must know of one service to cache its sync: every path is
 * relative to the workspace root and `/`-separated, so the same workspace yields the same task
 * definitions (and cache keys) on every machine.
 */
export interface ServiceFiles {
  name: string;
  source: SourceKind;
  /** The service folder. */
  dir: string;
  /** Globs whose files can change the contract: the `watch` globs and the lock files, under `dir`. */
  sources: string[];
  /** Globs never part of the contract (venvs, caches), under `dir`. */
  excluded: string[];
  /** The config file, the env file and the files external `$ref`s may name: inputs shared with the config. */
  settings: string[];
  /** The committed spec. */
  spec: string;
  /** The folder of generated files, its manifest included. */
  output: string;
  /** The interpreter as called from the workspace root: a relative path, or a command on PATH. */
  python: string;
}

/** Every service of `config` in workspace terms; a path outside the workspace cannot be a task input and is refused. */
export function serviceFiles(config: ResolvedConfig, workspaceRoot: string): ServiceFiles[] {
  const inWorkspace = (path: string, setting: string) => workspacePath(path, workspaceRoot, setting, config.file);
  const configFile = inWorkspace(config.file, "the config file");
  return config.services.map((service) => {
    const at = `services.${service.name}`;
    const dir = inWorkspace(service.dir, `${at}.dir`);
    const under = (glob: string) => (glob.startsWith("!") ? `!${join(dir, glob.slice(1))}` : join(dir, glob));
    const settings = [configFile];
    if (service.envFile) settings.push(inWorkspace(service.envFile, `${at}.envFile`));
    for (const glob of service.externalRefs) settings.push(inWorkspace(glob, `${at}.externalRefs`));
    return {
      name: service.name,
      source: service.source,
      dir,
      sources: unique([...service.watch, ...LOCK_FILES].map(under)),
      excluded: IGNORED_DIRS.map(under),
      settings,
      spec: inWorkspace(service.spec, `${at}.spec`),
      output: inWorkspace(service.output, `${at}.output`),
      python: interpreter(service, workspaceRoot),
    };
  });
}

/**
 * What a service's check reads of the consumer beyond the service's own files: nothing, unless
 * `breaking.level` is `"strict"`, where a raw `fetch` in the consumer to a path the spec lacks fails
 * the check (check/index.ts); then each consumer's TypeScript sources and tsconfig. Below strict a
 * check in sync passes whatever the consumer says: only call sites that break with the
 * regenerated files count, and there are none when nothing is regenerated.
 */
export function checkedConsumerFiles(config: ResolvedConfig, workspaceRoot: string): string[] {
  if (config.breaking.level !== "strict") return [];
  return config.typecheck.tsconfig.flatMap((tsconfig) => {
    const file = workspacePath(tsconfig, workspaceRoot, "typecheck.tsconfig", config.file);
    const folder = posix.dirname(file);
    return [file, join(folder === "." ? "" : folder, "**/*.{ts,tsx,mts,cts}"), `!${join(folder === "." ? "" : folder, "**/node_modules/**")}`];
  });
}

/**
 * A shell command printing the interpreter's version and every distribution installed beside
 * it, sorted: what the venv holds changes the spec (a FastAPI upgrade renames schemas) without
 * any file of the workspace changing. It imports no app and takes tens of milliseconds.
 */
export function contractRuntimeCommand(python: string): string {
  // The version, not `sys.version`: that names the build (date, compiler), which differs between a laptop and CI for the same Python.
  const script = "import sys, importlib.metadata as m; print(sys.implementation.name, *sys.version_info[:3]); print(sorted({(d.metadata['Name'] or '').lower() + '==' + d.version for d in m.distributions()}))";
  return `${shellQuote(python)} -c "${script}"`;
}

/** Quotes for a POSIX shell, only when needed: task commands stay readable. */
export function shellQuote(word: string): string {
  return /^[\w./=:@%+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The services' `dir`s must differ: one folder is one Nx project, one Turborepo package. */
export function assertDistinctDirs(services: ServiceFiles[], configFile: string): void {
  const seen = new Map<string, string>();
  for (const service of services) {
    const other = seen.get(service.dir);
    if (other !== undefined)
      throw new ConfigError(`services.${service.name}.dir: ${service.dir || "."} is also the dir of services.${other}`, {
        file: configFile,
        hint: "a build tool caches per folder: give each service a folder of its own",
      });
    seen.set(service.dir, service.name);
  }
}

function workspacePath(path: string, workspaceRoot: string, setting: string, file: string): string {
  const rel = relative(workspaceRoot, path);
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel))
    throw new ConfigError(`${setting}: ${path} is outside the workspace ${workspaceRoot}`, {
      file,
      hint: "a task's inputs and outputs must live in the workspace: move it inside, or run from a workspace that holds it",
    });
  return rel.split(sep).join("/");
}

function interpreter(service: ResolvedService, workspaceRoot: string): string {
  if (!isAbsolute(service.python)) return service.python;
  const rel = relative(workspaceRoot, service.python);
  // An interpreter outside the workspace keeps its absolute path: it differs between machines only if the install does.
  return rel.startsWith("..") || isAbsolute(rel) ? service.python : `./${rel.split(sep).join("/")}`;
}

function join(dir: string, glob: string): string {
  return dir === "" ? posix.normalize(glob) : posix.join(dir, glob);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
