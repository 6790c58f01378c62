/**
 * The sync run — obtain every service's spec, write it and its generated files — as a driver
 * over the core session (session.ts), per service:
 *
 *   [contract ──► Pydantic module] ──► obtain ──► build (canonical, validated, generated)
 *     (the service starts while its contract stage runs: Session.applyContractAndObtain)
 *     ──► [held to the contract] ──► compare with the committed spec ──► plan ──► write
 *
 * Services run in parallel, bounded by `concurrency`. A failing service is reported and leaves
 * its committed files untouched; the others carry on. `check` and the hook run the same with
 * `write: false` over their own session.
 */
import { join, relative } from "node:path";
import type { ResolvedConfig, ResolvedService, SourceKind } from "./config/types.js";
import type { ContractCopy } from "./contract/generator.js";
import type { PythonDiagnostic } from "./contract/python-typecheck.js";
import type { PolicyResult } from "./diff/policy.js";
import { summarizeSpecChange, type SpecSummary } from "./diff/summary.js";
import { ConfigError, ExitCode, SyncTypesError, errorMessage, runExitCode, type ExitCode as Code } from "./errors.js";
import type { GeneratedFile } from "./generate/file.js";
import type { OrphanReport } from "./generate/orphans.js";
import type { OutputPlan } from "./generate/write.js";
import { withSession, type ServicePlan, type Session } from "./session.js";
import { readCommitted } from "./spec/store.js";
import type { OpenApiDocument } from "./spec/types.js";

export type { BuiltService } from "./session.js";

export type ProgressEvent =
  | { service: string; phase: "obtaining"; detail: string }
  | { service: string; phase: "generating" }
  | { service: string; phase: "done"; result: ServiceResult };

export interface SyncOptions {
  /** Default `process.cwd()`. */
  cwd?: string;
  /** Config file; default: found from `cwd` upward. */
  config?: string;
  /** Only these services. Default: all. */
  services?: string[];
  /** Overrides every service's `source`. */
  source?: SourceKind;
  /** `false` computes everything and writes nothing (check mode). Default `true`. */
  write?: boolean;
  /** Reuse a spec extracted earlier from identical sources (see services/cache.ts). Default `false`. */
  cache?: boolean;
  /** Per service name, a folder to read its sources from instead of its `dir` (the hook's staged snapshot). Default: none. */
  sourceDirs?: Record<string, string>;
  /** Per service name, its `contract` read from a copy of the project instead (the hook's staged tree). Default: none. */
  contracts?: Record<string, ContractCopy>;
  /** Where the committed copy of a spec file or output folder is read from. Default: the path itself (the working tree). */
  committedPath?: (path: string) => string;
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** Each line a service process prints, for `--verbose`. */
  onServiceOutput?: (service: string, line: string) => void;
  onWarning?: (message: string) => void;
}

export interface ServiceResult {
  service: string;
  /** `created`: no committed spec before. `updated`: spec or files changed. */
  status: "unchanged" | "updated" | "created" | "failed";
  /** Committed spec path, relative to the config folder. */
  specFile: string;
  specChanged: boolean;
  summary: SpecSummary | undefined;
  /** The semantic diff against the committed spec, judged by `breaking` (only when the spec changed). */
  contract: PolicyResult | undefined;
  /** Output files (relative to the config folder) that differ from the committed ones, and stale ones. */
  files: { changed: string[]; removed: string[] };
  /** The canonical spec just obtained, and the committed one it was compared with. */
  spec: OpenApiDocument | undefined;
  committedSpec: OpenApiDocument | undefined;
  /** Absolute output folder and the generated files (paths relative to it), kept for check mode. */
  output: string;
  generated: GeneratedFile[];
  /** Generated files outside the output folder that differ from disk (the shared runtime), by absolute path. */
  generatedElsewhere: GeneratedFile[];
  timings: { obtainMs: number; generateMs: number; writeMs: number };
  /** The spec came from the cache: the service's sources had not changed. */
  cached: boolean;
  /** A service with a `contract`: its Pydantic module (relative to the config folder), whether it differed, and what it was made from. */
  pydantic: { file: string; stale: boolean; contractFiles: string[] } | undefined;
  /** Python call sites the regenerated module breaks, by the service's own type checker. */
  pythonCallSites: PythonCallSite[];
  warnings: string[];
  error: SyncTypesError | undefined;
}

export interface PythonCallSite extends PythonDiagnostic {
  /** `mypy`, `pyright` or the configured command. */
  checker: string;
}

