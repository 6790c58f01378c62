import { rm } from "node:fs/promises";
import { join } from "node:path";
import { makeTempDir } from "../cleanup.js";
import type { ResolvedService } from "../config/types.js";
import { ServiceError } from "../errors.js";
import { PACKAGE_ROOT } from "../package-root.js";
import type { Json } from "../spec/types.js";
import { pythonHint, readSpecFile, serviceEnv, trimTraceback } from "./common.js";
import { spawnProcess, type ManagedProcess } from "./process.js";

const WARM_SCRIPT = join(PACKAGE_ROOT, "src/services/python/warm.py");

interface Reply {
  id?: number;
  ok?: boolean;
  error?: string;
  ready?: boolean;
  ms?: number;
}

/** Said when an import is stopped at its bound (the warm start or a save). */
const HUNG_IMPORT_HINT = "check what the app waits for at import time, or raise readyTimeoutMs if it is only slow; the next save tries again";

/**
 * A Python process per service that has imported the app's third-party dependencies once and
 * forks a fresh child per request to import the app and emit its spec (see warm.py): a save
 * costs the app's own import and `app.openapi()`, not fastapi's or torch's.
 */
export class WarmExtractor {
  readonly #service: ResolvedService;
  readonly #process: ManagedProcess;
  readonly #pending = new Map<number, (reply: Reply) => void>();
  readonly #ready: Promise<Reply>;
  #next = 0;
  #work: { path: string; remove: () => Promise<void> } | undefined;

  private constructor(service: ResolvedService, onLine?: (line: string) => void) {
    this.#service = service;
    let markReady!: (reply: Reply) => void;
    this.#ready = new Promise((resolve) => (markReady = resolve));
    this.#process = spawnProcess([service.python, WARM_SCRIPT, service.app ?? ""], {
      cwd: service.dir,
      env: serviceEnv(service),
      label: service.name,
      stdin: "pipe",
      onLine,
      onStdoutLine: (line) => {
        const reply = parseReply(line);
        if (reply.ready) markReady(reply);
        else if (reply.id !== undefined) this.#pending.get(reply.id)?.(reply);
      },
    });
    void this.#process.exited.then(() => {
      for (const resolve of this.#pending.values()) resolve({ ok: false, error: "" });
      markReady({ ready: false });
    });
  }

  /** Starts the process and waits until its dependencies are imported. */
  static async start(service: ResolvedService, onLine?: (line: string) => void): Promise<WarmExtractor> {
    const extractor = WarmExtractor.launch(service, onLine);
    await extractor.#whenReady();
    return extractor;
  }

  /**
   * Starts the process without waiting: its dependencies import in the background, and the
   * first `extract` waits for them. The caller owns it from now on (`stop` ends it mid-start too).
   */
  static launch(service: ResolvedService, onLine?: (line: string) => void): WarmExtractor {
    return new WarmExtractor(service, onLine);
  }

  async #whenReady(): Promise<void> {
    // The start imports the app twice: in the throwaway child, then its dependencies here.
    const ready = await this.#bounded(this.#ready, 2 * this.#service.readyTimeoutMs);
    if (ready === "timeout") {
      throw new ServiceError(this.#service.name, `the warm Python process did not finish importing ${this.#service.app} within ${2 * this.#service.readyTimeoutMs} ms (twice readyTimeoutMs) and was stopped`, {
        output: this.#process.output.lines(),
        hint: HUNG_IMPORT_HINT,
      });
    }
    if (!ready.ready) {
      throw new ServiceError(this.#service.name, "the warm Python process exited while starting", {
        output: this.#process.output.lines(),
        hint: pythonHint(this.#service),
      });
    }
  }

  get alive(): boolean {
    return !this.#process.hasExited();
  }

  /** The app's current spec: the saved code, imported fresh. */
  async extract(): Promise<Json> {
    await this.#whenReady();
    this.#work ??= await makeTempDir("sync-types-warm-");
    const id = this.#next++;
    const out = join(this.#work.path, `${id}.json`);
    const reply = await this.#bounded(new Promise<Reply>((resolve) => {
      this.#pending.set(id, resolve);
      this.#process.write(`${JSON.stringify({ id, out })}\n`);
    }), this.#service.readyTimeoutMs);
    this.#pending.delete(id);
    try {
      if (reply === "timeout") {
        throw new ServiceError(this.#service.name, `importing ${this.#service.app} took longer than ${this.#service.readyTimeoutMs} ms and was stopped`, {
          output: this.#process.output.lines(),
          hint: HUNG_IMPORT_HINT,
        });
      }
      if (!reply.ok) {
        const output = trimTraceback((reply.error || this.#process.output.text()).trimEnd().split("\n")).slice(-20);
        throw new ServiceError(this.#service.name, this.alive ? `importing ${this.#service.app} failed` : "the warm Python process died", {
          output,
          hint: "fix the error shown above and save again",
        });
      }
      return await readSpecFile(this.#service, out, `${this.#service.app}.openapi()`);
    } finally {
      await rm(out, { force: true });
    }
  }

  /**
   * A hung import must not hold the watch loop: every later save, the fix included, waits behind
   * this one. Past `ms` the process is stopped (its forked import with it), so the next save starts a new one.
   */
  async #bounded<T>(promise: Promise<T>, ms: number): Promise<T | "timeout"> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => (timer = setTimeout(resolve, ms, "timeout")));
    try {
      const result = await Promise.race([promise, timeout]);
      if (result === "timeout") await this.#process.stop(1000);
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  async stop(): Promise<void> {
    await this.#process.stop(1000);
    await this.#work?.remove();
  }
}

function parseReply(line: string): Reply {
  try {
    return JSON.parse(line) as Reply;
  } catch {
    return {};
  }
}
