import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";

/**
 * A TMPDIR of the test's own, removed when it ends: what a run leaves in its temp dir is then
 * checkable without racing other runs (the spec cache, kept on purpose, aside). Call from inside a test.
 */
export async function privateTmp(): Promise<{ dir: string; leftovers: () => Promise<string[]> }> {
  const dir = await mkdtemp(join(tmpdir(), "st-private-tmp-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return { dir, leftovers: async () => (await readdir(dir)).filter((name) => name.startsWith("sync-types-") && name !== "sync-types-cache") };
}
