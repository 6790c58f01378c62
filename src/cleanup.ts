/**
 * What a run must undo however it ends: processes it started, temp folders and files it wrote.
 * Normal paths release their own entries; a signal handler calls `runCleanups` (bounded) before
 * exiting, and `process.exit` from anywhere still removes the registered paths synchronously.
 */
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

type Cleanup = () => Promise<void> | void;

const cleanups = new Set<Cleanup>();
const paths = new Set<string>();

/** Runs `cleanup` when the run is interrupted; the returned function unregisters it. */
export function registerCleanup(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => void cleanups.delete(cleanup);
}

/** A file or folder removed when the run is interrupted, unless `release` ran first. */
export function registerPath(path: string): () => void {
  paths.add(path);
  return () => void paths.delete(path);
}

/** A fresh folder under the OS temp dir, removed on interruption; `remove` is the normal way out. */
export async function makeTempDir(prefix: string): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  const release = registerPath(path);
  return {
    path,
    remove: async () => {
      await rm(path, { recursive: true, force: true });
      release();
    },
  };
}

/** Runs every registered cleanup and removes every registered path, waiting at most `timeoutMs`. */
export async function runCleanups(timeoutMs: number): Promise<void> {
  const pending = [...cleanups].map(async (cleanup) => cleanup());
  cleanups.clear();
  const all = Promise.allSettled(pending).then(() => undefined);
  const timer = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs).unref());
  await Promise.race([all, timer]);
  removePathsNow();
}

function removePathsNow(): void {
  for (const path of paths) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Best effort: an exiting run cannot report a folder it could not remove.
    }
  }
  paths.clear();
}
process.on("exit", removePathsNow);
