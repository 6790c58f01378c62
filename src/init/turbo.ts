import { existsSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { ResolvedConfig } from "../config/types.js";
import { ConfigError, UsageError } from "../errors.js";
import type { Logger } from "../logger.js";
import { assertDistinctDirs, checkedConsumerFiles, serviceFiles, shellQuote } from "../monorepo/service-files.js";
import { withSession } from "../session.js";
import { readTextIfExists, writeFileAtomic } from "../spec/store.js";

/** A task of turbo.json, as `init --turbo` writes it. */
export interface TurboTask {
  dependsOn?: string[];
  inputs?: string[];
  outputs?: string[];
  env?: string[];
  cache?: boolean;
}

/** What `init --turbo` adds: root tasks in turbo.json and the root package.json scripts they run. */
export interface TurboSetup {
  tasks: Record<string, TurboTask>;
  scripts: Record<string, string>;
}

/**
 * One root task per service and action (`//#sync-types:<name>`, `//#sync-types-check:<name>`;
 * without the `//#` in a single-package repository),
 * each with that service's inputs and outputs only, so Turborepo's cache keys, and hits, are per
 * service; `sync-types:all` and `sync-types-check:all` run them all. Root tasks, not one task
 * per package: a Python service folder is not a package of the JavaScript workspace, and one
 * task over every service would rerun them all when one changes.
 */
export function turboSetup(config: ResolvedConfig, root: string, monorepo: boolean): TurboSetup {
  // A repository without workspaces is in Turborepo's single-package mode, where tasks carry no `//#`.
  const task = (name: string) => (monorepo ? `//#${name}` : name);
  const services = serviceFiles(config, root);
  assertDistinctDirs(services, config.file);
  const configFile = relative(root, config.file).split(sep).join("/");
  const consumerFiles = checkedConsumerFiles(config, root);
  const tasks: Record<string, TurboTask> = {};
  const scripts: Record<string, string> = {};
  for (const action of ["sync-types", "sync-types-check"] as const) {
    for (const service of services) {
      const name = `${action}:${service.name}`;
      const inputs = [...service.sources, ...service.excluded.map((glob) => `!${glob}`), ...service.settings];
      const committed = [service.spec, `${service.output}/**`];
      tasks[task(name)] = {
        inputs: action === "sync-types" ? inputs : [...inputs, ...committed, ...consumerFiles],
        outputs: action === "sync-types" ? committed : [],
        // Turborepo hashes only the variables named here, and hands only these (and its defaults) to the task in strict mode.
        env: ["PYTHONPATH"],
        // A running service's code is not in the repository: nothing to key a cache on.
        ...(service.source === "url" ? { cache: false } : {}),
      };
      const sub = action === "sync-types" ? [] : ["check"];
      scripts[name] = ["sync-types", ...sub, "-c", shellQuote(configFile), "-s", service.name].join(" ");
    }
    tasks[task(`${action}:all`)] = { dependsOn: services.map((service) => task(`${action}:${service.name}`)), cache: false };
  }
  return { tasks, scripts };
}

/** `init --turbo`: the turbo.json tasks and scripts for the config found from `root`. */
export async function initTurbo(root: string, logger: Logger): Promise<void> {
  await withSession({ cwd: root }, (session) => writeTurboSetup(session.config, root, logger));
}

/**
 * Adds the setup to `root`'s turbo.json and package.json, keeping everything already there. An
 * entry that exists with other content is a conflict: nothing is written, and the error names it.
 */
export async function writeTurboSetup(config: ResolvedConfig, root: string, logger: Logger): Promise<void> {
  const turboFile = join(root, "turbo.json");
  const packageFile = join(root, "package.json");
  const turbo = parseObject(turboFile, await readTextIfExists(turboFile)) ?? { $schema: "https://turborepo.com/schema.json" };
  const pkg = parseObject(packageFile, await readTextIfExists(packageFile));
  if (!pkg)
    throw new UsageError(`${packageFile} does not exist: Turborepo runs package.json scripts`, "run init --turbo at the root of the JavaScript workspace");
  const setup = turboSetup(config, root, hasWorkspaces(pkg) || existsSync(join(root, "pnpm-workspace.yaml")));

  const turboTasks = mergeEntries(turboFile, "tasks", objectAt(turboFile, turbo, "tasks"), setup.tasks);
  const scripts = mergeEntries(packageFile, "scripts", objectAt(packageFile, pkg, "scripts"), setup.scripts);
  const added = [...turboTasks.added, ...scripts.added];
  if (added.length === 0) {
    logger.info("turbo.json and package.json already hold every sync-types task.");
    return;
  }
  if (turboTasks.added.length > 0) await writeFileAtomic(turboFile, `${JSON.stringify({ ...turbo, tasks: turboTasks.merged }, null, 2)}\n`);
  if (scripts.added.length > 0) await writeFileAtomic(packageFile, `${JSON.stringify({ ...pkg, scripts: scripts.merged }, null, 2)}\n`);
  logger.info(`Added ${turboTasks.added.length} turbo.json tasks and ${scripts.added.length} package.json scripts. Run \`turbo run sync-types:all\` (or \`sync-types-check:all\` in CI).`);
}

type JsonRecord = Record<string, unknown>;

function mergeEntries<T>(file: string, key: string, existing: JsonRecord, wanted: Record<string, T>): { merged: JsonRecord; added: string[] } {
  const merged = { ...existing };
  const added: string[] = [];
  const conflicts: string[] = [];
  for (const [name, value] of Object.entries(wanted)) {
    if (!(name in existing)) {
      merged[name] = value;
      added.push(name);
    } else if (JSON.stringify(existing[name]) !== JSON.stringify(value)) conflicts.push(name);
  }
  if (conflicts.length > 0)
    throw new ConfigError(`${file}: ${key} ${conflicts.map((n) => `"${n}"`).join(", ")} already exist with other content; nothing was written`, {
      file,
      hint: `rename or remove ${conflicts.length === 1 ? "it" : "them"} and run init --turbo again, or keep yours`,
    });
  return { merged, added };
}

function parseObject(file: string, text: string | undefined): JsonRecord | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // turbo.json may hold comments; rewriting it would drop them.
    throw new ConfigError(`${file} is not plain JSON (comments?): init --turbo will not rewrite it`, {
      file,
      hint: "remove the comments, or add the tasks by hand (see the README, \"Monorepos and remote caches\")",
    });
  }
  if (!isRecord(value)) throw new ConfigError(`${file}: expected a JSON object`, { file });
  return value;
}

function objectAt(file: string, value: JsonRecord, key: string): JsonRecord {
  const inner = value[key] ?? {};
  if (!isRecord(inner)) throw new ConfigError(`${file}: "${key}" is not an object`, { file, hint: `make "${key}" an object` });
  return inner;
}

function hasWorkspaces(pkg: JsonRecord): boolean {
  const workspaces = pkg["workspaces"];
  const list = isRecord(workspaces) ? workspaces["packages"] : workspaces;
  return Array.isArray(list) && list.length > 0;
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
