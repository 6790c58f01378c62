import { existsSync } from "node:fs";
import { isAbsolute, relative, sep } from "node:path";
import type { ServiceConfig } from "../config/types.js";
import { defaultVenvPython } from "./python-source.js";

/** A FastAPI app found in a pm2 file or in the sources, before it becomes a service entry. */
export interface FoundService {
  name: string;
  /** Absolute folder the app is imported from. */
  dir: string;
  /** `"module:attr"`; undefined when the source did not say. */
  app: string | undefined;
  /** An absolute path or a command; undefined leaves sync-types' default (`dir/.venv`, else `python3`). */
  python: string | undefined;
  /** Where it runs when deployed, if known. */
  port: number | undefined;
  host: string | undefined;
  env: Record<string, string>;
}

/** A valid service name from a pm2 app or folder name. */
export function serviceName(raw: string): string {
  return raw.replace(/[^\w.-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "") || "service";
}

/** The committed contract of a discovered service, relative to the config folder. */
const specPathFor = (name: string): string => `contracts/${name}.openapi.json`;
/** The generated client folder of a discovered service, inside the app that calls it, relative to the config folder. */
const outputPathFor = (name: string, app: string): string => (app === "." ? "" : `${app}/`) + `src/clients/${name}`;

/**
 * The config entry for a found service, with paths relative to the config folder `root`; its
 * client goes in `consumer/src/clients/<name>`, `consumer` being the Node app that calls it.
 * Its deployed port becomes `url` only, not `port`: the default `http` source then starts its
 * own copy on a free port and never clashes with the one pm2 keeps running, which
 * `--source url` can read instead.
 */
export function toServiceConfig(found: FoundService, root: string, consumer: string = root): ServiceConfig {
  const { python, port } = found;
  return {
    dir: relativePath(root, found.dir),
    ...(found.app ? { app: found.app } : {}),
    spec: specPathFor(found.name),
    output: outputPathFor(found.name, relativePath(root, consumer)),
    ...(python && !isDefaultPython(python, found.dir) ? { python: pythonPath(root, python) } : {}),
    ...(port ? { url: `http://${urlHost(found.host)}:${port}` } : {}),
    ...(Object.keys(found.env).length > 0 ? { env: found.env } : {}),
  };
}

/** `path` relative to `root`, with forward slashes whatever the platform: the config is committed. */
export function relativePath(root: string, path: string): string {
  return relative(root, path).split(sep).join("/") || ".";
}

/** Left out only when sync-types would pick the same interpreter by itself. */
function isDefaultPython(python: string, dir: string): boolean {
  return python === defaultVenvPython(dir) && existsSync(python);
}

/** A venv inside the project stays relative (the config is committed); a system python stays as given. */
function pythonPath(root: string, python: string): string {
  if (!isAbsolute(python)) return python;
  const inside = relativePath(root, python);
  return inside.startsWith("../") ? python : inside;
}

/** A server bound to every interface (or not told) is reached on loopback. */
function urlHost(host: string | undefined): string {
  if (host === undefined || ["", "0.0.0.0", "::", "localhost"].includes(host)) return "127.0.0.1";
  return host.includes(":") ? `[${host}]` : host;
}
