import { join } from "node:path";
import { afterAll } from "vitest";
import { resolveService } from "../../src/config/resolve.js";
import { ServiceError } from "../../src/errors.js";
import { serveService, type RunningService } from "../../src/services/http.js";

export interface UvicornOptions {
  /** Folder the app's package is imported from. */
  cwd: string;
  /** Python of a venv with uvicorn and the app's dependencies. */
  python: string;
  /** ASGI app as "module:attr", e.g. "app.main:app". */
  app: string;
  /** Milliseconds to wait for /openapi.json to answer. Default 30 000. */
  readyTimeoutMs?: number;
}

export interface RunningUvicorn {
  /** `http://127.0.0.1:<port>`. */
  baseUrl: string;
  /** Stops the server and everything it spawned; safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Serves `app` with uvicorn on a free loopback port until the test file ends, through the same
 * start-and-poll path sync uses (`serveService`): its own process group, the whole tree stopped,
 * and sync-types' watchdog to stop it even when the test worker is killed. Call it while tests
 * are collected (top level or a describe body): it registers its own `afterAll` stop.
 */
export async function startUvicorn(options: UvicornOptions): Promise<RunningUvicorn> {
  const service = resolveService(
    "uvicorn",
    { dir: options.cwd, app: options.app, spec: "unused.openapi.json", output: "unused", python: options.python, readyTimeoutMs: options.readyTimeoutMs ?? 30_000 },
    options.cwd,
    join(options.cwd, "sync-types.config.json"),
  );
  let running: RunningService;
  try {
    running = await serveService(service);
  } catch (error) {
    const output = error instanceof ServiceError ? `\n${error.output.join("\n")}` : "";
    throw new Error(`uvicorn ${options.app}: ${(error as Error).message}${output}`);
  }
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= running.process.stop());
  afterAll(stop);
  return { baseUrl: running.baseUrl, stop };
}
