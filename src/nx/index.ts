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
import { keptNodes } from "./kept-nodes.js";
import { projectNodes, type SyncTypesNxOptions } from "./project-nodes.js";

export type { SyncTypesNxOptions } from "./project-nodes.js";

const CONFIG_GLOB = `**/{${CONFIG_NAMES.join(",")}}`;

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
  return (await computeNodes(file, options, context)).result;
}

/** A TypeScript config's nodes are kept between graph computations (see kept-nodes.ts). */
function nodesOnce(file: string, options: SyncTypesNxOptions, context: CreateNodesContext): Promise<CreateNodesResult> {
  return keptNodes(join(context.workspaceRoot, file), context.workspaceRoot, options, () => computeNodes(file, options, context));
}

/** The nodes, and the venv interpreters whose appearance would change them (config/resolve.ts venvPython). */
async function computeNodes(file: string, options: SyncTypesNxOptions, context: CreateNodesContext) {
  const config = await withSession({ config: join(context.workspaceRoot, file) }, async (session) => session.config);
  return {
    result: { projects: projectNodes(config, context.workspaceRoot, options) },
    probes: config.services.map((service) => join(service.dir, ".venv/bin/python")),
  };
}

