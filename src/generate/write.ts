/**
 * Writing a service's output folder, where the user's own files may live too. Ownership comes
 * from the folder's manifest (see manifest.ts):
 *
 *   a file at a generated path ── listed, or bytes already equal ──► ours: (over)write
 *                               └─ anything else ──► the user's: refuse the whole folder, touch nothing
 *   a listed file no longer generated ── bytes as we wrote them ──► remove
 *                                      └─ edited since ──► leave it, stop tracking it, say so
 *
 * A folder from before manifests (none there, or one that cannot be read, as after a merge
 * conflict) is adopted: a file at a generated path is ours when it starts with the banner, and
 * nothing is removed, since only a manifest proves a file is ours to delete. A folder that is
 * left with nothing to generate (a shared runtime's, once the option is gone) loses its manifest
 * too, after the files it may remove.
 */
import { lstat, readFile, readdir, rm, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import { UsageError } from "../errors.js";
import { asCommitted } from "../line-endings.js";
import { writeFileAtomic } from "../spec/store.js";
import { BANNER, type GeneratedFile } from "./file.js";
import { MANIFEST_FILE, hashContent, isPlainRelativePath, manifestEntries, parseManifest, serializeManifest, type ManifestEntries } from "./manifest.js";

export interface OutputPlan {
  /** Files whose bytes differ from what is on disk (or that do not exist yet); the manifest is one of them when it changes. */
  write: GeneratedFile[];
  unchanged: string[];
  /** Files the manifest lists, still as sync-types wrote them, that are no longer generated. */
  remove: string[];
  /** Files left in place that the user may want to delete, and a manifest that could not be read. */
  warnings: string[];
  /** When files are removed, the manifest written first: the new files and those about to go. */
  claim: string | undefined;
  /** The shared runtime folder the manifest on disk records (relative, see manifest.ts), if any. */
  sharedRuntimeBefore: string | undefined;
}

export interface PlanOptions {
  /** The folder as messages name it, e.g. relative to the config. Default: `dir`. */
  shownAs?: string;
  /** The setting that chose the folder, named in the fix (`services.api.output`, `-o`). Default: "the output setting". */
  setting?: string;
  /** The shared runtime folder the clients import, relative to this folder, recorded in the manifest. Default: none. */
  sharedRuntime?: string | undefined;
}

/** A configured service's folder, as messages name it: relative to the config, with its config key. */
export function serviceOutput(service: { name: string; output: string }, root: string): PlanOptions {
  return { shownAs: relative(root, service.output) || ".", setting: `services.${service.name}.output` };
}

type OnDisk = { kind: "missing" } | { kind: "file"; text: string } | { kind: "other" };

/**
 * Compares generated files with the output folder and decides what a write would do, touching
 * nothing. Throws, before anything is written, when a generated path holds a file that is not ours.
 */
export async function planOutput(dir: string, files: GeneratedFile[], options: PlanOptions = {}): Promise<OutputPlan> {
  checkPaths(files);
  const shown = options.shownAs ?? dir;
  await assertFolder(dir, shown, options.setting ?? "the output setting");
  const manifestOnDisk = await readOnDisk(join(dir, MANIFEST_FILE));
  const warnings: string[] = [];
  const trusted = trustedManifest(manifestOnDisk, `${shown}/${MANIFEST_FILE}`, warnings);
  const owned = trusted?.entries;
  const plan: OutputPlan = { write: [], unchanged: [], remove: [], warnings, claim: undefined, sharedRuntimeBefore: trusted?.sharedRuntime };
  const conflicts: string[] = manifestOnDisk.kind === "other" ? [MANIFEST_FILE] : [];

  for (const file of files) {
    const current = await readOnDisk(join(dir, file.path));
    if (current.kind === "missing") plan.write.push(file);
    else if (current.kind === "file" && current.text === file.content) plan.unchanged.push(file.path);
    else if (current.kind === "file" && (owned ? Object.hasOwn(owned, file.path) : current.text.startsWith(BANNER))) plan.write.push(file);
    else conflicts.push(file.path);
  }
  if (conflicts.length > 0) throw conflictError(conflicts, shown, owned !== undefined, options.setting ?? "the output setting");

  const wanted = new Set(files.map((f) => f.path));
  const removed: ManifestEntries = Object.create(null);
  for (const [path, hash] of Object.entries(owned ?? {})) {
    if (wanted.has(path)) continue;
    const current = await readOnDisk(join(dir, path));
    if (current.kind !== "file") continue;
    if (hashContent(current.text) === hash) {
      plan.remove.push(path);
      removed[path] = hash;
    } else {
      plan.warnings.push(`${shown}/${path} is no longer generated but was edited since sync-types wrote it: left in place and no longer tracked (delete it if you do not need it)`);
    }
  }
  plan.remove.sort();
  if (!owned) plan.warnings.push(...(await untrackedLeftovers(dir, wanted)).map((path) => `${shown}/${path} starts with the sync-types banner but is not generated any more, and no manifest lists it: left in place (delete it if it is a leftover)`));

  const entries = manifestEntries(files);
  const manifest = serializeManifest(entries, options.sharedRuntime);
  if (files.length === 0) {
    // Nothing left to own: the manifest goes last, after what it lets the run remove.
    if (owned) plan.remove.push(MANIFEST_FILE);
  } else if (manifestOnDisk.kind === "file" && manifestOnDisk.text === manifest) plan.unchanged.push(MANIFEST_FILE);
  else plan.write.push({ path: MANIFEST_FILE, content: manifest });
  if (plan.remove.length > 0) plan.claim = serializeManifest({ ...entries, ...removed }, options.sharedRuntime);
  return plan;
}

/**
 * Applies a plan: atomic writes, then removals. The manifest is written first, listing every
 * file the run may leave behind, so a run killed half-way never leaves a file of ours that the
 * next run would take for the user's.
 */
export async function applyOutput(dir: string, plan: OutputPlan): Promise<void> {
  const manifest = plan.write.find((f) => f.path === MANIFEST_FILE);
  const first = plan.claim ?? manifest?.content;
  if (first !== undefined) await writeFileAtomic(join(dir, MANIFEST_FILE), first);
  for (const file of plan.write) if (file !== manifest) await writeFileAtomic(join(dir, file.path), file.content);
  for (const path of plan.remove) await rm(join(dir, path), { force: true });
  if (plan.claim !== undefined && manifest) await writeFileAtomic(join(dir, MANIFEST_FILE), manifest.content);
}

/** The manifest on disk; undefined when there is none to trust (then the folder is adopted, see above). */
function trustedManifest(onDisk: OnDisk, shown: string, warnings: string[]): { entries: ManifestEntries; sharedRuntime: string | undefined } | undefined {
  if (onDisk.kind !== "file") return undefined;
  const parsed = parseManifest(onDisk.text);
  if ("entries" in parsed) return parsed;
  warnings.push(`${shown} cannot be read: ${parsed.problem}. It is rewritten; files are taken as generated only where they start with the sync-types banner, and none is removed`);
  return undefined;
}

/** A plugin that returns a path leaving the folder, or two files at one path, would write where nothing may. */
function checkPaths(files: GeneratedFile[]): void {
  const seen = new Set<string>();
  for (const { path } of files) {
    const hint = "a plugin's filesGenerated returned it: paths are relative to the output folder, \"/\"-separated, without \"..\"";
    if (!isPlainRelativePath(path)) throw new UsageError(`generated file path ${JSON.stringify(path)} is not a plain path inside the output folder`, hint);
    if (path === MANIFEST_FILE) throw new UsageError(`a generated file is named ${MANIFEST_FILE}, the name of sync-types' own manifest`, hint);
    if (seen.has(path)) throw new UsageError(`two generated files have the same path ${JSON.stringify(path)}`, hint);
    seen.add(path);
  }
}

function conflictError(paths: string[], shown: string, tracked: boolean, setting: string): UsageError {
  const one = paths.length === 1;
  const why = tracked ? `${MANIFEST_FILE} does not list ${one ? "it" : "them"}` : `no manifest lists ${one ? "it" : "them"} and ${one ? "it does" : "they do"} not start with the banner`;
  const what = one
    ? `${shown}/${paths[0]} is not a file sync-types generated (${why}), but sync-types generates a file at that path`
    : `${paths.length} files in ${shown} are not files sync-types generated (${why}), but sync-types generates a file at each of their paths: ${paths.join(", ")}`;
  return new UsageError(
    `${what}; nothing in ${shown} was touched`,
    `move ${one ? "it" : "them"} out of ${shown}, or point ${setting} at a folder of its own: sync-types only overwrites or removes the files its ${MANIFEST_FILE} lists`,
  );
}

/** A file where the output folder (or one of its parents) should be would fail every write half-way. */
async function assertFolder(dir: string, shown: string, setting: string): Promise<void> {
  const code = await stat(dir).then(
    (found) => (found.isDirectory() ? undefined : "ENOTDIR"),
    (error: NodeJS.ErrnoException) => error.code,
  );
  if (code === undefined || code === "ENOENT") return;
  if (code === "ENOTDIR") throw new UsageError(`the output folder ${shown} is not a folder: it, or a folder above it, is a file`, `point ${setting} at a folder (sync-types creates it when missing)`);
  throw new UsageError(`the output folder ${shown} cannot be read (${code})`, `check ${setting} and the folder's permissions`);
}

/** Regular files only: a symlink or folder at a generated path is the user's. */
async function readOnDisk(path: string): Promise<OnDisk> {
  try {
    if (!(await lstat(path)).isFile()) return { kind: "other" };
    return { kind: "file", text: asCommitted(await readFile(path, "utf8")) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "ENOTDIR") return { kind: "missing" };
    throw error;
  }
}

/** Top-level files an earlier version generated (they carry the banner) that are no longer produced. */
async function untrackedLeftovers(dir: string, wanted: Set<string>): Promise<string[]> {
  const leftovers: string[] = [];
  for (const entry of (await readdir(dir).catch(() => [])).sort()) {
    if (wanted.has(entry) || !/\.(ts|mts|js|mjs)$/.test(entry)) continue;
    const current = await readOnDisk(join(dir, entry));
    if (current.kind === "file" && current.text.startsWith(BANNER)) leftovers.push(entry);
  }
  return leftovers;
}
