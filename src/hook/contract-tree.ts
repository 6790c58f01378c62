/**
 * A contract is judged as staged, like a service's sources (snapshot.ts): when the working tree
 * differs from the index where a contract is concerned, the contract and the files it is made of
 * are written out from the index into a temp tree, and the module is generated there.
 *
 * - Concerned: a file the contract is made of has unstaged changes; or, for a TypeScript contract,
 *   a TypeScript input in the folder its files share was deleted or is untracked (either can
 *   change what an import resolves to). Edits anywhere else cannot change what the contract reads.
 * - Written out: the files the contract is made of (`files`); with `wide`, every indexed
 *   TypeScript input in the folder they share as well, for when `files` are the working tree's
 *   list (the manifest's first look) and the staged contract may import others.
 * - Beside them: a link to each `node_modules` folder on the way up, so that packages (and a
 *   tsconfig a package provides) resolve as they do in the project.
 *
 * Nothing concerned: the contract is read in place, exactly as `sync-types check` would.
 */
import { existsSync, realpathSync } from "node:fs";
import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, sep } from "node:path";
import { registerPath } from "../cleanup.js";
import type { ContractCopy } from "../contract/generator.js";
import { within } from "./manifest.js";
import { checkoutFiles, indexedPaths, unstagedChanges } from "./staged.js";

export interface ContractSource {
  /** The service's name. */
  name: string;
  /** Absolute contract file. */
  contract: string;
  /** Absolute files it is made of, the contract among them. */
  files: string[];
}

export interface StagedContracts {
  /** Per service name, its contract as staged; only services whose working tree differs. */
  copies: Record<string, ContractCopy>;
  dispose(): Promise<void>;
}

/** What a TypeScript program reads besides its sources: JSON modules, tsconfigs, a package.json's `type` and `exports`. */
const TS_INPUT = /\.(c|m)?tsx?$|\.json$/i;
const TS_CONTRACT = /\.(c|m)?tsx?$/i;

export async function stageContracts(root: string, contracts: ContractSource[], options: { wide: boolean }): Promise<StagedContracts> {
  const inRepo = (path: string) => within(root, path);
  const sources = contracts
    .filter((c) => inRepo(c.contract))
    .map((c) => {
      const files = [...new Set([c.contract, ...c.files.filter(inRepo)])];
      return { ...c, files, folder: sharedFolder(files), typescript: TS_CONTRACT.test(c.contract) };
    });
  const { modified, untracked } = await unstagedChanges(root, [...new Set(sources.map((s) => s.folder))]);
  const moved = new Set(untracked);
  // A deleted file is listed as modified; only its absence tells it apart.
  const resolvable = (path: string) => TS_INPUT.test(path) && (moved.has(path) || !existsSync(path));
  const concerned = sources.filter((s) => [...modified, ...untracked].some((path) => s.files.includes(path) || (s.typescript && within(s.folder, path) && resolvable(path))));
  if (concerned.length === 0) return { copies: {}, dispose: async () => undefined };

  const folder = realpathSync(await mkdtemp(join(tmpdir(), "sync-types-staged-contract-")));
  registerPath(folder);
  const dispose = () => rm(folder, { recursive: true, force: true });
  try {
    const wanted = new Set(concerned.flatMap((s) => s.files));
    const wide = options.wide ? concerned.filter((s) => s.typescript) : [];
    const indexed = await indexedPaths(root, [...new Set([...wanted, ...wide.map((s) => s.folder)])]);
    const files = indexed.filter((path) => wanted.has(path) || (TS_INPUT.test(path) && wide.some((s) => within(s.folder, path))));
    await checkoutFiles(root, files, folder);
    await linkNodeModules(root, files, folder);
    return {
      copies: Object.fromEntries(concerned.map((s) => [s.name, { contract: join(folder, relative(root, s.contract)), from: folder, to: root }])),
      dispose,
    };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** The deepest folder holding all of `files`. */
function sharedFolder(files: string[]): string {
  const parts = files.map((file) => dirname(file).split(sep));
  const first = parts[0]!;
  let length = first.length;
  for (const other of parts) {
    let same = 0;
    while (same < length && same < other.length && other[same] === first[same]) same++;
    length = same;
  }
  return first.slice(0, length).join(sep) || sep;
}

/** In the copy, each `node_modules` folder the project has on the way up from a written file, as a link to the project's. */
async function linkNodeModules(root: string, files: string[], folder: string): Promise<void> {
  const dirs = new Set<string>();
  for (const file of files) for (let dir = dirname(file); dir === root || within(root, dir); dir = dirname(dir)) dirs.add(dir);
  for (const dir of dirs) {
    const modules = join(dir, "node_modules");
    if (!existsSync(modules)) continue;
    // A node_modules folder that is itself in the index (vendored) is already there as staged.
    await symlink(modules, join(folder, relative(root, modules)), "dir").catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    });
  }
}
