import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { CreateNodesResult } from "nx/src/devkit-exports.js";
import { readTextIfExists, writeFileAtomic } from "../spec/store.js";

/** Transpiled copies an older config loader left beside a TypeScript config: not a change of the workspace. */
const TRANSPILED_COPIES = "**/.sync-types.config.*.mjs";

interface KeptNodes {
  key: string;
  /** Files whose existence the nodes depend on but the workspace hash cannot see (venvs are ignored by git): path → existed. */
  probes: [string, boolean][];
  result: CreateNodesResult;
}

/**
 * Under the Nx daemon every graph computation runs in a fresh plugin worker, so an in-memory
 * cache does not last: the nodes are kept in Nx's workspace data folder (which Nx does not watch)
 * and reused while no workspace file changed, so a config is not loaded again for nothing. The
 * loader once wrote a transpiled copy beside a `.ts` config, and each copy set off another graph
 * computation; it no longer writes anything, and such leftover copies are still not counted as a
 * change.
 */
export async function keptNodes(
  configFile: string,
  workspaceRoot: string,
  options: unknown,
  compute: () => Promise<{ result: CreateNodesResult; probes: string[] }>,
): Promise<CreateNodesResult> {
  const [{ default: workspaceContext }, { default: cacheDirectory }] = await Promise.all([
    import("nx/src/utils/workspace-context.js"),
    import("nx/src/utils/cache-directory.js"),
  ]);
  const files = await workspaceContext.hashWithWorkspaceContext(workspaceRoot, ["**/*"], [TRANSPILED_COPIES]);
  const key = createHash("sha256").update(`${files}\0${JSON.stringify(options ?? {})}`).digest("hex");
  const id = createHash("sha256").update(configFile).digest("hex").slice(0, 16);
  const file = join(cacheDirectory.workspaceDataDirectoryForWorkspace(workspaceRoot), `sync-types-nodes-${id}.json`);

  const kept = parse(await readTextIfExists(file));
  if (kept?.key === key && kept.probes.every(([path, existed]) => existsSync(path) === existed)) return kept.result;
  const { result, probes } = await compute();
  const entry: KeptNodes = { key, probes: probes.map((path) => [path, existsSync(path)]), result };
  await writeFileAtomic(file, JSON.stringify(entry));
  return result;
}

function parse(text: string | undefined): KeptNodes | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as KeptNodes;
  } catch {
    return undefined; // a damaged entry is recomputed, never an error
  }
}
