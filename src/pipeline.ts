/**
 * The one pipeline every driver (CLI, check, watch, hook) runs, per service:
 *
 *   config ──► obtain spec ──► canonicalize ──► validate ──► generate ──► compare ──► write
 *   (load,     (http | import   (sorted keys,    (redocly)    (types,      (with the   (atomic;
 *    plugins)   | url)           fixed bytes)                  hooks)       committed   nothing
 *                                                                           files)      on failure)
 *
 * Services run in parallel, bounded by `concurrency`. A failing service is reported and
 * leaves its committed files untouched; the others carry on.
 */
import { relative } from "node:path";
import { loadConfig } from "./config/index.js";
import type { ResolvedConfig, ResolvedService, SourceKind } from "./config/types.js";
import type { JSONSchema } from "json-schema-to-typescript";
import type { PolicyResult } from "./diff/policy.js";
import { summarizeSpecChange, type SpecSummary } from "./diff/summary.js";
import { ConfigError, ExitCode, SpecError, SyncTypesError, UsageError, errorMessage, type ExitCode as Code } from "./errors.js";
import type { GeneratedFile } from "./generate/file.js";
import { indexFile } from "./generate/index-file.js";
import { applyOutput, planOutput, type OutputPlan } from "./generate/write.js";
import { runHook, sortPlugins, type Plugin } from "./plugins.js";
import { obtainSpec } from "./services/index.js";
import { cacheDir, readCachedSpec, specCacheKey, writeCachedSpec, type Extracted } from "./services/cache.js";
import { obtainStreamSchemas } from "./services/stream-models.js";
import { VERSION } from "./version.js";
import { canonicalizeSpec, serializeSpec } from "./spec/canonical.js";
import { inlineExternalRefs } from "./spec/external-refs.js";
import { readTextIfExists, writeFileAtomic } from "./spec/store.js";
import type { OpenApiDocument } from "./spec/types.js";

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
  timings: { obtainMs: number; generateMs: number; writeMs: number };
  /** The spec came from the cache: the service's sources had not changed. */
  cached: boolean;
  warnings: string[];
  error: SyncTypesError | undefined;
}

export interface SyncResult {
  config: ResolvedConfig;
  results: ServiceResult[];
  exitCode: Code;
}

export async function syncTypes(options: SyncOptions = {}): Promise<SyncResult> {
  let config = await loadConfig({ cwd: options.cwd ?? process.cwd(), ...(options.config ? { config: options.config } : {}) });
  const plugins = sortPlugins(config.plugins);
  config = await runHook(plugins, "configResolved", config, (p, c) => p.configResolved?.(c));
  if (config.services.length === 0) {
    throw new ConfigError(`${config.file}: no services to sync`, {
      file: config.file,
      hint: "add an entry under \"services\", or check that your plugins (e.g. pm2) find the apps you expect",
    });
  }
  const services = selectServices(config, options.services);
  const results = await mapBounded(services, config.concurrency, (service) => syncService(withSourceDir(service, options), config, options));
  return { config, results, exitCode: exitCodeOf(results) };
}

/** The services named with `--service`, in config order; an unknown name is a usage error. */
export function selectServices(config: ResolvedConfig, names: string[] | undefined): ResolvedService[] {
  if (!names || names.length === 0) return config.services;
  const known = config.services.map((s) => s.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) {
    throw new UsageError(`unknown service ${unknown.map((n) => `"${n}"`).join(", ")}`, `services in ${config.file}: ${known.join(", ")}`);
  }
  return config.services.filter((s) => names.includes(s.name));
}

/** Its `python` stays the one resolved from the real `dir`: a venv is never part of the sources. */
function withSourceDir(service: ResolvedService, options: SyncOptions): ResolvedService {
  const dir = options.sourceDirs?.[service.name];
  return dir === undefined ? service : { ...service, dir };
}

