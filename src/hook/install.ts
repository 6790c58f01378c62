/**
 * `sync-types hook install [--uninstall]`: our pre-commit hook in the folder git really runs
 * hooks from (`core.hooksPath`, linked worktrees). A hook already there is moved aside and run
 * first, never overwritten; `--uninstall` puts it back byte for byte. Where husky, lefthook or
 * pre-commit own the hooks, installing would fight them: we print the line to add there instead.
 */
import { existsSync, realpathSync } from "node:fs";
import { chmod, lstat, readFile, rename, rm } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { findConfig } from "../config/load.js";
import { UsageError } from "../errors.js";
import { packageManagerFor } from "../package-manager.js";
import { writeFileAtomic } from "../spec/store.js";
import { HOOK_MARKER, PREVIOUS_SUFFIX, hookScript, managerSnippet, type HookManager } from "./script.js";
import { hooksDir, repoRoot } from "./staged.js";

export interface InstallOptions {
  /** Default `process.cwd()`. */
  cwd?: string;
  /** Config file; default: found from `cwd` upward. */
  config?: string;
  /** The hook regenerates and stages stale files instead of refusing the commit. Default `false`. */
  fix?: boolean;
}

export type InstallResult =
  /** `previous`: where the hook that was there before now lives. */
  | { action: "installed"; hook: string; previous: string | undefined }
  | { action: "updated" | "unchanged"; hook: string }
  /** A hook manager owns the hooks: nothing was written. */
  | { action: "delegated"; manager: HookManager; file: string; snippet: string };

export type UninstallResult =
  | { action: "removed"; hook: string; restored: boolean }
  /** No hook of ours there; whatever is there was left alone. */
  | { action: "absent"; hook: string };

const MANAGERS: [HookManager, string[]][] = [
  ["husky", [".husky"]],
  ["lefthook", ["lefthook.yml", ".lefthook.yml", "lefthook.yaml", ".lefthook.yaml", "lefthook.toml", ".lefthook.toml", "lefthook.json", ".lefthook.json"]],
  ["pre-commit", [".pre-commit-config.yaml", ".pre-commit-config.yml"]],
];

export async function installHook(options: InstallOptions = {}): Promise<InstallResult> {
  const cwd = options.cwd ?? process.cwd();
  const configFile = realpathSync(findConfig(cwd, options.config));
  const root = await repoRoot(cwd);
  const folders = projectFolders(root, configFile);
  const args = [...(configFoundFrom(root) === configFile ? [] : ["-c", relative(root, configFile)]), ...(options.fix ? ["--fix"] : [])];
  const manager = findManager(root, folders);
  const packageManager = packageManagerFor(dirname(configFile));
  if (manager) return { action: "delegated", ...manager, snippet: managerSnippet(manager.manager, args, packageManager) };

  const hook = join(await hooksDir(cwd), "pre-commit");
  const script = hookScript({ args, binDirs: folders, packageManager });
  const current = await ours(hook);
  if (current !== undefined) {
    if (current === script) return { action: "unchanged", hook };
    await writeHook(hook, script);
    return { action: "updated", hook };
  }
  let previous: string | undefined;
  if (await exists(hook)) {
    previous = `${hook}${PREVIOUS_SUFFIX}`;
    if (await exists(previous)) {
      throw new UsageError(`both ${hook} and ${previous} exist, and neither is ours`, `keep the one you want as ${hook}, remove the other, and install again`);
    }
    await rename(hook, previous);
  }
  await writeHook(hook, script);
  return { action: "installed", hook, previous };
}

export async function uninstallHook(options: Pick<InstallOptions, "cwd"> = {}): Promise<UninstallResult> {
  const hook = join(await hooksDir(options.cwd ?? process.cwd()), "pre-commit");
  if ((await ours(hook)) === undefined) return { action: "absent", hook };
  await rm(hook);
  const previous = `${hook}${PREVIOUS_SUFFIX}`;
  const restored = await exists(previous);
  if (restored) await rename(previous, hook);
  return { action: "removed", hook, restored };
}

/** The config folder up to the repository root, relative to the root (`""` is the root): where node_modules and hook managers may be. */
function projectFolders(root: string, configFile: string): string[] {
  const folders: string[] = [];
  for (let dir = dirname(configFile); ; dir = dirname(dir)) {
    folders.push(relative(root, dir));
    if (dir === root || dirname(dir) === dir) return folders;
  }
}

/** The config `hook run` finds by itself from the root, where git runs hooks; `-c` only when it is another one. */
function configFoundFrom(root: string): string | undefined {
  try {
    return realpathSync(findConfig(root));
  } catch {
    return undefined;
  }
}

function findManager(root: string, folders: string[]): { manager: HookManager; file: string } | undefined {
  for (const folder of folders) {
    for (const [manager, names] of MANAGERS) {
      const name = names.find((n) => existsSync(join(root, folder, n)));
      if (name) return { manager, file: join(root, folder, manager === "husky" ? ".husky/pre-commit" : name) };
    }
  }
  return undefined;
}

/** The hook's text when it is one we installed. */
async function ours(hook: string): Promise<string | undefined> {
  const text = await readFile(hook, "utf8").catch(() => undefined);
  return text?.includes(HOOK_MARKER) ? text : undefined;
}

/** Also true for a dangling symlink: it is still someone's hook. */
async function exists(path: string): Promise<boolean> {
  return lstat(path).then(() => true, () => false);
}

async function writeHook(hook: string, script: string): Promise<void> {
  await writeFileAtomic(hook, script);
  await chmod(hook, 0o755);
}
