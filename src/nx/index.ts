/**
 * `sync-types/nx`: an Nx plugin (inferred tasks) listed in nx.json as `"plugins": ["sync-types/nx"]`.
 * Every sync-types config in the workspace becomes one Nx project per service, so Nx's local and
 * remote caches (and `nx affected`) skip every service whose contract inputs did not change.
 *
 * Graph creation only loads the config (plugins' `configResolved` included): it starts no Python.
 */
import type { CreateNodesContext, CreateNodesResult, CreateNodesV2 } from "nx/src/devkit-exports.js";
// The module @nx/devkit re-exports it from, not devkit-exports itself: that one loads some 400
// modules of Nx into the plugin worker, a second or more of every graph computation.
import nxPluginUtils from "nx/src/project-graph/plugins/utils.js";
import { join } from "node:path";
import { CONFIG_NAMES } from "../config/load.js";
import { withSession } from "../session.js";
import { projectNodes, type SyncTypesNxOptions } from "./project-nodes.js";

export type { SyncTypesNxOptions } from "./project-nodes.js";

const CONFIG_GLOB = `**/{${CONFIG_NAMES.join(",")}}`;

/** The copy config/load.ts transpiles a TypeScript config to, beside it, for the time of the import. */
const TRANSPILED_COPIES = "**/.sync-types.config.*.mjs";

export const createNodesV2: CreateNodesV2<SyncTypesNxOptions> = [
  CONFIG_GLOB,
  (configFiles, options, context) => nxPluginUtils.createNodesFromFiles(
    (file) => (/\.m?ts$/.test(file) ? nodesOnce(file, options ?? {}, context) : nodes(file, options ?? {}, context)),
    configFiles,
    options ?? {},
    context,
  ),
];

/** Nx 23 reads `createNodes` (same shape); Nx 20–22 read `createNodesV2`. */
export const createNodes = createNodesV2;

async function nodes(file: string, options: SyncTypesNxOptions, context: CreateNodesContext): Promise<CreateNodesResult> {
  const config = await withSession({ config: join(context.workspaceRoot, file) }, async (session) => session.config);
  return { projects: projectNodes(config, context.workspaceRoot, options) };
}

const loaded = new Map<string, { key: string; result: Promise<CreateNodesResult> }>();

/**
 * Loading a TypeScript config writes its transpiled copy into the workspace. Under the Nx daemon
 * that is a file change, which recomputes the graph, which loads the config again: forever. So
 * the result is kept while no workspace file but those copies changed.
 */
async function nodesOnce(file: string, options: SyncTypesNxOptions, context: CreateNodesContext): Promise<CreateNodesResult> {
  const { default: workspaceContext } = await import("nx/src/utils/workspace-context.js");
  const files = await workspaceContext.hashWithWorkspaceContext(context.workspaceRoot, ["**/*"], [TRANSPILED_COPIES]);
  const key = `${files}\0${JSON.stringify(options)}`;
  const id = join(context.workspaceRoot, file);
  const kept = loaded.get(id);
  if (kept?.key === key) return kept.result;
  const result = nodes(file, options, context);
  loaded.set(id, { key, result });
  // A failed load is not kept: the next computation tries again and reports it again.
  result.catch(() => loaded.delete(id));
  return result;
}
