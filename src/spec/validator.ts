/**
 * Spec validation as a run pays for it: once per distinct canonical spec (results cached by its
 * hash, the validator's version and ours), and off the main thread, so that Redocly's walk of a
 * large spec overlaps generation instead of preceding it.
 *
 *   canonical text ──► cache hit? ──► its problems
 *                  └─► worker thread: Redocly lint ──► problems ──► cached
 *
 * The worker runs from the built files; from sources (unit tests) the same function runs in
 * process.
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { BUILD, contentKey, readCacheEntry, writeCacheEntry } from "../services/cache.js";
import type { SpecProblem } from "./validate.js";

const WORKER = fileURLToPath(new URL("./validate-worker.js", import.meta.url));

let redoclyVersion: string | undefined;

/** The validator's own version is part of what a verdict depends on. */
function validatorVersion(): string {
  if (redoclyVersion === undefined) {
    const entry = createRequire(import.meta.url).resolve("@redocly/openapi-core");
    const manifest = JSON.parse(readFileSync(join(dirname(dirname(entry)), "package.json"), "utf8")) as { version: string };
    redoclyVersion = manifest.version;
  }
  return redoclyVersion;
}

/**
 * The cache key of a validation: the canonical spec text, the name messages give it, Redocly's
 * version and ours (our rules and filters). Nothing else goes into a verdict.
 */
export function validationKey(text: string, source: string): string {
  return contentKey("validated", BUILD, validatorVersion(), source, text);
}

export class SpecValidator {
  #worker: Worker | undefined;
  readonly #pending = new Map<number, { resolve: (problems: SpecProblem[]) => void; reject: (error: Error) => void }>();
  #next = 0;

  /** `cacheDir`: where verdicts are kept; `undefined` validates every time (`--no-cache`). */
  constructor(private readonly cacheDir: string | undefined) {}

  /** Every problem of the canonical spec `text`; `source` names it in messages. */
  async validate(text: string, source: string): Promise<SpecProblem[]> {
    const key = this.cacheDir === undefined ? undefined : validationKey(text, source);
    if (key !== undefined) {
      const hit = await readCacheEntry<{ problems: SpecProblem[] }>(this.cacheDir!, "validated", key);
      if (hit) return hit.problems;
    }
    const problems = await this.#lint(text, source);
    if (key !== undefined) await writeCacheEntry(this.cacheDir!, "validated", key, { problems });
    return problems;
  }

  async #lint(text: string, source: string): Promise<SpecProblem[]> {
    if (!existsSync(WORKER)) {
      const { validateSpec } = await import("./validate.js");
      return validateSpec(JSON.parse(text) as never, text, source);
    }
    const worker = this.#start();
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, text, source });
    });
  }

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(WORKER);
    const failAll = (error: Error) => {
      for (const { reject } of this.#pending.values()) reject(error);
      this.#pending.clear();
      this.#worker = undefined;
    };
    worker.on("message", (reply: { id: number; problems?: SpecProblem[]; error?: string }) => {
      const pending = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      // Idle, the worker must not keep a finished run alive.
      if (this.#pending.size === 0) worker.unref();
      if (reply.error !== undefined) pending?.reject(new Error(`the spec validator failed: ${reply.error}`));
      else pending?.resolve(reply.problems!);
    });
    worker.on("error", failAll);
    worker.on("exit", (code) => failAll(new Error(`the spec validator stopped (exit ${code})`)));
    this.#worker = worker;
    return worker;
  }

  /** Stops the worker; a later `validate` starts another. */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    await worker?.terminate();
  }
}
