import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, extname, resolve } from "node:path";
import { ConfigError, errorMessage } from "../errors.js";
import { findVenvPython, venvPython } from "./python-source.js";
import { serviceName } from "./service-entry.js";
import { parseServerCommand, splitArgs, type ServerCommand } from "./server-command.js";

/** A FastAPI app that a pm2 ecosystem file runs. */
export interface Pm2App extends ServerCommand {
  /** pm2's name for it, made a valid service name. */
  name: string;
  /** pm2's `env` (not `env_<mode>`), every value a string. */
  env: Record<string, string>;
}

export interface Pm2Apps {
  apps: Pm2App[];
  /** Names of the other apps: Node, and anything not served by uvicorn, gunicorn or the fastapi CLI. */
  ignored: string[];
  /** The same apps with the folder each runs in (`cwd`, resolved): where `init` looks for the Node app. */
  others: { name: string; cwd: string }[];
}

/**
 * Loads a pm2 ecosystem file and finds its FastAPI apps. Relative `cwd`s are read from the
 * file's folder, where `pm2 start <file>` is normally run.
 */
export function readPm2Apps(file: string): Pm2Apps {
  return fastApiApps(loadEcosystem(file), file);
}

/** The FastAPI apps among a loaded ecosystem's `apps` (or a bare list or single app, as pm2 accepts). */
function fastApiApps(ecosystem: unknown, file: string): Pm2Apps {
  const declared = isRecord(ecosystem) && "apps" in ecosystem ? ecosystem["apps"] : ecosystem;
  const entries = (Array.isArray(declared) ? declared : [declared]).filter(isRecord);
  if (entries.length === 0)
    throw new ConfigError(`${file} declares no pm2 apps`, { file, hint: "it should export { apps: [{ name, script, args, cwd }] }" });
  const result: Pm2Apps = { apps: [], ignored: [], others: [] };
  for (const entry of entries) {
    const app = toPm2App(entry, dirname(file));
    if (app) result.apps.push(app);
    else {
      result.ignored.push(nameOf(entry));
      result.others.push({ name: nameOf(entry), cwd: cwdOf(entry, dirname(file)) });
    }
  }
  return result;
}

/**
 * Runs the file as pm2 would: it is CommonJS code that may compute paths or read the
 * environment, so loading it is the only faithful way to read it. If it throws, the error names it.
 */
function loadEcosystem(file: string): unknown {
  if (!existsSync(file)) throw new ConfigError(`pm2 file not found: ${file}`, { file });
  const require = createRequire(file);
  try {
    // Watch mode reloads the config; the ecosystem file must be read afresh with it.
    delete require.cache[require.resolve(file)];
    const loaded: unknown = require(file);
    return isRecord(loaded) && "default" in loaded && !("apps" in loaded) ? loaded["default"] : loaded;
  } catch (error) {
    throw new ConfigError(`could not load pm2 file ${file}: ${errorMessage(error).split("\n")[0]}`, {
      file,
      hint: 'it is loaded with require(): fix the error, or name it .cjs if its package is "type": "module"',
    });
  }
}

const cwdOf = (entry: Record<string, unknown>, base: string): string => (typeof entry["cwd"] === "string" ? resolve(base, entry["cwd"]) : base);

function toPm2App(entry: Record<string, unknown>, base: string): Pm2App | undefined {
  const cwd = cwdOf(entry, base);
  const env = stringValues(entry["env"]);
  const argv = commandLine(entry);
  const command = argv && parseServerCommand(argv, cwd, env);
  if (!command) return undefined;
  const virtualEnv = env["VIRTUAL_ENV"];
  const python = command.python ?? (virtualEnv ? venvPython(resolve(cwd, virtualEnv)) : findVenvPython(cwd));
  return { ...command, python, name: nameOf(entry), env };
}

/** The argv pm2 starts: the interpreter (unless none or a JS runtime) and its args, the script, its args. */
function commandLine(entry: Record<string, unknown>): string[] | undefined {
  const script = entry["script"];
  if (typeof script !== "string" || script.trim() === "") return undefined;
  const args = toArgs(entry["args"]);
  // `script: "uvicorn main:app --port 8000"` is a common spelling: read it as a command line.
  const command = args.length === 0 && /\s/.test(script.trim()) ? splitArgs(script) : [script];
  const interpreter = entry["interpreter"] ?? entry["exec_interpreter"];
  const viaInterpreter = typeof interpreter === "string" && interpreter !== "none" && !/^(node|nodejs|bun|deno)$/.test(basename(interpreter));
  const prefix = viaInterpreter ? [interpreter, ...toArgs(entry["interpreter_args"] ?? entry["node_args"])] : [];
  return [...prefix, ...command, ...args];
}

function nameOf(entry: Record<string, unknown>): string {
  const script = typeof entry["script"] === "string" ? entry["script"] : "";
  return serviceName(typeof entry["name"] === "string" && entry["name"] !== "" ? entry["name"] : basename(script, extname(script)));
}

function toArgs(value: unknown): string[] {
  if (typeof value === "string") return splitArgs(value);
  return Array.isArray(value) ? value.map(String) : [];
}

function stringValues(value: unknown): Record<string, string> {
  const env: Record<string, string> = {};
  if (!isRecord(value)) return env;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") env[key] = String(v);
  }
  return env;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
