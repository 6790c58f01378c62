/**
 * The contract stages of a service that does not own its contract, called by the session
 * (session.ts) so that sync, check, the hook and watch run them alike:
 *
 *   contract ──► Pydantic module (in memory) ──► plan against the committed module
 *     writing: written before the service starts (the app imports it)
 *     judging: a copy of the service's sources with the fresh module, so the spec and the type
 *              checker see the service as a sync would leave it
 *   spec ──► held to the contract ──► a breach is exit 1 and nothing of the service is written
 */
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, relative } from "node:path";
import { registerPath } from "../cleanup.js";
import type { ResolvedService } from "../config/types.js";
import { writeFileAtomic } from "../spec/store.js";
import type { OpenApiDocument } from "../spec/types.js";
import { generateContractModule, type ContractCopy, type ContractModule } from "./generator.js";
import { planModule, type ModulePlan } from "./module-file.js";

export type ContractService = ResolvedService & { contract: string; pydantic: string };

export interface ContractStage {
  module: ContractModule;
  plan: ModulePlan;
}

export function hasContract(service: ResolvedService): service is ContractService {
  return service.contract !== undefined && service.pydantic !== undefined;
}

/** The module the contract yields and what writing it would change (`committed`: where the committed copy is read; `copy`: where the contract is). */
export async function prepareContract(service: ContractService, root: string, options: { committed?: string | undefined; copy?: ContractCopy | undefined; signal?: AbortSignal | undefined; progress?: ((line: string) => void) | undefined }): Promise<ContractStage> {
  const module = await generateContractModule(service, options);
  const plan = await planModule(service, module.text, root, options.committed);
  return { module, plan };
}

/** Folders never copied: environments and caches are not sources, and a venv can be gigabytes. */
const NOT_SOURCES = new Set([".venv", "venv", "node_modules", ".git", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache"]);

/** A temp copy of the service's sources with the fresh module in place (`at`: its path inside them); the caller removes it. */
export async function sourcesWithModule(service: ContractService, plan: ModulePlan, at: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `sync-types-contract-${basename(service.dir)}-`));
  registerPath(dir);
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await cp(service.dir, dir, { recursive: true, filter: (source) => !NOT_SOURCES.has(basename(source)) || source === service.dir });
    await writeFileAtomic(join(dir, at), plan.content);
    return { dir, remove };
  } catch (error) {
    await remove();
    throw error;
  }
}

const HELD = "contract-held";

/**
 * Throws when the spec does not implement the contract, naming each type, field and route.
 * `cache: false` (`check --no-cache`) judges the pair afresh and records nothing, as every other stage then does.
 */
export async function enforceContract(service: ContractService, module: ContractModule, spec: OpenApiDocument, root: string, realDir: string, cache = true): Promise<void> {
  // A pure function of the contract's schemas and operations and the spec: a pair found to hold is not judged again.
  const { BUILD, cacheDir, contentKey, readCacheEntry, writeCacheEntry } = await import("../services/cache.js");
  const entry = cache ? { dir: cacheDir(root), key: contentKey(HELD, BUILD, JSON.stringify([module.schemas, module.operations ?? null]), JSON.stringify(spec)) } : undefined;
  if (entry && (await readCacheEntry<boolean>(entry.dir, HELD, entry.key)) === true) return;
  // The check and the diff it runs on load only for a pair not judged before.
  const { holdToContract } = await import("./conform.js");
  const breaches = holdToContract(module, spec);
  if (breaches.length === 0) return entry && writeCacheEntry(entry.dir, HELD, entry.key, true);
  const { routeSources } = await import("./route-sources.js");
  const { ContractBreachError } = await import("./breach-error.js");
  const sources = await routeSources(service);
  const shown = (at: string) => relative(root, join(realDir, at));
  const located = breaches.map((b) => ({ ...b, routes: b.operations.map((op) => (sources[op] ? shown(sources[op]) : "")) }));
  throw new ContractBreachError(service.name, relative(root, service.contract), located);
}
