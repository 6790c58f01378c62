import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { CreateNodesResult } from "nx/src/devkit-exports.js";
import { readTextIfExists, writeFileAtomic } from "../spec/store.js";

/** The copy config/load.ts transpiles a TypeScript config to, beside it, for the time of the import. */
const TRANSPILED_COPIES = "**/.sync-types.config.*.mjs";

interface KeptNodes {
  key: string;
  /** Files whose existence the nodes depend on but the workspace hash cannot see (venvs are ignored by git): path → existed. */
  probes: [string, boolean][];
  result: CreateNodesResult;
}

/**
 * A TypeScript config costs a compiler load on every graph computation, and the loader of this
 * branch (config/load.ts) writes its transpiled copy beside it: under the Nx daemon that copy is a
 * file change, which recomputes the graph in a fresh plugin worker, which loads the config again,
 * which writes another copy, forever. So the nodes are kept in Nx's workspace data folder (which
 * Nx does not watch) and reused while no workspace file but such copies changed.
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
