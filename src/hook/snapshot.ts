/**
 * The hook judges what is staged, not the working tree. The git index is written out into a
 * temp folder for what a run reads:
 *
 * - each affected service's committed spec and output folder, and the shared runtime's folder
 *   (`runtime.shared`, and one a staged manifest still records), always: staleness is decided
 *   against the files the commit will contain;
 * - a service's sources only when its folder has unstaged or untracked changes to watched
 *   files; otherwise extraction runs in place, exactly as `sync-types check` would.
 *
 * The service keeps the interpreter resolved from its real folder (its venv is not in git).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { registerPath } from "../cleanup.js";
import { MANIFEST_FILE, parseManifest } from "../generate/manifest.js";
import { watchedBy, within, type ManifestService } from "./manifest.js";
import { checkoutIndex, unstagedPaths } from "./staged.js";

export interface Snapshot {
  /** Per service name, its sources as staged; only services whose working tree differs. */
  sourceDirs: Record<string, string>;
  /** A spec file or output folder → its staged copy. */
  committedPath: (path: string) => string;
  dispose(): Promise<void>;
}

/** `shared`: the configured shared runtime folder, if any. */
export async function takeSnapshot(root: string, services: (ManifestService & { pydantic?: string | undefined })[], shared: string | undefined): Promise<Snapshot> {
  const folder = await mkdtemp(join(tmpdir(), "sync-types-staged-"));
  registerPath(folder);
  const inRepo = (path: string) => path === root || within(root, path);
  const staged = (path: string) => (inRepo(path) ? join(folder, relative(root, path)) : path);
  try {
    const unstaged = await unstagedPaths(root, services.map((s) => s.dir).filter(inRepo));
    const partial = services.filter((s) => unstaged.some(watchedBy(s)));
    // A Pydantic module is judged against its staged copy, like the spec; so is the shared runtime.
    const committed = services.flatMap((s) => [s.spec, s.output, ...(s.pydantic === undefined ? [] : [s.pydantic])]);
    await checkoutIndex(root, [...committed, ...(shared === undefined ? [] : [shared]), ...partial.map((s) => s.dir)].filter(inRepo), folder);
    // A folder the staged manifests record, when it is no longer the configured one, is judged (emptied or not) as staged too.
    const recorded = (await Promise.all(services.map((s) => recordedSharedFolder(s.output, staged(s.output))))).filter((dir) => dir !== undefined && dir !== shared && inRepo(dir));
    await checkoutIndex(root, [...new Set(recorded)] as string[], folder);
    return {
      sourceDirs: Object.fromEntries(partial.map((s) => [s.name, staged(s.dir)])),
      committedPath: staged,
      dispose: () => rm(folder, { recursive: true, force: true }),
    };
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

/** The shared runtime folder `output`'s manifest (read from its staged copy) records, absolute. */
async function recordedSharedFolder(output: string, stagedOutput: string): Promise<string | undefined> {
  const text = await readFile(join(stagedOutput, MANIFEST_FILE), "utf8").catch(() => undefined);
  const parsed = text === undefined ? undefined : parseManifest(text);
  return parsed !== undefined && "sharedRuntime" in parsed && parsed.sharedRuntime !== undefined ? resolve(output, parsed.sharedRuntime) : undefined;
}
