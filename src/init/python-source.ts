import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/** fastapi-cli's default files, in its order, when `fastapi run` gets no path. */
const DEFAULT_PATHS = ["main.py", "app.py", "api.py", "app/main.py", "app/app.py", "app/api.py"];
const VENVS = [".venv", "venv"];
const VENV_PYTHON = process.platform === "win32" ? "Scripts/python.exe" : "bin/python";

/**
 * The app a Python source creates at module level (`app = FastAPI(...)`), preferring `app`
 * then `api` as fastapi-cli does; else a factory annotated `-> FastAPI`, as `"name()"`.
 * A text scan, not an import: nothing the project runs is executed.
 */
export function fastApiAttribute(source: string, preferred?: string): string | undefined {
  const instances = [...source.matchAll(/^([A-Za-z_]\w*)\s*(?::[^=\n]+)?=\s*(?:fastapi\.)?FastAPI\(/gm)].map((m) => m[1]!);
  const factories = [...source.matchAll(/^(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\([^)]*\)\s*->\s*(?:fastapi\.)?FastAPI\s*:/gm)].map((m) => m[1]!);
  if (preferred) {
    if (instances.includes(preferred)) return preferred;
    return factories.includes(preferred) ? `${preferred}()` : undefined;
  }
  const instance = ["app", "api"].find((name) => instances.includes(name)) ?? instances[0];
  if (instance) return instance;
  return factories[0] && `${factories[0]}()`;
}

/** `uvicorn.run(..., port=8000)` in a source: the port the app serves on when run as a script. */
export function uvicornRunPort(source: string): number | undefined {
  // Bounded rather than bracket-matched: the arguments may hold calls, e.g. `create_app()`.
  const port = /\buvicorn\.run\([\s\S]{0,300}?\bport\s*=\s*(\d+)/.exec(source)?.[1];
  return port === undefined ? undefined : Number(port);
}

/** The dotted module of a Python file and the folder it is imported from: parents with `__init__.py` are packages. */
export function moduleOf(file: string): { root: string; module: string } {
  const parts = basename(file) === "__init__.py" ? [] : [basename(file, ".py")];
  let dir = dirname(file);
  while (existsSync(join(dir, "__init__.py")) && dirname(dir) !== dir) {
    parts.unshift(basename(dir));
    dir = dirname(dir);
  }
  return { root: dir, module: parts.join(".") };
}

/**
 * What `fastapi run [path] [--app name]` serves from `cwd`: the file or package `path`, or the
 * first of fastapi-cli's default files, and the app in it.
 */
export function fastApiModuleIn(cwd: string, path: string | undefined, appName: string | undefined): { root: string; app: string } | undefined {
  const target = path === undefined ? DEFAULT_PATHS.map((p) => join(cwd, p)).find(isFile) : resolve(cwd, path);
  if (!target) return undefined;
  const file = isFile(target) ? target : join(target, "__init__.py");
  const attribute = isFile(file) ? fastApiAttribute(readFileSync(file, "utf8"), appName) : undefined;
  if (!attribute) return undefined;
  const { root, module } = moduleOf(file);
  return { root, app: `${module}:${attribute}` };
}

/** `[tool.fastapi] entrypoint` in `dir/pyproject.toml`, which `fastapi run` uses when given no path. */
export function readFastApiEntrypoint(dir: string): string | undefined {
  const file = join(dir, "pyproject.toml");
  return isFile(file) ? tomlString(readFileSync(file, "utf8"), "tool.fastapi", "entrypoint") : undefined;
}

/**
 * A string value in a TOML table. Deliberately minimal (basic and literal one-line strings),
 * enough for `[tool.fastapi] entrypoint` and `[project] name` without a TOML dependency.
 */
export function tomlString(text: string, table: string, key: string): string | undefined {
  let current = "";
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[\s*([^\][]+?)\s*\]$/.exec(line);
    if (header) {
      current = header[1]!.replace(/\s*\.\s*/g, ".").replace(/"/g, "");
      continue;
    }
    if (current !== table) continue;
    const match = /^("?)([\w.-]+)\1\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')/.exec(line);
    if (match?.[2] === key) return match[3]?.replace(/\\(["\\])/g, "$1") ?? match[4];
  }
  return undefined;
}

/** The python of the nearest `.venv` or `venv` in `dir` or a parent, up to `stopAt` (inclusive). */
export function findVenvPython(dir: string, stopAt: string = dir): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    for (const venv of VENVS) {
      const python = venvPython(join(current, venv));
      if (existsSync(python)) return python;
    }
    if (current === stopAt || dirname(current) === current || !current.startsWith(stopAt)) return undefined;
  }
}

/** The interpreter of a virtualenv folder. */
export function venvPython(venv: string): string {
  return join(venv, VENV_PYTHON);
}

/** The python of `dir/.venv`, which sync-types uses without being told. */
export function defaultVenvPython(dir: string): string {
  return venvPython(join(dir, ".venv"));
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
