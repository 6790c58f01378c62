/**
 * The consumer project whose call sites `can-deploy` judges: the working tree, or the tree of a
 * deployed commit (`--consumer-ref`) unpacked into a temp folder with `git archive`, so the
 * repository, its index and its worktree list are never touched. The folder belongs to the
 * session: it is removed however the run ends (a Ctrl-C too, through src/cleanup.ts).
 */
import { execa } from "execa";
import { existsSync } from "node:fs";
import { mkdir, realpath, rm, symlink } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { makeTempDir } from "../cleanup.js";
import { UsageError } from "../errors.js";
import type { Session } from "../session.js";

export interface ConsumerTree {
  /** The ref as given; `undefined`: the working tree. */
  ref: string | undefined;
  /** The commit it names. */
  commit: string | undefined;
  /** A path of the working tree → the same path in this tree. */
  map(path: string): string;
  /** A path in this tree → the working-tree path it stands for, for reports (the temp folder is gone by then). */
  unmap(path: string): string;
}

const WORKING_TREE: ConsumerTree = { ref: undefined, commit: undefined, map: (p) => p, unmap: (p) => p };

/** The working tree, or the tree at `ref` with the working tree's `node_modules` linked in (a commit has none). */
export async function openConsumerTree(session: Session, ref: string | undefined): Promise<ConsumerTree> {
  if (ref === undefined) return WORKING_TREE;
  const { root, typecheck } = session.config;
  const top = await gitLine(root, ["rev-parse", "--show-toplevel"], () =>
    new UsageError(`--consumer-ref ${ref}: ${root} is not inside a git repository`, "run can-deploy from the consumer's repository, or leave out --consumer-ref"));
  const commit = await gitLine(top, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], () =>
    new UsageError(`--consumer-ref ${ref}: not a commit of ${top}`, "pass a branch, tag or commit hash git knows here (git fetch it first when it is remote)"));

  const temp = await makeTempDir("sync-types-consumer-");
  session.own(() => temp.remove());
  const tree = join(await realpath(temp.path), "tree");
  await mkdir(tree);
  const tar = join(temp.path, "tree.tar");
  await execa("git", ["archive", "--format=tar", `--output=${tar}`, commit], { cwd: top });
  await execa("tar", ["-xf", tar, "-C", tree]);
  await rm(tar);

  const rootInTree = join(tree, relative(top, await realpath(root)));
  const map = (path: string) => join(rootInTree, relative(root, resolve(path)));
  const unmap = (path: string) => (resolve(path).startsWith(`${tree}/`) ? join(root, relative(rootInTree, resolve(path))) : path);
  for (const tsconfig of typecheck.tsconfig) {
    if (!existsSync(map(tsconfig))) {
      throw new UsageError(`--consumer-ref ${ref}: ${relative(root, tsconfig)} (typecheck.tsconfig) does not exist at ${commit.slice(0, 12)}`, "pass a commit of the consumer project that has it");
    }
  }
  await linkNodeModules([root, ...typecheck.tsconfig.map(dirname)], tree, map);
  return { ref, commit, map, unmap };
}

/**
 * Each `node_modules` from the project folders up to the repository top, linked at the same place
 * in the tree: the deployed commit is judged by the TypeScript and typings installed now.
 */
async function linkNodeModules(folders: string[], tree: string, map: (path: string) => string): Promise<void> {
  for (const folder of folders) {
    // Up to the tree's top (the repository's), never above it.
    for (let dir = resolve(folder); map(dir) === tree || map(dir).startsWith(`${tree}/`); dir = dirname(dir)) {
      const modules = join(dir, "node_modules");
      if (existsSync(modules) && existsSync(map(dir)) && !existsSync(map(modules))) await symlink(modules, map(modules), "dir");
      if (dir === dirname(dir)) break;
    }
  }
}

async function gitLine(cwd: string, args: string[], fail: () => UsageError): Promise<string> {
  const result = await execa("git", args, { cwd, reject: false });
  if (result.exitCode !== 0 || !result.stdout.trim()) throw fail();
  return result.stdout.trim();
}
