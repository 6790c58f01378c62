import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { venvPython } from "../config/resolve.js";
import type { ResolvedService } from "../config/types.js";
import { ConfigError, ServiceError, errorMessage } from "../errors.js";
import { maskSecrets } from "../redact.js";
import type { Json } from "../spec/types.js";

/** Environment for a service's Python process. */
export function serviceEnv(service: ResolvedService): Record<string, string> {
  // PYTHONHASHSEED=0: FastAPI's operationId for multi-method routes depends on set order.
  return { ...service.env, PYTHONHASHSEED: "0", PYTHONUNBUFFERED: "1" };
}

/**
 * Parses what a service returned as its spec, or explains what came back instead. `secrets` are
 * masked in the excerpt shown: an error page may echo the token it refused.
 */
export function parseSpecText(service: ResolvedService, text: string, origin: string, secrets: readonly string[] = []): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    // Masked before it is cut: a secret cut in half would no longer match.
    const longest = Math.max(0, ...secrets.map((secret) => secret.length));
    const start = maskSecrets(text.trimStart().slice(0, 120 + longest), secrets).slice(0, 120).replace(/\s+/g, " ");
    const looksHtml = /^<(!doctype|html)/i.test(start);
    throw new ServiceError(service.name, `${origin} did not return JSON${looksHtml ? " (it returned an HTML page)" : ""}: ${JSON.stringify(start)}`, {
      hint: `check "openapiPath" (now ${service.openapiPath}) points at FastAPI's OpenAPI route`,
    });
  }
}

/**
 * A spec response's body, read up to `maxSpecBytes` and no further: an endless or huge body is
 * refused before it fills memory. A service that stalls or hangs up halfway is its failure, not
 * a bug of ours.
 */
export async function readBody(service: ResolvedService, response: Response, url: string, timeoutMs: number): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > service.maxSpecBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw specTooLarge(service, url, `${formatBytes(declared)} (its Content-Length)`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const reader = response.body?.getReader();
    for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
      size += chunk.value.byteLength;
      if (size > service.maxSpecBytes) {
        // Cancelling closes the connection: the rest is never downloaded.
        await reader?.cancel().catch(() => undefined);
        throw specTooLarge(service, url);
      }
      chunks.push(chunk.value);
    }
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    const what = timedOut ? `did not finish sending its spec within ${timeoutMs} ms` : `hung up before its spec was complete (${errorMessage((error as Error).cause ?? error)})`;
    throw new ServiceError(service.name, `${url} ${what}`, {
      hint: timedOut ? "raise readyTimeoutMs if the spec is that slow, or check what keeps the response open" : "check the service's logs: it stopped in the middle of the response",
    });
  }
  // TextDecoder drops a UTF-8 byte order mark, as response.text() did.
  return new TextDecoder().decode(Buffer.concat(chunks, size));
}

/** A spec the app wrote to a file (import mode), refused unread when it is over the cap. */
export async function readSpecFile(service: ResolvedService, file: string, origin: string): Promise<Json> {
  const { size } = await stat(file);
  if (size > service.maxSpecBytes) throw specTooLarge(service, origin, formatBytes(size), true);
  return parseSpecText(service, await readFile(file, "utf8"), origin);
}

/** `size` when known; a streamed body is only known to be over the limit, where reading stopped. */
function specTooLarge(service: ResolvedService, where: string, size?: string, fromApp = false): ServiceError {
  const limit = `the ${formatBytes(service.maxSpecBytes)} limit (maxSpecBytes)`;
  const what = size ? `the spec is ${size}, over ${limit}` : `the spec is over ${limit}; reading stopped there`;
  const check = fromApp ? "what the app's openapi() returns" : `that "openapiPath" (now ${service.openapiPath}) serves the OpenAPI document`;
  return new ServiceError(service.name, `${where}: ${what}`, {
    hint: `check ${check}; if the spec really is that large, raise the service's "maxSpecBytes" (bytes)`,
  });
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB` : `${bytes} bytes`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * What starting or importing the app needs from the config, checked before spawning: a missing
 * folder fails the spawn with ENOENT (which reads as a missing interpreter), a missing `app`
 * reaches Python as an empty module name. Both are config mistakes (exit 2), not service failures.
 */
export function requireLaunchable(service: ResolvedService, source: "http" | "import"): void {
  if (!existsSync(service.dir)) {
    throw new ConfigError(`services.${service.name}.dir: the folder ${service.dir} does not exist`, {
      hint: `set "dir" to the service's folder (relative to the config file), the one that holds the package of "app"${service.app ? ` (${service.app})` : ""}`,
    });
  }
  const needsApp = source === "import" || service.start.some((arg) => arg.includes("{app}"));
  if (needsApp && !service.app) {
    throw new ConfigError(`services.${service.name}.app: required for source "${source}"`, {
      hint: 'set "app" to the ASGI app ("module:attr", e.g. "app.main:app"), or use source "url" for a service that is already running',
    });
  }
}

/** Whether the interpreter is `python3` from PATH because the service has no venv of its own. */
function usesPathPython(service: ResolvedService): boolean {
  return service.python === "python3" && venvPython(service.dir) === undefined;
}

/** A hint for a missing interpreter, or for a module missing from it: the most common first-run failures. */
export function pythonHint(service: ResolvedService): string {
  return usesPathPython(service)
    ? `no venv found at ${join(service.dir, ".venv")}, so python3 from PATH was used: create it (cd ${service.dir} && python3 -m venv .venv && .venv/bin/pip install -r requirements.txt) or set "python" to the service's interpreter`
    : `check that ${service.python} exists, is executable and has the service's requirements installed, or point "python" at the service's venv interpreter`;
}

/** A module the interpreter lacks (`No module named uvicorn`): the venv is missing or not the service's. */
export function missingModule(output: string): boolean {
  return /No module named '?(uvicorn|fastapi|pydantic|starlette)\b/.test(output);
}

/**
 * A Python traceback without the frames that are ours or the import machinery's, so the
 * user's own file and line come first: `File ".../extract.py"`, `<frozen importlib._bootstrap>`.
 */
export function trimTraceback(lines: string[]): string[] {
  const kept: string[] = [];
  let dropping = false;
  for (const line of lines) {
    const frame = /^ {2}File "([^"]+)"/.exec(line);
    if (frame) dropping = isNoiseFrame(frame[1]!);
    else if (!line.startsWith("    ")) dropping = false;
    if (!dropping) kept.push(line);
  }
  return kept;
}

function isNoiseFrame(path: string): boolean {
  return path.startsWith("<frozen ")
    || /[/\\](importlib[/\\]__init__|runpy)\.py$/.test(path)
    || /[/\\]src[/\\]services[/\\]python[/\\](extract|warm)\.py$/.test(path)
    // `python -m uvicorn` importing the app: click's and uvicorn's frames come before the user's own.
    || /[/\\]site-packages[/\\](click|uvicorn)[/\\]/.test(path);
}
