import type { ResolvedService } from "../config/types.js";
import { ServiceError, errorMessage } from "../errors.js";
import type { Json } from "../spec/types.js";

/** Environment for a service's Python process. */
export function serviceEnv(service: ResolvedService): Record<string, string> {
  // PYTHONHASHSEED=0: FastAPI's operationId for multi-method routes depends on set order.
  return { ...service.env, PYTHONHASHSEED: "0", PYTHONUNBUFFERED: "1" };
}

/** Parses what a service returned as its spec, or explains what came back instead. */
export function parseSpecText(service: ResolvedService, text: string, origin: string): Json {
  try {
    return JSON.parse(text) as Json;
  } catch {
    const start = text.trimStart().slice(0, 120).replace(/\s+/g, " ");
    const looksHtml = /^<(!doctype|html)/i.test(start);
    throw new ServiceError(service.name, `${origin} did not return JSON${looksHtml ? " (it returned an HTML page)" : ""}: ${JSON.stringify(start)}`, {
      hint: `check "openapiPath" (now ${service.openapiPath}) points at FastAPI's OpenAPI route`,
    });
  }
}

/** A spec response's body; a service that stalls or hangs up halfway is its failure, not a bug of ours. */
export async function readBody(service: ResolvedService, response: Response, url: string, timeoutMs: number): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    const timedOut = error instanceof Error && error.name === "TimeoutError";
    const what = timedOut ? `did not finish sending its spec within ${timeoutMs} ms` : `hung up before its spec was complete (${errorMessage((error as Error).cause ?? error)})`;
    throw new ServiceError(service.name, `${url} ${what}`, {
      hint: timedOut ? "raise readyTimeoutMs if the spec is that slow, or check what keeps the response open" : "check the service's logs: it stopped in the middle of the response",
    });
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A hint for a missing interpreter, the most common first-run failure. */
export function pythonHint(service: ResolvedService): string {
  return service.python === "python3"
    ? `no venv at ${service.dir}/.venv: create it (python3 -m venv .venv && .venv/bin/pip install -r requirements.txt) or set "python"`
    : `check that ${service.python} exists and has the service's requirements installed`;
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
  return path.startsWith("<frozen ") || /[/\\]importlib[/\\]__init__\.py$/.test(path) || /[/\\]src[/\\]services[/\\]python[/\\](extract|warm)\.py$/.test(path);
}
