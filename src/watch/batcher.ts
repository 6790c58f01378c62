/**
 * Collects file events into one batch: it fires `quietMs` after the last event, or `maxWaitMs`
 * after the first, whichever comes first. While a batch is being handled, new events wait for
 * the next one, so a `git checkout` touching 100 files costs one round, not a hundred.
 */
export class Batcher {
  readonly #pending = new Set<string>();
  readonly #handle: (paths: Set<string>) => Promise<void>;
  readonly #quietMs: number;
  readonly #maxWaitMs: number;
  #timer: NodeJS.Timeout | undefined;
  #firstAt = 0;
  #running: Promise<void> | undefined;

  constructor(handle: (paths: Set<string>) => Promise<void>, options: { quietMs?: number; maxWaitMs?: number } = {}) {
    this.#handle = handle;
    this.#quietMs = options.quietMs ?? 60;
    this.#maxWaitMs = options.maxWaitMs ?? 400;
  }

  add(path: string): void {
    if (this.#pending.size === 0) this.#firstAt = Date.now();
    this.#pending.add(path);
    if (this.#running) return;
    clearTimeout(this.#timer);
    const wait = Math.min(this.#quietMs, Math.max(0, this.#firstAt + this.#maxWaitMs - Date.now()));
    this.#timer = setTimeout(() => void this.#flush(), wait);
  }

  /** Resolves when no batch is pending or running. */
  async idle(): Promise<void> {
    while (this.#running || this.#timer) await (this.#running ?? new Promise((r) => setTimeout(r, this.#quietMs)));
  }

  async #flush(): Promise<void> {
    this.#timer = undefined;
    if (this.#pending.size === 0) return;
    const batch = new Set(this.#pending);
    this.#pending.clear();
    this.#running = this.#handle(batch).finally(() => {
      this.#running = undefined;
      if (this.#pending.size > 0) this.#timer = setTimeout(() => void this.#flush(), 0);
    });
    await this.#running;
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#pending.clear();
  }
}