async function syncService(service: ResolvedService, config: ResolvedConfig, options: SyncOptions): Promise<ServiceResult> {
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
    timings: { obtainMs: 0, generateMs: 0, writeMs: 0 },
    cached: false,
    warnings: [],
    error: undefined,
  };
  const plugins = sortPlugins(config.plugins);
  const warn = (message: string) => {
    result.warnings.push(message);
    options.onWarning?.(message);
  };
  try {
    let started = performance.now();
    const source = options.source ?? service.source;
    options.onProgress?.({ service: service.name, phase: "obtaining", detail: source });
    const cache = cacheDir(config.root);
    const key = await specCacheKey(service, source, VERSION);
    let extracted = options.cache && key ? await readCachedSpec(cache, service.name, key) : undefined;
    result.cached = extracted !== undefined;
    if (extracted === undefined) {
      const spec = await obtainSpec(service, {
        source,
        signal: options.signal,
        warn,
        onLine: (line) => options.onServiceOutput?.(service.name, line),
        onStatus: (detail) => options.onProgress?.({ service: service.name, phase: "obtaining", detail }),
      });
      extracted = { spec, streams: await obtainStreamSchemas(service) };
      // The cache is an optimisation: failing to write it must never fail the service.
      if (key) await writeCachedSpec(cache, service.name, key, extracted).catch(() => undefined);
    }
    result.timings.obtainMs = performance.now() - started;

    started = performance.now();
    options.onProgress?.({ service: service.name, phase: "generating" });
    const { spec, specText, files } = await buildService(service, extracted, plugins, warn);
    result.generated = files;
    result.spec = spec;

    const committedText = await readTextIfExists(options.committedPath?.(service.spec) ?? service.spec);
    result.committedSpec = committedText === undefined ? undefined : parseCommitted(committedText);
    result.specChanged = committedText !== specText;
    if (result.specChanged) result.summary = summarizeSpecChange(result.committedSpec, spec);
    if (result.specChanged && result.committedSpec) {
      const { diffSpecs, evaluatePolicy } = await import("./diff/index.js");
      const changes = await runHook(plugins, "diffDone", diffSpecs(result.committedSpec, spec, { baseText: committedText! }), (p, c) => p.diffDone?.({ service, changes: c }));
      result.contract = evaluatePolicy(changes, config.breaking, new Date());
    }
    const plan = await planOutput(options.committedPath?.(service.output) ?? service.output, files);
    result.files = describePlan(plan, service, config);
    result.timings.generateMs = performance.now() - started;

    if (options.write !== false) {
      started = performance.now();
      if (result.specChanged) await writeFileAtomic(service.spec, specText);
      await applyOutput(service.output, plan);
      result.timings.writeMs = performance.now() - started;
    }
    const changed = result.specChanged || plan.write.length > 0 || plan.remove.length > 0;
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

/** Built-in behaviour that runs on the plugin API, ahead of the user's plugins so they see its output. */
const BUILT_IN_PLUGINS: Plugin[] = [indexFile];

export interface BuiltService {
  spec: OpenApiDocument;
  /** The canonical bytes of the spec file. */
  specText: string;
  files: GeneratedFile[];
}

/** Raw spec → canonical, validated spec and every generated file, in memory. Shared by sync, check and watch. */
export async function buildService(
  service: ResolvedService,
  extracted: Extracted,
  userPlugins: Plugin[],
  warn: (message: string) => void,
): Promise<BuiltService> {
  const plugins = [...BUILT_IN_PLUGINS, ...userPlugins];
  let spec = canonicalizeSpec(await inlineExternalRefs(extracted.spec, service), service.name);
  await checkSpec(service, spec, warn);
  spec = await runHook(plugins, "specReady", spec, (p, s) => p.specReady?.({ service, spec: s }));
  const { bannerFor, generateFiles } = await import("./generate/index.js");
  const specPath = relative(service.output, service.spec);
  let files: GeneratedFile[];
  try {
    files = await generateFiles(spec, { specPath, streamTypes: extracted.streams as Record<string, JSONSchema> | undefined });
  } catch (error) {
    // The client names a bad `streams` key relative to the option; say which service it is in.
    if (error instanceof ConfigError) throw new ConfigError(`services.${service.name}.${error.message}`, error.hint ? { hint: error.hint } : {});
    throw error;
  }
  const banner = bannerFor(specPath);
  files = await runHook(plugins, "filesGenerated", files, (p, f) => p.filesGenerated?.({ service, spec, files: f, banner }));
  return { spec, specText: serializeSpec(spec), files };
}

async function checkSpec(service: ResolvedService, spec: OpenApiDocument, warn: (message: string) => void): Promise<void> {
  // Loaded on first use: Redocly and the TypeScript compiler cost more to import than a config error takes.
  const { validateSpec } = await import("./spec/validate.js");
  const problems = await validateSpec(spec, serializeSpec(spec), `${service.name}.openapi.json`);
  const errors = problems.filter((p) => p.severity === "error");
  for (const p of problems.filter((p) => p.severity === "warn")) warn(`${service.name}: ${p.message} (${p.ruleId} at ${p.pointer ?? "#/"})`);
  if (errors.length > 0) {
    throw new SpecError(service.name, `the spec is not valid OpenAPI (${errors.length} error${errors.length === 1 ? "" : "s"})`, {
      problems: errors.map((p) => `${p.pointer ?? "#/"}: ${p.message} (${p.ruleId})`),
      hint: "fix the app's OpenAPI output (custom openapi() overrides and openapi_extra are the usual suspects)",
    });
  }
}

/** A committed spec that is not JSON (a merge conflict, say) counts as "no previous spec". */
function parseCommitted(text: string): OpenApiDocument | undefined {
  try {
    return JSON.parse(text) as OpenApiDocument;
  } catch {
    return undefined;
  }
}

function describePlan(plan: OutputPlan, service: ResolvedService, config: ResolvedConfig) {
  const rel = (file: string) => relative(config.root, `${service.output}/${file}`);
  return { changed: plan.write.map((f) => rel(f.path)), removed: plan.remove.map(rel) };
}

/** The most severe outcome wins: a bug (70) over a service failure (3) over success. */
export function exitCodeOf(results: ServiceResult[]): Code {
  const codes = results.map((r) => r.error?.exitCode ?? ExitCode.ok);
  if (codes.includes(ExitCode.internal)) return ExitCode.internal;
  return codes.find((c) => c !== ExitCode.ok) ?? ExitCode.ok;
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
