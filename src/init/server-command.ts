import { existsSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { APP_REF } from "../config/schema.js";
import { fastApiModuleIn, readFastApiEntrypoint } from "./python-source.js";

/** What a command line that serves a FastAPI app tells about it. */
export interface ServerCommand {
  server: "uvicorn" | "gunicorn" | "fastapi";
  /** The interpreter it runs under: a path, a command on PATH, or undefined when the server itself is found on PATH. */
  python: string | undefined;
  /** `"module:attr"` or `"module:factory()"`; undefined when the command does not say. */
  app: string | undefined;
  /** The folder the app is imported from. */
  dir: string;
  port: number | undefined;
  host: string | undefined;
}

const PYTHON = /^python(\d+(\.\d+)?)?(\.exe)?$/;
const SERVERS = ["uvicorn", "gunicorn", "fastapi"] as const;

// Options that take a value, so their value is never mistaken for the app argument.
const UVICORN_VALUES = new Set([
  "--host", "--port", "--uds", "--fd", "--reload-dir", "--reload-include", "--reload-exclude", "--reload-delay",
  "--workers", "--loop", "--http", "--ws", "--ws-max-size", "--ws-max-queue", "--ws-ping-interval",
  "--ws-ping-timeout", "--ws-per-message-deflate", "--lifespan", "--interface", "--env-file", "--log-config",
  "--log-level", "--forwarded-allow-ips", "--root-path", "--limit-concurrency", "--backlog",
  "--limit-max-requests", "--timeout-keep-alive", "--timeout-graceful-shutdown", "--ssl-keyfile",
  "--ssl-certfile", "--ssl-keyfile-password", "--ssl-version", "--ssl-cert-reqs", "--ssl-ca-certs",
  "--ssl-ciphers", "--header", "--app-dir", "--h11-max-incomplete-event-size",
]);
const GUNICORN_VALUES = new Set([
  "-b", "--bind", "-k", "--worker-class", "-w", "--workers", "-c", "--config", "--chdir", "-t", "--timeout",
  "--graceful-timeout", "--keep-alive", "--log-level", "--access-logfile", "--error-logfile", "--log-file",
  "--access-logformat", "--log-config", "-n", "--name", "-p", "--pid", "-e", "--env", "-u", "--user", "-g",
  "--group", "-m", "--umask", "--pythonpath", "--max-requests", "--max-requests-jitter", "--threads",
  "--worker-connections", "--forwarded-allow-ips", "--backlog", "--worker-tmp-dir", "--certfile", "--keyfile",
  "--ca-certs", "--ciphers",
]);
const FASTAPI_VALUES = new Set([
  "--host", "--port", "--root-path", "--workers", "--app", "--entrypoint", "-e", "--forwarded-allow-ips",
]);

/**
 * Recognises the ways a FastAPI app is served: `uvicorn …`, `python -m uvicorn …`,
 * `gunicorn -k uvicorn.workers.UvicornWorker …` and `fastapi run|dev …`, with the server
 * given as a command, a path (`.venv/bin/uvicorn`) or a module. Anything else is undefined.
 * `env` supplies what uvicorn reads from the environment (`UVICORN_PORT`).
 */
export function parseServerCommand(argv: string[], cwd: string, env: Record<string, string> = {}): ServerCommand | undefined {
  const [first, ...rest] = argv;
  if (first === undefined) return undefined;
  let python: string | undefined;
  let args = rest;
  let server = serverNamed(first);
  if (server) {
    // A server run from a venv's bin/ belongs to the python beside it; a system one says nothing.
    const beside = join(dirname(resolve(cwd, first)), process.platform === "win32" ? "python.exe" : "python");
    if (first.includes("/") && existsSync(beside)) python = beside;
  } else if (PYTHON.test(basename(first))) {
    python = first.includes("/") ? resolve(cwd, first) : first;
    let i = 0;
    // Interpreter options come before the module or script; -X and -W take a value.
    while (rest[i]?.startsWith("-") && rest[i] !== "-m") i += rest[i] === "-X" || rest[i] === "-W" ? 2 : 1;
    const viaModule = rest[i] === "-m";
    server = serverNamed(rest[viaModule ? i + 1 : i] ?? "");
    args = rest.slice(i + (viaModule ? 2 : 1));
  }
  if (!server) return undefined;
  const parsed = server === "uvicorn" ? uvicorn(args, cwd, env) : server === "gunicorn" ? gunicorn(args, cwd) : fastapi(args, cwd);
  return parsed && { server, python, ...parsed };
}

type Served = Omit<ServerCommand, "server" | "python">;

function uvicorn(args: string[], cwd: string, env: Record<string, string>): Served {
  const { options, flags, positionals } = parseOptions(args, UVICORN_VALUES);
  const app = positionals.find((p) => APP_REF.test(p)) ?? env["UVICORN_APP"];
  const appDir = options.get("--app-dir");
  return {
    app: app && flags.has("--factory") && !app.endsWith("()") ? `${app}()` : app,
    dir: appDir ? resolve(cwd, appDir) : cwd,
    port: toPort(options.get("--port") ?? env["UVICORN_PORT"]),
    host: options.get("--host") ?? env["UVICORN_HOST"],
  };
}

/** Only gunicorn with a uvicorn worker serves ASGI; plain gunicorn is a WSGI app. */
function gunicorn(args: string[], cwd: string): Served | undefined {
  const { options, positionals } = parseOptions(args, GUNICORN_VALUES);
  const worker = options.get("-k") ?? options.get("--worker-class");
  if (!worker || !/uvicorn/i.test(worker)) return undefined;
  const bind = /^(?:\[(.+)\]|([^:]*)):(\d+)$/.exec(options.get("-b") ?? options.get("--bind") ?? "");
  const chdir = options.get("--chdir");
  return {
    app: positionals.find((p) => APP_REF.test(p)),
    dir: chdir ? resolve(cwd, chdir) : cwd,
    port: toPort(bind?.[3]),
    host: bind ? (bind[1] ?? bind[2]) : undefined,
  };
}

/** `fastapi run|dev [path] [--entrypoint module:attr] [--app name]`, resolved the way fastapi-cli does. */
function fastapi(args: string[], cwd: string): Served | undefined {
  const [command, ...rest] = args;
  if (command !== "run" && command !== "dev") return undefined;
  const { options, positionals } = parseOptions(rest, FASTAPI_VALUES);
  const port = toPort(options.get("--port"));
  const host = options.get("--host");
  const entrypoint = options.get("--entrypoint") ?? options.get("-e");
  if (entrypoint) return { app: entrypoint, dir: cwd, port, host };
  const path = positionals[0];
  if (!path) {
    const configured = readFastApiEntrypoint(cwd);
    if (configured) return { app: configured, dir: cwd, port, host };
  }
  const found = fastApiModuleIn(cwd, path, options.get("--app"));
  return { app: found?.app, dir: found?.root ?? cwd, port, host };
}

function serverNamed(command: string): ServerCommand["server"] | undefined {
  const name = basename(command).replace(/\.exe$/, "");
  return SERVERS.find((server) => server === name);
}

interface ParsedOptions {
  /** The first value of each option. */
  options: Map<string, string>;
  flags: Set<string>;
  positionals: string[];
}

function parseOptions(args: string[], takesValue: Set<string>): ParsedOptions {
  const parsed: ParsedOptions = { options: new Map(), flags: new Set(), positionals: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) setOnce(parsed.options, arg.slice(0, eq), arg.slice(eq + 1));
    else if (takesValue.has(arg)) setOnce(parsed.options, arg, args[++i] ?? "");
    else if (arg.startsWith("-") && arg.length > 1) parsed.flags.add(arg);
    else parsed.positionals.push(arg);
  }
  return parsed;
}

function setOnce(options: Map<string, string>, key: string, value: string): void {
  if (!options.has(key)) options.set(key, value);
}

function toPort(value: string | undefined): number | undefined {
  const port = Number(value);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}

/** Splits a command-line string the way a POSIX shell would for plain words and quotes. */
export function splitArgs(line: string): string[] {
  const args: string[] = [];
  const word = /"((?:[^"\\]|\\.)*)"|'([^']*)'|((?:[^\s"'\\]|\\.)+)|(\s+)/g;
  let current: string | undefined;
  for (const [, double, single, bare, space] of line.matchAll(word)) {
    if (space !== undefined) {
      if (current !== undefined) args.push(current);
      current = undefined;
    } else {
      const text = double?.replace(/\\(["\\$`])/g, "$1") ?? single ?? bare!.replace(/\\(.)/g, "$1");
      current = (current ?? "") + text;
    }
  }
  if (current !== undefined) args.push(current);
  return args;
}
