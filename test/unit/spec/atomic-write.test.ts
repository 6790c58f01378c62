import { execa } from "execa";
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, onTestFinished, test, vi } from "vitest";
import { writeFileAtomic } from "../../../src/spec/store.js";
import { REPO_ROOT } from "../../helpers/paths.js";

/** The temp name's random part, made predictable for one test (an attacker who guessed it). */
const temp = vi.hoisted(() => ({ fixed: false }));
vi.mock("node:crypto", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:crypto")>();
  return { ...real, randomBytes: (size: number) => (temp.fixed ? Buffer.alloc(size, 0xab) : real.randomBytes(size)) };
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "sync-types-atomic-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

test("writes the whole content, replacing the old file, and leaves no temp file", async () => {
  const dir = await folder();
  const file = join(dir, "nested", "spec.json");
  await writeFileAtomic(file, "old");
  await writeFileAtomic(file, "ñew ✓".repeat(100_000));
  expect(await readFile(file, "utf8")).toBe("ñew ✓".repeat(100_000));
  expect(await readdir(join(dir, "nested"))).toEqual(["spec.json"]);
});

test("a link planted at the temp name is refused, not followed: the file it points to is untouched", async () => {
  const dir = await folder();
  const victim = join(dir, "victim.txt");
  await writeFile(victim, "mine");
  temp.fixed = true;
  try {
    await symlink(victim, join(dir, `.spec.json.${process.pid}.${"ab".repeat(4)}.tmp`));
    await expect(writeFileAtomic(join(dir, "spec.json"), "new")).rejects.toThrow(/EEXIST/);
  } finally {
    temp.fixed = false;
  }
  expect(await readFile(victim, "utf8")).toBe("mine");
  expect(await readdir(dir)).not.toContain("spec.json");
});

/**
 * Ctrl-C lets the pipeline go on while services stop, then calls `process.exit`: a write in
 * flight at that moment must not leave its temp file beside the user's files. Each moment is
 * one more turn of the event loop into the write.
 */
test("a process that exits mid-write leaves the old file whole and no temp file", { timeout: 60_000 }, async () => {
  const dir = await folder();
  const store = pathToFileURL(join(REPO_ROOT, "dist/src/spec/store.js")).href;
  for (let turns = 0; turns < 12; turns++) {
    const file = join(dir, `spec-${turns}.json`);
    const script = `
      import { writeFileSync } from "node:fs";
      import { writeFileAtomic } from ${JSON.stringify(store)};
      writeFileSync(${JSON.stringify(file)}, "old");
      void writeFileAtomic(${JSON.stringify(file)}, "x".repeat(64 * 1024 * 1024));
      let left = ${turns};
      const tick = () => (left-- === 0 ? process.exit(130) : setImmediate(tick));
      tick();`;
    const run = await execa(process.execPath, ["--input-type=module", "-e", script], { reject: false });
    expect(run.exitCode, run.stderr).toBe(130);
    const content = await readFile(file, "utf8");
    expect(content === "old" || content.length === 64 * 1024 * 1024).toBe(true);
  }
  expect((await readdir(dir)).filter((f) => f.endsWith(".tmp"))).toEqual([]);
});
