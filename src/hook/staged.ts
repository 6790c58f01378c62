/**
 * Git plumbing for the hook. Commands given paths run from the repository root; all inherit the
 * environment git gave the hook (`GIT_INDEX_FILE` included, so `git commit -a` is seen as the
 * index being committed) and read NUL-separated output, so no path is ever quoted or split.
 */
import { existsSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { execa } from "execa";
import { ExitCode, SyncTypesError, UsageError } from "../errors.js";

async function git(cwd: string, args: string[], input?: string, env?: NodeJS.ProcessEnv): Promise<string> {
  const result = await execa("git", args, { cwd, reject: false, stripFinalNewline: false, ...(input === undefined ? {} : { input }), ...(env === undefined ? {} : { env }) });
  if (result.exitCode === undefined) throw new UsageError("git was not found on PATH", "install git, or run this where git is available");
  if (result.exitCode !== 0) {
    const message = String(result.stderr).trim() || `exit code ${result.exitCode}`;
    if (/not a git repository/i.test(message)) throw new UsageError(`${cwd} is not inside a git repository`, "run this from your project's git checkout");
    throw new SyncTypesError(`git ${args[0]} failed: ${message}`, { exitCode: ExitCode.usage });
  }
  return String(result.stdout);
}

const entries = (output: string) => output.split("\0").filter((entry) => entry !== "");
const pathspecs = (root: string, paths: string[]) => ["--", ...paths.map((p) => relative(root, p) || ".")];

/** The working tree's top folder: every path git prints is relative to it. */
export async function repoRoot(cwd: string): Promise<string> {
  return (await git(cwd, ["rev-parse", "--show-toplevel"])).trim();
}

/** The folder git runs hooks from: `core.hooksPath` when set, the shared one in a linked worktree. */
export async function hooksDir(cwd: string): Promise<string> {
  return resolve(cwd, (await git(cwd, ["rev-parse", "--git-path", "hooks"])).trim());
}

/** The repository root, and the absolute path of every file the commit adds, modifies or deletes (a rename is both). */
export async function readStaged(cwd: string): Promise<{ root: string; paths: string[] }> {
  const [root, names] = await Promise.all([repoRoot(cwd), git(cwd, ["diff", "--cached", "--name-only", "--no-renames", "-z"])]);
  return { root, paths: entries(names).map((path) => join(root, path)) };
}

/**
 * Absolute paths under `paths` that differ from the index in the working tree: modified,
 * deleted, or untracked and not ignored. What a working-tree run would see but the commit won't.
 */
export async function unstagedPaths(root: string, paths: string[]): Promise<string[]> {
  const { modified, untracked } = await unstagedChanges(root, paths);
  return [...modified, ...untracked];
}

/** The same, apart: `modified` (deleted included) are in the index, `untracked` are not. */
export async function unstagedChanges(root: string, paths: string[]): Promise<{ modified: string[]; untracked: string[] }> {
  if (paths.length === 0) return { modified: [], untracked: [] };
  const specs = pathspecs(root, paths);
  const [modified, untracked] = await Promise.all([
    git(root, ["diff", "--name-only", "--no-renames", "-z", ...specs]),
    git(root, ["ls-files", "--others", "--exclude-standard", "-z", ...specs]),
  ]);
  const absolute = (output: string) => entries(output).map((path) => join(root, path));
  return { modified: absolute(modified), untracked: absolute(untracked) };
}

/** Absolute paths of the indexed files under `paths`. */
export async function indexedPaths(root: string, paths: string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  return entries(await git(root, ["ls-files", "-z", ...pathspecs(root, paths)])).map((path) => join(root, path));
}

/** Per absolute path under `paths`, the id of the blob the index holds for it. */
export async function indexedBlobs(root: string, paths: string[]): Promise<Map<string, string>> {
  if (paths.length === 0) return new Map();
  // `<mode> <blob> <stage>\t<path>`; a conflicted path has several stages, all kept in order.
  const lines = entries(await git(root, ["ls-files", "--stage", "-z", ...pathspecs(root, paths)]));
  const blobs = new Map<string, string>();
  for (const line of lines) {
    const tab = line.indexOf("\t");
    const path = join(root, line.slice(tab + 1));
    blobs.set(path, [blobs.get(path), line.slice(0, tab)].filter(Boolean).join(","));
  }
  return blobs;
}

/** Writes the staged version of every indexed file under `paths` into `into`, at the same relative path. */
export async function checkoutIndex(root: string, paths: string[], into: string): Promise<void> {
  if (paths.length === 0) return;
  await checkoutFiles(root, entries(await git(root, ["ls-files", "-z", ...pathspecs(root, paths)])).map((path) => join(root, path)), into);
}

/** Writes the staged version of each of `files` (absolute, indexed: listed by git) into `into`; they go on stdin, so there may be many. */
export async function checkoutFiles(root: string, files: string[], into: string): Promise<void> {
  if (files.length === 0) return;
  await git(root, ["checkout-index", "-z", "--stdin", `--prefix=${into}/`], files.map((file) => relative(root, file).split(sep).join("/")).join("\0"));
}

/** `git add -A` for files written or removed by a fix, into the index being committed and, under `git commit <paths>`, the real one too. */
export async function stagePaths(root: string, paths: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (paths.length === 0) return;
  await git(root, ["add", "-A", ...pathspecs(root, paths)]);
  const real = await partialCommitIndex(root, env);
  if (real !== undefined) await git(root, ["add", "-A", ...pathspecs(root, paths)], undefined, { GIT_INDEX_FILE: real });
}

/**
 * `git commit <paths>` commits a temporary index (`<git dir>/next-index-<pid>.lock`: HEAD plus
 * those paths), and once the commit is made, puts in place the real index it holds locked as
 * `index.lock`, updated with the same paths only. A fix staged into the temporary index alone
 * is committed, yet the real index keeps the old files: a staged reversion of the fix. So the
 * fix goes into the locked real index as well, the file git is about to rename into place.
 */
async function partialCommitIndex(root: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const temporary = env["GIT_INDEX_FILE"];
  if (temporary === undefined || !/^next-index-\d+\.lock$/.test(basename(temporary))) return undefined;
  const locked = join(resolve(root, dirname(temporary)), "index.lock");
  return existsSync(locked) ? locked : undefined;
}
