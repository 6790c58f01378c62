import type { ResolvedService } from "../config/types.js";
import { errorMessage } from "../errors.js";
import type { Logger } from "../logger.js";
import { fetchSpecWhenReady, startHttpService, type RunningService } from "../services/http.js";
import { freePort, isPortTaken } from "../services/ports.js";
import { isShuttingDown } from "../services/process.js";
import type { Json } from "../spec/types.js";

/** How often `served()` polls a starting server: its first answer is the watch session's first sync. */
const READY_POLL_MS = 20;

/**
 * One service kept running for the Node app under development, like a small pm2: its output
 * prefixed with its name, restarted on demand, a crash reported without ending the session.
 */
export class ServiceRunner {
  readonly #service: ResolvedService;
  readonly #logger: Logger;
  readonly #prefix: string;
  #running: RunningService | undefined;
  #port: number | undefined;
  #stopping = false;
  #spawned: Promise<RunningService | undefined> = Promise.resolve(undefined);

  /** `previousPort`: where an earlier watch session served it, kept for an `auto` port across config reloads. */
  constructor(service: ResolvedService, logger: Logger, colour: (text: string) => string, previousPort?: number) {
    this.#service = service;
    this.#logger = logger;
    this.#prefix = colour(`[${service.name}]`);
    this.#port = service.port === "auto" ? previousPort : service.port;
  }

  /** Starts it on its configured port, or on one free port kept across restarts and reloads so the app can rely on it. */
  start(): Promise<void> {
    // Set before any await: a caller asking right after `start()` gets this start's server.
    this.#spawned = this.#spawn();
    return this.#spawned.then(() => undefined);
  }

  async #spawn(): Promise<RunningService | undefined> {
    if (this.#port !== undefined && this.#service.port === "auto" && (await isPortTaken(this.#port))) {
      const taken = this.#port;
      this.#port = await freePort();
      this.#logger.warn(`${this.#service.name}: port ${taken} was taken meanwhile; now served on ${this.#port} (set a fixed "port" to keep one)`);
    }
    this.#port ??= await freePort();
    const service = { ...this.#service, port: this.#port };
    // Start-up output is held back: a service that dies while starting (a syntax error, say)
    // was already explained by the resync, so one line is enough; after start-up, logs stream.
    const held: string[] = [];
    let started = false;
    const onLine = (line: string) => {
      // Once we asked it to stop, its shutdown chatter is ours, not news.
      if (this.#stopping && this.#running === undefined) return;
      if (started) return this.#logger.info(`${this.#prefix} ${line}`);
      held.push(line);
      if (/Application startup complete|Uvicorn running on/.test(line)) {
        started = true;
        for (const l of held.splice(0)) this.#logger.info(`${this.#prefix} ${l}`);
      }
    };
    try {
      const running = await startHttpService(service, { onLine });
      this.#running = running;
      this.#stopping = false;
      void running.process.exited.then(({ code, signal }) => {
        if (this.#running !== running || this.#stopping || isShuttingDown()) return;
        this.#running = undefined;
        const last = held.filter((l) => l.trim()).at(-1);
        const why = started ? (signal ?? `code ${code}`) : `while starting${last ? `: ${last.trim()}` : ""}`;
        this.#logger.warn(`${this.#service.name} exited (${why}); it restarts on the next save`);
      });
      return running;
    } catch (error) {
      this.#logger.warn(`${this.#service.name} could not start: ${errorMessage(error)}`);
      return undefined;
    }
  }

  /**
   * The spec the server answers once it is up, from its latest start; `undefined` when it
   * could not start, died first, or did not answer within `readyTimeoutMs` (whoever asks
   * then extracts the spec itself, and explains the failure).
   */
  async served(): Promise<Json | undefined> {
    const running = await this.#spawned;
    if (running === undefined) return undefined;
    const warn = (message: string) => this.#logger.warn(message);
    return fetchSpecWhenReady(this.#service, running, { maxPollMs: READY_POLL_MS, warn }).catch(() => undefined);
  }

  /** The port it is served on (chosen at the first start). */
  get port(): number | undefined {
    return this.#port;
  }

  get url(): string | undefined {
    return this.#port === undefined ? undefined : `http://127.0.0.1:${this.#port}`;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async stop(): Promise<void> {
    const running = this.#running;
    this.#running = undefined;
    this.#stopping = true;
    await running?.process.stop(2000);
  }
}
