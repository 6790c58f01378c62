/**
 * One `runtime.gen.ts` for every client (`runtime: { shared }` in the config), in a folder of its
 * own with its own manifest, so ownership works there as in a service's folder:
 *
 *   shared set ──► its folder gets runtime.gen.ts; each client imports it by a relative path,
 *                  and each service's manifest records the folder (manifest.ts)
 *   shared unset, or moved ──► a folder a service's manifest still records loses runtime.gen.ts
 *                  (only as written: an edited one stays, untracked) and its manifest
 */
import { readFile } from "node:fs/promises";
import { join, posix, relative, resolve, sep } from "node:path";
import { BANNER, type GeneratedFile } from "./file.js";
import { MANIFEST_FILE, parseManifest } from "./manifest.js";
import { RUNTIME_MODULE, RUNTIME_OUTPUT, runtimeSource } from "./client/runtime-source.js";
import { planOutput, type OutputPlan } from "./write.js";

/** An output plan for a folder other than the service's own. */
export interface FolderPlan extends OutputPlan {
  dir: string;
}

/** `from` → `to` as a `/`-separated relative path, `"."` when they are one. */
export function relativeFolder(from: string, to: string): string {
  return relative(from, to).split(sep).join(posix.sep) || ".";
}

/** The module specifier a client in `output` imports the shared runtime in `shared` by. */
export function sharedRuntimeImport(output: string, shared: string): string {
  const path = relativeFolder(output, shared);
  return `${path.startsWith(".") ? path : `./${path}`}/${RUNTIME_MODULE}`;
}

/** The shared runtime file: the runtime behind the plain banner (it belongs to no one spec). */
export function sharedRuntimeFile(): GeneratedFile {
  return { path: RUNTIME_OUTPUT, content: `${BANNER}\n${runtimeSource()}` };
}

export interface SharedRuntimeContext {
  /** The configured shared folder (absolute), or undefined. */
  shared: string | undefined;
  /** Folder of the config: a recorded folder outside it is never touched. */
  root: string;
  /** Every service's output folder: never taken for a stale shared one. */
  outputs: string[];
  /**
   * Where a folder's committed copy is judged (the hook's staged snapshot); the plan keeps the
   * real folder, where it is reported and written. Default: the folder itself.
   */
  committedPath?: ((path: string) => string) | undefined;
}

/**
 * What the shared runtime needs beside a service's own output: the configured folder written,
 * and the folder its manifest recorded (`before`, relative to `output`) emptied when it is no
 * longer the configured one.
 */
export async function planSharedRuntime(context: SharedRuntimeContext, output: string, before: string | undefined): Promise<FolderPlan[]> {
  const plans: FolderPlan[] = [];
  const shownAs = (dir: string) => relative(context.root, dir) || ".";
  const committed = context.committedPath ?? ((dir: string) => dir);
  if (context.shared !== undefined) {
    const dir = context.shared;
    plans.push({ ...(await planOutput(committed(dir), [sharedRuntimeFile()], { shownAs: shownAs(dir), setting: "runtime.shared" })), dir });
  }
  const stale = before === undefined ? undefined : resolve(output, before);
  if (stale !== undefined && stale !== context.shared && (await isSharedRuntimeFolder(stale, context))) {
    plans.push({ ...(await planOutput(committed(stale), [], { shownAs: shownAs(stale), setting: "runtime.shared" })), dir: stale });
  }
  return plans;
}

/**
 * A manifest records the folder, but the manifest is committed text: only a folder inside the
 * project, that no service writes, whose own manifest lists the runtime and nothing else, is
 * emptied. Anything else is left alone.
 */
async function isSharedRuntimeFolder(dir: string, context: SharedRuntimeContext): Promise<boolean> {
  if (!dir.startsWith(context.root + sep) || context.outputs.includes(dir)) return false;
  const text = await readFile(join(context.committedPath?.(dir) ?? dir, MANIFEST_FILE), "utf8").catch(() => undefined);
  const parsed = text === undefined ? undefined : parseManifest(text);
  return parsed !== undefined && "entries" in parsed && Object.keys(parsed.entries).join("\n") === RUNTIME_OUTPUT;
}
