import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { readTextIfExists, writeFileAtomic } from "../spec/store.js";
import { BANNER, type GeneratedFile } from "./file.js";

export interface OutputPlan {
  /** Files whose bytes differ from what is on disk (or that do not exist yet). */
  write: GeneratedFile[];
  unchanged: string[];
  /** Earlier generated files (they carry the banner) that are no longer produced. */
  remove: string[];
}

/** Compares generated files with the output folder, touching nothing. */
export async function planOutput(dir: string, files: GeneratedFile[]): Promise<OutputPlan> {
  const plan: OutputPlan = { write: [], unchanged: [], remove: [] };
  for (const file of files) {
    const current = await readTextIfExists(join(dir, file.path));
    if (current === file.content) plan.unchanged.push(file.path);
    else plan.write.push(file);
  }
  const wanted = new Set(files.map((f) => f.path));
  for (const entry of await readdir(dir).catch(() => [])) {
    if (wanted.has(entry) || !/\.(ts|mts|js|mjs|d\.ts)$/.test(entry)) continue;
    const head = await readFile(join(dir, entry), "utf8").then((t) => t.slice(0, 200), () => "");
    if (head.startsWith(BANNER)) plan.remove.push(entry);
  }
  plan.remove.sort();
  return plan;
}

/** Applies a plan: atomic writes, then removal of stale generated files. Files the user wrote are never touched. */
export async function applyOutput(dir: string, plan: OutputPlan): Promise<void> {
  for (const file of plan.write) await writeFileAtomic(join(dir, file.path), file.content);
  for (const path of plan.remove) await rm(join(dir, path), { force: true });
}
