import type { ExitInfo, ManagedProcess } from "./process.js";

export interface Bounds {
  /** Stops the process, and the wait throws its reason. */
  signal?: AbortSignal | undefined;
  /** Stops the process after this long; the result says so. */
  timeoutMs: number;
}

/**
 * Waits for a process that should end by itself (an extractor, a type checker), stopping its tree
 * when `signal` aborts or `timeoutMs` passes, so nothing it runs can hang a run. However the wait
 * ends, the tree is stopped and the pipes are closed; the output stays readable.
 */
export async function waitBounded(child: ManagedProcess, { signal, timeoutMs }: Bounds): Promise<ExitInfo & { timedOut: boolean }> {
  const stop = () => void child.stop(500);
  signal?.addEventListener("abort", stop, { once: true });
  // A stop that came before the listener (while the caller prepared) fires no event now.
  if (signal?.aborted) stop();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    stop();
  }, timeoutMs);
  try {
    const exit = await child.exited;
    signal?.throwIfAborted();
    return { ...exit, timedOut };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", stop);
    await child.stop(500);
  }
}
