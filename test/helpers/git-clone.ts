import { execa } from "execa";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, onTestFinished } from "vitest";

/** A fresh clone of the repository `base` (call it from a test: the clone is removed when that test finishes). */
export async function cloneForTest(base: string): Promise<string> {
  const parent = await mkdtemp(join(tmpdir(), "sync-types-clone-"));
  onTestFinished(() => rm(parent, { recursive: true, force: true }));
  const repo = join(parent, "repo");
  expect((await execa("git", ["clone", "-q", base, repo], { cwd: parent, reject: false })).exitCode).toBe(0);
  return repo;
}
