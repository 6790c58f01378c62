import type { ResolvedService } from "../config/types.js";
import { ServiceError } from "../errors.js";
import type { Json } from "../spec/types.js";
import { missingModule, parseSpecText, pythonHint, readBody, requireLaunchable, serviceEnv, sleep } from "./common.js";
import { requestSpec, type SpecResponse } from "./fetch-spec.js";
import { spawnProcess, type ManagedProcess } from "./process.js";
import { freePort, isPortTaken } from "./ports.js";

export interface HttpOptions {
  signal?: AbortSignal | undefined;
  /** Each line the service prints. */
  onLine?: ((line: string) => void) | undefined;
  onStatus?: ((status: string) => void) | undefined;
  /** Told when the spec route redirects away from loopback. */
  warn?: ((message: string) => void) | undefined;
  /** The longest wait between two polls of the spec route. Default 250 ms. */
  maxPollMs?: number | undefined;
}

const FETCH_TIMEOUT_MS = 5000;
const PORT_CLASH = /address already in use|errno 98|eaddrinuse|only one usage of each socket/i;

/** Starts the service on a loopback port, waits for its spec, fetches it, and stops it. */
export async function obtainViaHttp(service: ResolvedService, options: HttpOptions = {}): Promise<Json> {
  const running = await serveService(service, options);
  try {
    return running.spec;
  } finally {
    await running.process.stop();
  }
}

/**
 * Starts the service and waits until its spec answers, which it returns with the running
 * process; the caller owns (and must stop) it. The one start-and-poll path: sync, and the tests
 * that need a live service, go through it.
 */
export async function serveService(service: ResolvedService, options: HttpOptions = {}): Promise<RunningService & { spec: Json }> {
  // An auto port can be taken between our check and uvicorn's bind: try again on a new one.
  const attempts = service.port === "auto" ? 3 : 1;
  for (let attempt = 1; ; attempt++) {
    const running = await startHttpService(service, options);
    try {
      return { ...running, spec: await fetchSpecWhenReady(service, running, options) };
    } catch (error) {
      await running.process.stop();
      const clash = PORT_CLASH.test(running.process.output.text());
      if (!(clash && attempt < attempts)) throw error;
    }
  }
}

export interface RunningService {
  process: ManagedProcess;
  port: number;
  baseUrl: string;
}

/** Spawns the service's start command; the caller owns (and must stop) the process. */
export async function startHttpService(service: ResolvedService, options: HttpOptions = {}): Promise<RunningService> {
  requireLaunchable(service, "http");
  const port = service.port === "auto" ? await freePort() : service.port;
  if (service.port !== "auto" && (await isPortTaken(port))) {
    throw new ServiceError(service.name, `port ${port} on 127.0.0.1 is already in use`, {
      hint: 'stop whatever listens there, use port: "auto", or source: "url" to read a service that is already running',
    });
  }
  const argv = service.start.map((arg) =>
    arg.replaceAll("{python}", service.python).replaceAll("{app}", service.app ?? "").replaceAll("{port}", String(port)),
  );
  options.onStatus?.(`starting on :${port}`);
  const process = spawnProcess(argv, { cwd: service.dir, env: serviceEnv(service), label: service.name, onLine: options.onLine });
  return { process, port, baseUrl: `http://127.0.0.1:${port}` };
}

/** Polls the spec route until it answers, failing fast when the process dies. */
export async function fetchSpecWhenReady(service: ResolvedService, running: RunningService, options: HttpOptions): Promise<Json> {
  const url = `${running.baseUrl}${service.openapiPath}`;
  const deadline = Date.now() + service.readyTimeoutMs;
  const maxPollMs = options.maxPollMs ?? 250;
  for (let delay = Math.min(25, maxPollMs); ; delay = Math.min(delay * 1.5, maxPollMs)) {
    options.signal?.throwIfAborted();
    if (running.process.hasExited()) throw exitedEarly(service, running);
    // Not answering yet is the normal start-up; a redirect that cannot be followed is an answer.
    // A stopped run (Ctrl-C, or a contract service's early run thrown away) does not wait for a slow answer.
    const timeout = AbortSignal.timeout(FETCH_TIMEOUT_MS);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const answer = await requestSpec(service, new URL(url), { signal, warn: options.warn }).catch((error: unknown) => {
      if (error instanceof ServiceError) throw error;
      return undefined;
    });
    if (answer) return readSpecResponse(service, answer);
    if (Date.now() > deadline) {
      throw new ServiceError(service.name, `did not answer at ${url} within ${service.readyTimeoutMs} ms`, {
        output: running.process.output.lines(),
        hint: "raise readyTimeoutMs if start-up is slow, or check the output above for where it hangs",
      });
    }
    await Promise.race([sleep(delay), running.process.exited]);
  }
}

async function readSpecResponse(service: ResolvedService, { response, shown: url }: SpecResponse): Promise<Json> {
  const text = await readBody(service, response, url, FETCH_TIMEOUT_MS);
  if (response.status === 404) {
    throw new ServiceError(service.name, `${url} answered 404`, {
      hint: `set "openapiPath" to the app's openapi_url, or use source: "import" when openapi_url=None`,
    });
  }
  if (!response.ok) {
    throw new ServiceError(service.name, `${url} answered ${response.status}: ${text.slice(0, 200)}`, {
      hint: "the app fails to build its OpenAPI document; run it and open the URL to see the traceback",
    });
  }
  return parseSpecText(service, text, url);
}

function exitedEarly(service: ResolvedService, running: RunningService): ServiceError {
  const output = running.process.output;
  const text = output.text();
  // Node's spawn error, or a shell's "command not found": the service never ran.
  const spawnFailed = /\bspawn \S+ E[A-Z]+\b/.test(text) || (/not found/i.test(text) && /command/i.test(text));
  const clash = PORT_CLASH.test(text);
  const command = service.start[0] === "{python}" ? service.python : service.start[0];
  const message = clash ? `port ${running.port} is already in use`
    : spawnFailed ? `could not run ${command}${/ENOENT|not found/i.test(text) ? ": not found" : ""}`
    : "exited before serving its spec";
  return new ServiceError(service.name, message, {
    output: output.lines(),
    hint: spawnFailed || missingModule(text) ? pythonHint(service) : clash ? 'use port: "auto"' : "fix the error shown above; it is the service's own output",
  });
}