export interface SyncResult {
  config: ResolvedConfig;
  results: ServiceResult[];
  /** Old output folders (no longer any service's `output`): generated files removed, edited ones kept. */
  orphans: OrphanReport;
  exitCode: Code;
}

export async function syncTypes(options: SyncOptions = {}): Promise<SyncResult> {
  return withSession(options, async (session) => {
    const result = await syncWith(session, options);
    // The one-shot run speaks for the whole project; the hook and check (syncWith alone) leave old folders to it.
    // A run in which a service failed writes nothing more: the old folders wait for a good run.
    if (result.results.every((r) => r.status !== "failed")) result.orphans = await session.cleanOldOutputs(options.write !== false);
    return result;
  });
}

/** The sync run over an open session: every selected service in parallel, bounded by `concurrency`. */
export async function syncWith(session: Session, options: SyncOptions = {}): Promise<SyncResult> {
  const { config } = session;
  if (config.services.length === 0) {
    throw new ConfigError(`${config.file}: no services to sync`, {
      file: config.file,
      hint: "add an entry under \"services\", or check that your plugins (e.g. pm2) find the apps you expect",
    });
  }
  const services = session.select(options.services, { source: options.source });
  const results = await mapBounded(services, config.concurrency, (service) => syncService(session, withSourceDir(service, options), options));
  attributeSharedRuntime(results);
  return { config, results, orphans: { removed: [], kept: [] }, exitCode: exitCodeOf(results) };
}

/** Per result, the files of the shared runtime's folders its plan listed (relative to the config folder). */
const sharedFiles = new WeakMap<ServiceResult, { changed: string[]; removed: string[] }>();

/**
 * Every service plans the shared runtime's folder, and the services run at once: whichever writes
 * first is the one whose plan still saw the change. The changes are the same whoever made them, so
 * they are reported once, under the first service of the run that did not fail, whatever the timing.
 */
function attributeSharedRuntime(results: ServiceResult[]): void {
  const changed = new Set<string>();
  const removed = new Set<string>();
  for (const result of results) {
    const shared = sharedFiles.get(result);
    if (!shared) continue;
    shared.changed.forEach((file) => changed.add(file));
    shared.removed.forEach((file) => removed.add(file));
    result.files = { changed: result.files.changed.filter((f) => !shared.changed.includes(f)), removed: result.files.removed.filter((f) => !shared.removed.includes(f)) };
  }
  const owner = results.find((r) => r.status !== "failed");
  if (owner) owner.files = { changed: [...[...changed].sort(), ...owner.files.changed], removed: [...[...removed].sort(), ...owner.files.removed] };
  for (const result of results) {
    if (result.status !== "updated" && result.status !== "unchanged") continue;
    result.status = result.specChanged || result.files.changed.length > 0 || result.files.removed.length > 0 ? "updated" : "unchanged";
  }
}

/** Its `python` stays the one resolved from the real `dir`: a venv is never part of the sources. */
function withSourceDir(service: ResolvedService, options: SyncOptions): ResolvedService {
  const dir = options.sourceDirs?.[service.name];
  return dir === undefined ? service : { ...service, dir };
}

