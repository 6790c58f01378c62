import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { ConfigError } from "../errors.js";
import { assertRegularFileSync, readRegularFileSync } from "../regular-file.js";
import { BREAKING, SERVICE } from "./definition/config-definition.js";
import { defaultsOf } from "./definition/nodes.js";
import { parseEnvFile } from "./env-file.js";
import type { ResolvedConfig, ResolvedService, ServiceConfig, UserConfig } from "./types.js";

/** Defaults, read from the one config definition. */
export const DEFAULTS = {
  breakingLevel: BREAKING.properties.level.default,
  breakingPolicy: BREAKING.properties.policy.default,
} as const;

/** Turns a validated user config into absolute paths and explicit values. */
export function resolveConfig(user: UserConfig, file: string): ResolvedConfig {
  const root = dirname(file);
  const services = Object.entries(user.services).map(([name, service]) => resolveService(name, service, root, file));
  const tsconfig = user.typecheck?.tsconfig;
  const tsconfigs = tsconfig === undefined
    ? [join(root, "tsconfig.json")].filter((p) => existsSync(p))
    : (Array.isArray(tsconfig) ? tsconfig : [tsconfig]).map((p) => resolve(root, p));
  // TypeScript reads a tsconfig with a blocking read on the main thread: a FIFO would freeze the run, signals included.
  for (const path of tsconfigs) assertRegularFileSync(path, "typecheck.tsconfig");
  // Refused here, before any service starts; a spec not written yet is fine.
  for (const { name, spec } of services) assertRegularFileSync(spec, `services.${name}.spec`);
  return {
    file,
    root,
    services,
    typecheck: { tsconfig: tsconfigs },
    breaking: {
      level: user.breaking?.level ?? DEFAULTS.breakingLevel,
      policy: user.breaking?.policy ?? DEFAULTS.breakingPolicy,
      rules: user.breaking?.rules ?? {},
      ignore: user.breaking?.ignore ?? [],
    },
    plugins: user.plugins ?? [],
    concurrency: user.concurrency ?? availableParallelism(),
    runtime: { shared: user.runtime?.shared === undefined ? undefined : resolve(root, user.runtime.shared) },
  };
}

export function resolveService(name: string, service: ServiceConfig, root: string, file: string): ResolvedService {
  const dir = resolve(root, service.dir);
  const envFile = service.envFile === undefined ? undefined : resolve(root, service.envFile);
  let fileEnv: Record<string, string> = {};
  if (envFile) {
    if (!existsSync(envFile))
      throw new ConfigError(`services.${name}.envFile: ${envFile} does not exist`, { file, hint: "create it or remove the option" });
    fileEnv = parseEnvFile(readRegularFileSync(envFile, `services.${name}.envFile`));
  }
  // Keys without special handling take the user's value over the definition's default, so a new key needs no edit here.
  const given = Object.fromEntries(Object.entries(service).filter(([, value]) => value !== undefined));
  const merged = { ...defaultsOf(SERVICE), ...given } as Omit<ResolvedService, "name" | "python" | "fakes">;
  const { port } = merged;
  return {
    ...merged,
    name,
    dir,
    app: service.app,
    spec: resolve(root, service.spec),
    output: resolve(root, service.output),
    python: resolvePython(service.python, dir, root),
    url: service.url ?? (typeof port === "number" ? `http://127.0.0.1:${port}` : undefined),
    env: { ...fileEnv, ...service.env },
    envFile,
    baseUrlEnv: service.baseUrlEnv,
    externalRefs: merged.externalRefs.map((glob) => resolve(root, glob)),
    fakes: resolveFakes(service.fakes, root),
    contract: service.contract === undefined ? undefined : resolve(root, service.contract),
    pydantic: resolvePydantic(name, service.pydantic, dir, root, file),
  };
}

/** The app imports the module, so it lives in the service's sources: extraction from a copy of `dir` (check, the hook) carries it. */
function resolvePydantic(name: string, pydantic: string | undefined, dir: string, root: string, file: string): string | undefined {
  if (pydantic === undefined) return undefined;
  const path = resolve(root, pydantic);
  const inside = relative(dir, path);
  if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) {
    throw new ConfigError(`services.${name}.pydantic: ${pydantic} is not inside the service folder (services.${name}.dir: ${relative(root, dir) || "."})`, {
      file,
      hint: `put the module inside ${relative(root, dir) || "."}, next to the code that imports it, e.g. "${join(relative(root, dir), "app/contract_models.py")}"`,
    });
  }
  return path;
}

/** Fakes as asked; MSW handlers too when asked, or when the project has msw installed. */
function resolveFakes(fakes: ServiceConfig["fakes"], root: string): ResolvedService["fakes"] {
  if (fakes === undefined || fakes === false) return false;
  const asked = typeof fakes === "object" ? fakes.msw : undefined;
  return { msw: asked ?? hasPackage(root, "msw") };
}

function hasPackage(root: string, name: string): boolean {
  try {
    createRequire(join(root, "package.json")).resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
}

/**
 * `python` as given (a path relative to the config, or a command), else the service venv, else
 * `python3` from PATH, which a failing service's hint then names (services/common.ts pythonHint).
 */
function resolvePython(python: string | undefined, dir: string, root: string): string {
  if (python !== undefined) return python.includes("/") && !isAbsolute(python) ? resolve(root, python) : python;
  return venvPython(dir) ?? "python3";
}

/** The interpreter of the venv in `dir/.venv`, when there is one. */
export function venvPython(dir: string): string | undefined {
  const candidates = process.platform === "win32" ? [".venv/Scripts/python.exe"] : [".venv/bin/python"];
  return candidates.map((c) => join(dir, c)).find((p) => existsSync(p));
}
