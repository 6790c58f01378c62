import { readFileSync } from "node:fs";
import { basename, dirname, join, relative, sep } from "node:path";
import type { CreateNodesResult, TargetConfiguration } from "nx/src/devkit-exports.js";
import type { ResolvedConfig } from "../config/types.js";
import { assertDistinctDirs, checkedConsumerFiles, contractRuntimeCommand, serviceFiles, shellQuote, type ServiceFiles } from "../monorepo/service-files.js";

/** The options of `sync-types/nx` in nx.json (`{ "plugin": "sync-types/nx", "options": { … } }`). */
export interface SyncTypesNxOptions {
  /** The target that syncs one service (spec + generated client). Default `"sync-types"`. */
  targetName?: string;
  /** The target that checks one service, writing nothing. Default `"sync-types-check"`. */
  checkTargetName?: string;
  /** Environment variables the services read while building their app (feature flags, say): hashed into every service's key. Default `[]`. */
  env?: string[];
}

/** Variables that change what Python imports, whatever the service. `PYTHONHASHSEED` is absent: sync-types always sets it to 0. */
const PYTHON_ENV = ["PYTHONPATH"];

/**
 * The Nx projects of one sync-types config: each service a project named after it, rooted at its
 * `dir`, with a sync and a check target whose inputs are exactly what can change its contract;
 * each consumer (the folder of a `typecheck.tsconfig`, else the config's) gets the same two
 * targets running those of every service, and depends on the services so a contract change
 * marks it affected.
 */
export function projectNodes(config: ResolvedConfig, workspaceRoot: string, options: SyncTypesNxOptions = {}): NonNullable<CreateNodesResult["projects"]> {
  const syncTarget = options.targetName ?? "sync-types";
  const checkTarget = options.checkTargetName ?? "sync-types-check";
  const services = serviceFiles(config, workspaceRoot);
  assertDistinctDirs(services, config.file);
  const configFile = posixRelative(workspaceRoot, config.file);
  const env = [...PYTHON_ENV, ...(options.env ?? [])];
  const consumerFiles = checkedConsumerFiles(config, workspaceRoot).map(workspaceGlob);

  const projects: NonNullable<CreateNodesResult["projects"]> = {};
  for (const service of services) {
    const command = (sub: string[]) => ["sync-types", ...sub, "-c", shellQuote(configFile), "-s", service.name].join(" ");
    const inputs = contractInputs(service, env);
    projects[service.dir || "."] = {
      name: service.name,
      projectType: "application",
      tags: ["sync-types:service"],
      targets: {
        [syncTarget]: {
          command: command([]),
          // A running service's code is not in the workspace: nothing to key a cache on.
          cache: service.source !== "url",
          inputs,
          outputs: [`{workspaceRoot}/${service.spec}`, `{workspaceRoot}/${service.output}`],
          metadata: { description: `Extract ${service.name}'s OpenAPI spec and regenerate its client`, technologies: ["fastapi"] },
        },
        [checkTarget]: {
          command: command(["check"]),
          cache: service.source !== "url",
          // The committed files are what check compares against.
          inputs: [...inputs, `{workspaceRoot}/${service.spec}`, `{workspaceRoot}/${service.output}/**/*`, ...consumerFiles],
          outputs: [],
          metadata: { description: `Fail when ${service.name}'s committed spec or client is stale or a change breaks a call site`, technologies: ["fastapi"] },
        },
      },
    };
  }

  const names = services.map((s) => s.name);
  const aggregate = (target: string, what: string): TargetConfiguration => ({
    executor: "nx:noop",
    dependsOn: [{ projects: names, target }],
    metadata: { description: `${what} of every sync-types service this project calls` },
  });
  for (const consumer of consumerRoots(config, workspaceRoot)) {
    if (projects[consumer]) continue;
    projects[consumer] = {
      name: consumerName(join(workspaceRoot, consumer)),
      implicitDependencies: names,
      targets: { [syncTarget]: aggregate(syncTarget, "Sync the clients"), [checkTarget]: aggregate(checkTarget, "Check the contracts") },
    };
  }
  return projects;
}

function contractInputs(service: ServiceFiles, env: string[]): NonNullable<TargetConfiguration["inputs"]> {
  return [
    ...service.sources.map(workspaceGlob),
    ...service.excluded.map((glob) => workspaceGlob(`!${glob}`)),
    ...service.settings.map(workspaceGlob),
    { runtime: contractRuntimeCommand(service.python) },
    ...env.map((name) => ({ env: name })),
    // The sync-types release decides the canonical bytes and the generated code. Asked of the
    // install the task runs (Nx runs this from the workspace root, without node_modules/.bin on
    // PATH) rather than of the lock file: a linked or vendored install has no lock entry.
    { runtime: `node -p "require('sync-types/package.json').version"` },
    // No npm package but sync-types (above) shapes a spec: without this Nx would hash them all.
    { externalDependencies: [] },
  ];
}

function workspaceGlob(glob: string): string {
  return glob.startsWith("!") ? `!{workspaceRoot}/${glob.slice(1)}` : `{workspaceRoot}/${glob}`;
}

function consumerRoots(config: ResolvedConfig, workspaceRoot: string): string[] {
  const folders = config.typecheck.tsconfig.length > 0 ? config.typecheck.tsconfig.map((file) => dirname(file)) : [config.root];
  const roots = folders.map((folder) => posixRelative(workspaceRoot, folder) || ".");
  // A consumer outside the workspace is not a project here; its services still are.
  return [...new Set(roots.filter((root) => !root.startsWith("../") && root !== ".."))];
}

/**
 * The name Nx already gives the folder (its project.json or package.json), so both agree when
 * merged; a plain folder is named after itself.
 */
function consumerName(folder: string): string {
  for (const file of ["project.json", "package.json"]) {
    const text = readTextSync(join(folder, file));
    if (text === undefined) continue;
    try {
      const name = (JSON.parse(text) as { name?: unknown }).name;
      if (typeof name === "string" && name !== "") return name;
    } catch {
      // A broken manifest is Nx's to report, not ours.
    }
  }
  return basename(folder);
}

function readTextSync(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

function posixRelative(from: string, to: string): string {
  return relative(from, to).split(sep).join("/");
}