async function syncService(session: Session, service: ResolvedService, options: SyncOptions): Promise<ServiceResult> {
  const { config } = session;
  const result: ServiceResult = {
    service: service.name,
    status: "failed",
    specFile: relative(config.root, service.spec),
    specChanged: false,
    summary: undefined,
    contract: undefined,
    files: { changed: [], removed: [] },
    spec: undefined,
    committedSpec: undefined,
    output: service.output,
    generated: [],
    generatedElsewhere: [],
    timings: { obtainMs: 0, generateMs: 0, writeMs: 0 },
    cached: false,
    pydantic: undefined,
    pythonCallSites: [],
    warnings: [],
    error: undefined,
  };
  const warn = (message: string) => {
    result.warnings.push(message);
    options.onWarning?.(message);
  };
  try {
    let started = performance.now();
    const source = options.source ?? service.source;
    options.onProgress?.({ service: service.name, phase: "obtaining", detail: source });
    const { applied: contract, extracted, cached } = await session.applyContractAndObtain(service, {
      write: options.write !== false,
      committed: service.pydantic && options.committedPath?.(service.pydantic),
      copy: options.contracts?.[service.name],
      signal: options.signal,
      progress: (line) => options.onProgress?.({ service: service.name, phase: "obtaining", detail: line }),
    }, {
      source,
      cache: options.cache,
      signal: options.signal,
      warn,
      onLine: (line) => options.onServiceOutput?.(service.name, line),
      onStatus: (detail) => options.onProgress?.({ service: service.name, phase: "obtaining", detail }),
    });
    if (contract) {
      const { plan, module } = contract.stage;
      result.pydantic = { file: relative(config.root, plan.path), stale: plan.stale, contractFiles: module.contractFiles.map((f) => relative(config.root, f)) };
      result.pythonCallSites = contract.pythonCallSites.map((site) => ({ ...site, checker: contract.checker! }));
      // check reports them as findings; a sync says them once, as it writes the module that breaks them.
      if (options.write !== false) for (const site of result.pythonCallSites) warn(`${service.name}: ${site.file}:${site.line}:${site.column}: ${site.message} (${site.checker}, with the regenerated ${result.pydantic.file})`);
    }
    result.cached = cached;
    result.timings.obtainMs = performance.now() - started;

    started = performance.now();
    options.onProgress?.({ service: service.name, phase: "generating" });
    // `--no-cache` (check) means every stage cold; otherwise content-keyed results are reused.
    const { spec, specText, files } = await session.build(service, extracted, warn, { cache: options.cache !== false });
    if (contract) await session.enforceContract(contract, spec, { cache: options.cache !== false });
    result.generated = files;
    result.spec = spec;

    const committedText = await readCommitted(options.committedPath?.(service.spec) ?? service.spec, `services.${service.name}.spec`);
    result.committedSpec = committedText === undefined ? undefined : parseCommitted(committedText, service.name, result.specFile, options.write !== false, warn);
    result.specChanged = committedText !== specText;
    if (result.specChanged) result.summary = summarizeSpecChange(result.committedSpec, spec);
    if (result.specChanged && result.committedSpec) result.contract = await session.compare(service, { doc: result.committedSpec, text: committedText! }, spec);
    const plan = await session.plan(service, files, options.committedPath);
    for (const warning of plan.warnings) warn(warning);
    result.files = describePlan(plan, service, config);
    if (result.pydantic?.stale) result.files.changed.unshift(result.pydantic.file);
    sharedFiles.set(result, describePlan({ ...plan, write: [], remove: [] }, service, config));
    result.generatedElsewhere = plan.shared.flatMap((folder) => folder.write.map((file) => ({ path: join(folder.dir, file.path), content: file.content })));
    result.timings.generateMs = performance.now() - started;

    if (options.write !== false) {
      started = performance.now();
      await session.write(service, { specText, files }, result.specChanged, plan);
      result.timings.writeMs = performance.now() - started;
    }
    const changed = result.specChanged || result.files.changed.length > 0 || result.files.removed.length > 0;
    result.status = committedText === undefined ? "created" : changed ? "updated" : "unchanged";
  } catch (error) {
    result.status = "failed";
    result.error = error instanceof SyncTypesError
      ? error
      : new SyncTypesError(`internal error while syncing ${service.name}: ${errorMessage(error)}`, { exitCode: ExitCode.internal, cause: error });
  }
  options.onProgress?.({ service: service.name, phase: "done", result });
  return result;
}

/** A committed spec that is not JSON (a merge conflict, say) counts as "no previous spec". */
/** A committed spec that is not JSON (a merge conflict, usually) is said so, not reported as merely stale. */
function parseCommitted(text: string, service: string, file: string, writing: boolean, warn: (message: string) => void): OpenApiDocument | undefined {
  try {
    return JSON.parse(text) as OpenApiDocument;
  } catch (error) {
    const why = /^(<{7}|={7}|>{7})( |$)/m.test(text) ? "it has git merge-conflict markers" : errorMessage(error);
    const fix = writing ? "it is rewritten from the service: review and commit it" : `regenerate it from the service with \`sync-types -s ${service}\` and commit it`;
    warn(`${file} (the committed spec of ${service}) is not valid JSON (${why}): ${fix}`);
    return undefined;
  }
}

function describePlan(plan: ServicePlan, service: ResolvedService, config: ResolvedConfig) {
  const folders = [...plan.shared, { ...plan, dir: service.output }];
  const rel = (dir: string) => (file: string) => relative(config.root, join(dir, file));
  return {
    changed: folders.flatMap((folder) => folder.write.map((f) => rel(folder.dir)(f.path))),
    removed: folders.flatMap((folder) => folder.remove.map(rel(folder.dir))),
  };
}

/** The most severe outcome wins: a bug (70) over a service failure (3) over success. */
export function exitCodeOf(results: ServiceResult[]): Code {
  return runExitCode(results.map((r) => r.error?.exitCode));
}

/** `Promise.all` over `items` with at most `limit` running at once; results keep input order. */
export async function mapBounded<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
