/**
 * Output folders a config no longer writes to (its `output` changed, or the service went away).
 * They are found from a record committed next to the config, `sync-types.outputs.json`, listing
 * the output folders of its last sync — not by scanning the tree, where a manifest may belong to
 * another config or to `sync-types generate -o`, whose files are not this config's to remove.
 * Each old folder is cleaned through its own manifest: files as sync-types wrote them go, edited
 * ones stay and are named; then the record lists the current folders.
 */
import { lstat, readdir, rm, rmdir } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import type { ResolvedConfig } from "../config/types.js";
import { readCommitted, readTextIfExists, writeFileAtomic } from "../spec/store.js";
import { MANIFEST_FILE, hashContent, isPlainRelativePath, parseManifest } from "./manifest.js";

export const OUTPUTS_RECORD = "sync-types.outputs.json";

const ABOUT = "The output folders of this config's last sync. sync-types cleans a folder that leaves this list (its generated files, through their manifest). Generated: commit it, do not edit.";

export interface OrphanReport {
  /** Generated files removed (or, without writing, that a sync would remove), relative to the config folder. */
  removed: string[];
  /** Files left in place, each with why and what to do. */
  kept: string[];
}

/** Cleans (or with `write: false` only reports) old output folders, and records the current ones. */
export async function cleanOrphanedOutputs(config: Pick<ResolvedConfig, "root" | "services">, write: boolean): Promise<OrphanReport> {
  const report: OrphanReport = { removed: [], kept: [] };
  const recordFile = join(config.root, OUTPUTS_RECORD);
  const current = [...new Set(config.services.map((s) => toPosix(relative(config.root, s.output))))].sort();
  const currentFolded = new Set(current.map((p) => p.toLowerCase()));
  const recordText = await readCommitted(recordFile);
  const recorded = recordText === undefined ? [] : readRecord(recordText, report);
  for (const folder of recorded) {
    // On macOS and Windows `Out` and `out` are one folder.
    if (currentFolded.has(folder.toLowerCase())) continue;
    await cleanFolder(config.root, folder, write, report);
  }
  const text = `${JSON.stringify({ about: ABOUT, outputs: current }, null, 2)}\n`;
  if (write && text !== recordText) await writeFileAtomic(recordFile, text);
  return report;
}

function readRecord(text: string, report: OrphanReport): string[] {
  let outputs: unknown;
  try {
    outputs = (JSON.parse(text) as { outputs?: unknown } | null)?.outputs;
  } catch {
    outputs = undefined;
  }
  if (!Array.isArray(outputs)) {
    report.kept.push(`${OUTPUTS_RECORD} cannot be read (a merge conflict?): no old output folder is cleaned this time; it is rewritten with the current ones`);
    return [];
  }
  // A record edited to name a folder outside the project never gets anything removed.
  return outputs.filter((p): p is string => typeof p === "string" && isPlainRelativePath(p));
}

async function cleanFolder(root: string, folder: string, write: boolean, report: OrphanReport): Promise<void> {
  const dir = join(root, folder);
  if (!(await isRealFolder(dir))) return;
  const manifestText = await readTextIfExists(join(dir, MANIFEST_FILE));
  if (manifestText === undefined) return;
  const parsed = parseManifest(manifestText);
  if ("problem" in parsed) {
    report.kept.push(`${folder}/${MANIFEST_FILE} cannot be read (${parsed.problem}): the old output folder ${folder} was left as it is; delete it if you no longer need it`);
    return;
  }
  const removed: string[] = [];
  for (const [path, hash] of Object.entries(parsed.entries).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const text = await readRegularFile(join(dir, path));
    if (text === undefined) continue;
    if (hashContent(text) !== hash) {
      report.kept.push(`${folder}/${path} is in an old output folder and was edited since sync-types wrote it: left in place (move what you need into the current output's neighbourhood, then delete it)`);
      continue;
    }
    removed.push(path);
  }
  removed.push(MANIFEST_FILE);
  report.removed.push(...removed.map((path) => `${folder}/${path}`));
  if (!write) return;
  for (const path of removed) await rm(join(dir, path), { force: true });
  for (const path of removed) await removeEmptyParents(join(dir, path), root);
}

/** The folders a removed file leaves empty, up to (never including) the config folder. */
async function removeEmptyParents(file: string, root: string): Promise<void> {
  for (let current = dirname(file); current.startsWith(root + sep); current = dirname(current)) {
    const entries = await readdir(current).catch(() => undefined);
    if (entries === undefined) continue;
    if (entries.length > 0) return;
    await rmdir(current);
  }
}

async function isRealFolder(path: string): Promise<boolean> {
  return lstat(path).then((s) => s.isDirectory(), () => false);
}

async function readRegularFile(path: string): Promise<string | undefined> {
  const isFile = await lstat(path).then((s) => s.isFile(), () => false);
  return isFile ? readCommitted(path) : undefined;
}

const toPosix = (path: string) => path.split(sep).join("/");
