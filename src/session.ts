/**
 * The core session every command drives — sync, check, diff, the hook, watch, generate:
 *
 *   openSession ──► load and validate the config ──► configResolved ──► plugins sorted, once
 *
 *   stages, per service, each returning plain data:
 *     applyContract  (a `contract`: the Pydantic module first, since the app imports it)
 *       ──► obtain  (http | import | url; spec cache)
 *       ──► prepare  (canonical bytes, validation, specReady)
 *       ──► build    (prepare + generated files, filesGenerated)
 *       ──► enforceContract  (a `contract`: the spec must implement it, or nothing is written)
 *       ──► compare  (semantic diff, diffDone, breaking.level)  ──► judgeBreaking (breaking.policy)
 *       ──► plan     (against the committed files)  ──► write (atomic)
 *
 *   close ──► everything the session started (processes, temp folders, compilers) is released
 *
 * Drivers only call stages and print, so how a spec is prepared or a change judged lives here
 * once and no two commands can disagree about it.
 */
import { join, relative } from "node:path";
import type { JSONSchema } from "json-schema-to-typescript";
import { registerCleanup } from "./cleanup.js";
import { loadConfig } from "./config/index.js";
import { assertDistinctPaths } from "./config/layout.js";
import { DEFAULTS, resolveService } from "./config/resolve.js";
import type { ResolvedConfig, ResolvedService, ServiceConfig, SourceKind } from "./config/types.js";
import type { ContractCopy } from "./contract/generator.js";
import type { PythonDiagnostic } from "./contract/python-typecheck.js";
import type { ContractStage } from "./contract/stage.js";
import type { PolicyResult } from "./diff/policy.js";
import { ConfigError, SpecError, UsageError } from "./errors.js";
import type { GeneratedFile } from "./generate/file.js";
import type { OrphanReport } from "./generate/orphans.js";
import type { FolderPlan } from "./generate/shared-runtime.js";
import type { OutputPlan } from "./generate/write.js";
import { runHook, sortPlugins, type Plugin } from "./plugins.js";
import { cacheDir, readCachedSpec, specCacheKey, writeCachedSpec, type Extracted } from "./services/cache.js";
import { assertSendableHeaders } from "./services/headers.js";
import { obtainSpec } from "./services/index.js";
import { obtainStreamSchemas } from "./services/stream-models.js";
import { writeFileAtomic } from "./spec/store.js";
import type { Json, OpenApiDocument } from "./spec/types.js";
import type { SpecValidator } from "./spec/validator.js";
import { VERSION } from "./version.js";

export interface OpenSessionOptions {
  /** Where the config is looked for. Default `process.cwd()`. */
  cwd?: string | undefined;
  /** An explicit config file (`-c`). Default: found from `cwd` upward. */
  config?: string | undefined;
}

export interface ObtainStageOptions {
  /** Overrides the service's `source`. */
  source?: SourceKind | undefined;
  /** Reuse a spec extracted earlier from identical sources (services/cache.ts). Default `false`. */
  cache?: boolean | undefined;
  signal?: AbortSignal | undefined;
  onLine?: ((line: string) => void) | undefined;
  onStatus?: ((status: string) => void) | undefined;
  warn?: ((message: string) => void) | undefined;
}

export interface BuildStageOptions {
  /**
   * Reuse validation verdicts and generated files cached by content (spec/validator.ts,
   * generate/cache.ts): right by construction, so on by default; `false` measures a cold run.
   */
  cache?: boolean | undefined;
}

export interface BuiltService {
  spec: OpenApiDocument;
  /** The canonical bytes of the spec file. */
  specText: string;
  files: GeneratedFile[];
}

export interface ContractStageOptions {
  /** Write the module (sync), or judge the service with it in a copy of its sources (check, the hook). */
  write: boolean;
  /** Run the service's Python type checker over the changed module. Default `true`. */
  typecheck?: boolean | undefined;
  /** Where the committed module is read (the hook's staged copy). Default: the module's path. */
  committed?: string | undefined;
  /** The contract read from a copy of the project (the hook's staged tree). Default: the configured contract. */
  copy?: ContractCopy | undefined;
  signal?: AbortSignal | undefined;
  progress?: ((line: string) => void) | undefined;
  /** Awaited once the stage knows the module changes, before anything of it is written or copied. */
  beforeChange?: (() => Promise<void>) | undefined;
}

/** The contract stage's outcome: the service as the rest of the run sees it (maybe a copy with the fresh module). */
export interface AppliedContract {
  stage: ContractStage;
  service: ResolvedService;
  /** New diagnostics of the service's Python type checker with the regenerated module, paths relative to the config folder. */
  pythonCallSites: PythonDiagnostic[];
  /** The checker that ran (`mypy`, `pyright`, the configured command), when one did. */
  checker: string | undefined;
}

/** The other side of a comparison: a committed (or older, or other) spec and its text, for line numbers. */
export interface BaseSpec {
  doc: OpenApiDocument | undefined;
  text: string;
}

/** An output plan and the folder it was made against, and the shared runtime's folders (see generate/shared-runtime.ts). */
export interface ServicePlan extends OutputPlan {
  dir: string;
  shared: FolderPlan[];
}

/**
 * The stages after obtaining a spec (session-stages.ts), loaded on first use: once the first
 * spec is in, while any slower service still runs. Loaded sooner, they would only compete with
 * the services' start-up for the CPU.
 */
const stages = () => import("./session-stages.js");

/** Config loaded and resolved once, `configResolved` applied, plugins sorted. */
export async function openSession(options: OpenSessionOptions = {}): Promise<Session> {
  const loaded = await loadConfig({ cwd: options.cwd ?? process.cwd(), ...(options.config ? { config: options.config } : {}) });
  const config = await runHook(sortPlugins(loaded.plugins), "configResolved", loaded, (p, c) => p.configResolved?.(c));
  // After configResolved: a plugin's services (pm2) may collide too.
  assertDistinctPaths(config);
  return new Session(config);
}

/** How a session without a config file names what chose its paths. */
export interface StandaloneNaming {
  /** The flag that chose the output folder, in messages (`-o`). */
  outputSetting: string;
  /** What the banner names as the source when the spec is not a file (a URL, redacted). Default: the spec file. */
  specLabel?: string | undefined;
}

/**
 * A session over one service and no config file (`sync-types generate`): same stages, same
 * defaults, no plugins.
 */
export function openStandaloneSession(name: string, service: ServiceConfig, options: { cwd: string } & StandaloneNaming): Session {
  const { cwd } = options;
  const file = `${cwd}/sync-types.config`;
  return new Session({
    file,
    root: cwd,
    services: [resolveService(name, service, cwd, file)],
    typecheck: { tsconfig: [] },
    breaking: { level: DEFAULTS.breakingLevel, policy: DEFAULTS.breakingPolicy, rules: {}, ignore: [] },
    plugins: [],
    concurrency: 1,
    runtime: { shared: undefined },
  }, { outputSetting: options.outputSetting, specLabel: options.specLabel });
}

export class Session {
  readonly config: ResolvedConfig;
  /** The config's plugins in run order (`enforce: "pre"` first, `"post"` last). */
  readonly plugins: Plugin[];
  /** One "today" per session: ignore entries expire the same way in every stage of a run. */
  readonly today = new Date();
  readonly #disposers: (() => Promise<void> | void)[] = [];
  #closed = false;
  /** A Ctrl-C closes the session through the clean-up registry, like any other way out. */
  readonly #unregister: () => void;

  readonly #standalone: StandaloneNaming | undefined;
  readonly #validators = new Map<boolean, SpecValidator>();

  constructor(config: ResolvedConfig, standalone?: StandaloneNaming) {
    this.config = config;
    this.#standalone = standalone;
    this.plugins = sortPlugins(config.plugins);
    this.#unregister = registerCleanup(() => this.close());
  }

  /**
   * The services named (config order), or all; an unknown name is a usage error. With `obtaining`
   * (the run will ask them for their spec, by `source` or each its own), the headers they would
   * send are checked now, before any of them starts.
   */
  select(names: string[] | undefined, obtaining?: { source: SourceKind | undefined }): ResolvedService[] {
    const selected = this.#named(names);
    if (obtaining) assertSendableHeaders(selected, obtaining.source);
    return selected;
  }

  #named(names: string[] | undefined): ResolvedService[] {
    if (!names || names.length === 0) return this.config.services;
    const known = this.config.services.map((s) => s.name);
    const unknown = names.filter((n) => !known.includes(n));
    if (unknown.length > 0) {
      throw new UsageError(`unknown service ${unknown.map((n) => `"${n}"`).join(", ")}`, `services in ${this.config.file}: ${known.join(", ")}`);
    }
    return this.config.services.filter((s) => names.includes(s.name));
  }

  /** The service's raw spec (and stream payload schemas), from the cache when its sources are unchanged. */
  async obtain(service: ResolvedService, options: ObtainStageOptions = {}): Promise<{ extracted: Extracted; cached: boolean }> {
    const source = options.source ?? service.source;
    const cache = cacheDir(this.config.root);
    const key = options.cache ? await specCacheKey(service, source, VERSION) : undefined;
    const hit = key ? await readCachedSpec(cache, service.name, key) : undefined;
    if (hit) return { extracted: hit, cached: true };
    const spec = await obtainSpec(service, { ...options, source });
    const extracted: Extracted = { spec, streams: await obtainStreamSchemas(service, options.signal) };
    // The cache is an optimisation: failing to write it must never fail the service.
    if (key) await writeCachedSpec(cache, service.name, key, extracted).catch(() => undefined);
    return { extracted, cached: false };
  }

  /**
   * For a service with a `contract`, before anything obtains its spec: the Pydantic module the
   * contract yields, written first when writing (the app imports it, and a first sync has none
   * yet), else laid into a copy of the sources the run extracts from instead; and, when it
   * changed, the Python call sites it breaks by the service's own type checker. No contract: undefined.
   */
  async applyContract(service: ResolvedService, options: ContractStageOptions): Promise<AppliedContract | undefined> {
    // Most services have none: they start without loading the contract stage.
    if (service.contract === undefined) return undefined;
    const { hasContract, prepareContract, sourcesWithModule } = await import("./contract/stage.js");
    if (!hasContract(service)) return undefined;
    const stage = await prepareContract(service, this.config.root, options);
    if (!stage.plan.stale) return { stage, service, pythonCallSites: [], checker: undefined };
    await options.beforeChange?.();
    const { newPythonDiagnostics, pythonChecker } = await import("./contract/python-typecheck.js");
    const { planModule, writeModule } = await import("./contract/module-file.js");
    const checker = options.typecheck === false ? undefined : pythonChecker(service, cacheDir(this.config.root));
    const before = checker ? await checker.run(service.dir, options.signal) : [];
    // The run may read the sources from elsewhere (the hook's staged snapshot): the module's place in them.
    const configuredDir = this.config.services.find((s) => s.name === service.name)?.dir ?? service.dir;
    const moduleFile = relative(configuredDir, stage.plan.path);
    let target: ResolvedService = service;
    if (options.write) {
      // A plan made against another copy (the hook's staged one) is made again where it writes, as `write` does for
      // the output folder: a file of the user's there is refused before anything is written.
      const elsewhere = options.committed !== undefined && options.committed !== stage.plan.path;
      await writeModule(elsewhere ? await planModule(service, stage.plan.content, this.config.root) : stage.plan);
      if (service.dir !== configuredDir) await writeFileAtomic(join(service.dir, moduleFile), stage.plan.content);
    } else {
      const copy = await sourcesWithModule(service, stage.plan, moduleFile);
      this.own(copy.remove);
      target = { ...service, dir: copy.dir };
    }
    const after = checker ? await checker.run(target.dir, options.signal) : [];
    // The module's own lines are generated, not call sites: only the code that uses it is reported.
    const pythonCallSites = newPythonDiagnostics(before, after)
      .filter((d) => d.file !== moduleFile.split("\\").join("/"))
      .map((d) => ({ ...d, file: relative(this.config.root, join(configuredDir, d.file)) }));
    return { stage, service: target, pythonCallSites, checker: checker?.name };
  }

  /**
   * `applyContract`, then `obtain` from the service it leaves, run at once: the service starts
   * while its contract stage runs, most often a cache hit that finds the module as committed (the
   * service would otherwise wait that long to start). When the stage is about to change the
   * module (write it, or judge a copy with it), that early run is stopped before anything is
   * written, and the service is started again on what the stage left.
   */
  async applyContractAndObtain(service: ResolvedService, contract: ContractStageOptions, obtain: ObtainStageOptions): Promise<{ applied: AppliedContract | undefined; extracted: Extracted; cached: boolean }> {
    if (service.contract === undefined) return { applied: undefined, ...(await this.obtain(service, obtain)) };
    // What the early run says (its output, status, warnings) is held until it is known to count.
    const held: (() => void)[] = [];
    let counts = false;
    const hold = <A extends unknown[]>(tell: ((...args: A) => void) | undefined) => tell && ((...args: A) => void (counts ? tell(...args) : held.push(() => tell(...args))));
    const early = new AbortController();
    const running = this.obtain(service, {
      ...obtain,
      signal: obtain.signal ? AbortSignal.any([obtain.signal, early.signal]) : early.signal,
      onLine: hold(obtain.onLine),
      onStatus: hold(obtain.onStatus),
      warn: hold(obtain.warn),
    });
    running.catch(() => undefined); // taken below, or thrown away
    let stopped = false;
    const stop = async () => {
      stopped = true;
      early.abort();
      await running.catch(() => undefined);
    };
    let applied: AppliedContract | undefined;
    try {
      applied = await this.applyContract(service, { ...contract, beforeChange: stop });
    } catch (error) {
      await stop();
      throw error;
    }
    if (stopped) return { applied, ...(await this.obtain(applied?.service ?? service, obtain)) };
    counts = true;
    for (const tell of held.splice(0)) tell();
    return { applied, ...(await running) };
  }

  /** A service whose spec does not implement its contract fails here (exit 1), before anything of it is written. `cache: false`: judged afresh. */
  async enforceContract(applied: AppliedContract, spec: OpenApiDocument, options: { cache?: boolean } = {}): Promise<void> {
    const { enforceContract, hasContract } = await import("./contract/stage.js");
    // Routes are named where the user edits them, not in a copy or a snapshot.
    const configuredDir = this.config.services.find((s) => s.name === applied.service.name)?.dir ?? applied.service.dir;
    if (hasContract(applied.service)) await enforceContract(applied.service, applied.stage.module, spec, this.config.root, configuredDir, options.cache !== false);
  }

  /** Raw spec → the canonical, validated document a sync would commit (after `specReady`). */
  async prepare(service: ResolvedService, raw: Json, warn: (message: string) => void, options: BuildStageOptions = {}): Promise<OpenApiDocument> {
    const { spec, validated } = await this.#ready(service, raw, warn, options);
    await validated;
    return spec;
  }

  /**
   * The canonical spec, its validation under way, and `specReady` applied. With no plugin
   * hooking `specReady` nothing waits for the validation, so generation overlaps it; a plugin's
   * hook only ever sees a validated spec.
   */
  async #ready(service: ResolvedService, raw: Json, warn: (message: string) => void, options: BuildStageOptions) {
    const { canonicalizeSpec, inlineExternalRefs, serializeSpec } = await stages();
    // Allowed external documents are inlined first: the committed spec is self-contained, and nothing after this reads a file.
    const canonical = canonicalizeSpec(await inlineExternalRefs(raw, service), service.name);
    const canonicalText = serializeSpec(canonical);
    const validated = this.#validate(service, canonicalText, warn, options.cache !== false);
    if (!this.plugins.some((p) => p.specReady)) return { spec: canonical, specText: canonicalText, validated };
    await validated;
    const spec = await runHook(this.plugins, "specReady", canonical, (p, s) => p.specReady?.({ service, spec: s }));
    return { spec, specText: spec === canonical ? canonicalText : serializeSpec(spec), validated };
  }

  /** Raw spec → canonical spec and every generated file, in memory. */
  async build(service: ResolvedService, extracted: Extracted, warn: (message: string) => void, options: BuildStageOptions = {}): Promise<BuiltService> {
    const { spec, specText, validated } = await this.#ready(service, extracted.spec, warn, options);
    // Said after the validation's warnings, in the order a sequential run gives.
    const warnings: string[] = [];
    const generated = this.#generate(service, spec, specText, extracted, (message) => warnings.push(message), options).then(
      (files) => ({ files }),
      (error: unknown) => ({ error }),
    );
    await validated;
    const result = await generated;
    if ("error" in result) throw result.error;
    for (const message of warnings) warn(`${service.name}: ${message}`);
    return { spec, specText, files: result.files };
  }

  /** The generated files (after `filesGenerated`), or the committed ones when the generation cache vouches for their bytes. */
  async #generate(service: ResolvedService, spec: OpenApiDocument, specText: string, extracted: Extracted, warn: (message: string) => void, options: BuildStageOptions): Promise<GeneratedFile[]> {
    const { generationKey, indexFile, rememberGenerated, reuseGenerated, sharedRuntimeImport } = await stages();
    const specPath = this.#standalone?.specLabel ?? relative(service.output, service.spec);
    const shared = this.config.runtime.shared;
    const sharedRuntime = shared === undefined ? undefined : sharedRuntimeImport(service.output, shared);
    const cached = options.cache !== false && !this.plugins.some((p) => p.filesGenerated);
    const cache = cacheDir(this.config.root);
    // Every option that shapes the files is in the key, beside the spec and the build.
    const shape = { sharedRuntime, groupByTag: service.groupByTag, fakes: service.fakes };
    const key = cached ? generationKey(specText, specPath, extracted.streams, shape) : undefined;
    const hit = key === undefined ? undefined : await reuseGenerated(cache, key, service.output);
    if (hit) {
      for (const message of hit.warnings) warn(message);
      return hit.files;
    }
    const { bannerFor, generateFiles } = await import("./generate/index.js");
    const warnings: string[] = [];
    let files: GeneratedFile[];
    try {
      files = await generateFiles(spec, {
        specPath,
        sharedRuntime,
        streamTypes: extracted.streams as Record<string, JSONSchema> | undefined,
        groupByTag: service.groupByTag,
        fakes: service.fakes,
        warn: (message) => {
          warnings.push(message);
          warn(message);
        },
      });
    } catch (error) {
      // The client names a bad `streams` key relative to the option; say which service it is in.
      if (error instanceof ConfigError) throw new ConfigError(`services.${service.name}.${error.message}`, error.hint ? { hint: error.hint } : {});
      throw error;
    }
    const banner = bannerFor(specPath);
    // Built-in behaviour runs on the plugin API, ahead of the user's plugins so they see its output.
    const plugins = [indexFile, ...this.plugins];
    files = await runHook(plugins, "filesGenerated", files, (p, f) => p.filesGenerated?.({ service, spec, files: f, banner }));
    if (key !== undefined) await rememberGenerated(cache, key, files, warnings);
    return files;
  }

  /** Redocly's verdict on the canonical spec (once per distinct spec, see spec/validator.ts); its errors are a SpecError. */
  async #validate(service: ResolvedService, text: string, warn: (message: string) => void, cache: boolean): Promise<void> {
    const { SpecValidator } = await stages();
    let validator = this.#validators.get(cache);
    if (!validator) {
      validator = new SpecValidator(cache ? cacheDir(this.config.root) : undefined);
      this.#validators.set(cache, validator);
      this.own(() => validator!.close());
    }
    const problems = await validator.validate(text, `${service.name}.openapi.json`);
    const errors = problems.filter((p) => p.severity === "error");
    for (const p of problems.filter((p) => p.severity === "warn")) warn(`${service.name}: ${p.message} (${p.ruleId} at ${p.pointer ?? "#/"})`);
    if (errors.length > 0) {
      throw new SpecError(service.name, `the spec is not valid OpenAPI (${errors.length} error${errors.length === 1 ? "" : "s"})`, {
        problems: errors.map((p) => `${p.pointer ?? "#/"}: ${p.message} (${p.ruleId})`),
        hint: "fix the app's OpenAPI output (custom openapi() overrides and openapi_extra are the usual suspects)",
      });
    }
  }

  /** The contract change from `base` to `head`, after `diffDone`, judged by `breaking`. No base: everything in `head` is new. */
  async compare(service: ResolvedService, base: BaseSpec, head: OpenApiDocument): Promise<PolicyResult> {
    const { diffSpecs, evaluatePolicy } = await import("./diff/index.js");
    const from = base.doc ?? { openapi: head.openapi, paths: {} };
    const diffed = diffSpecs(from, head, { ...(base.doc ? { baseText: base.text } : {}), groupByTag: service.groupByTag });
    const changes = await runHook(this.plugins, "diffDone", diffed, (p, c) => p.diffDone?.({ service, changes: c }));
    return evaluatePolicy(changes, this.config.breaking, this.today);
  }

  /**
   * Splits the results whose contract change fails `breaking.level` by `breaking.policy`, for the
   * drivers that judge a repo (`check`, the hook): under `independent` each refuses the run by
   * itself; under `deploy-together` each is let through (and reported), since every consumer
   * ships with the service and the call sites it breaks, checked apart, are what refuses.
   */
  judgeBreaking<T extends { contract?: PolicyResult | undefined }>(results: T[]): { refusing: T[]; letThrough: T[] } {
    const failing = results.filter((r) => (r.contract?.failing.length ?? 0) > 0);
    return this.config.breaking.policy === "deploy-together" ? { refusing: [], letThrough: failing } : { refusing: failing, letThrough: [] };
  }

  /**
   * What writing `files` would change in the output folder and the shared runtime's, touching
   * nothing; `committedPath` judges each against another copy (the hook's staged snapshot). A
   * file of the user's at a generated path fails here (exit 2).
   */
  async plan(service: ResolvedService, files: GeneratedFile[], committedPath?: (path: string) => string): Promise<ServicePlan> {
    const { MANIFEST_FILE, planOutput, planSharedRuntime, relativeFolder, serviceOutput } = await stages();
    const committedOutput = committedPath?.(service.output) ?? service.output;
    // A spec file at a generated path would be written, then overwritten by the generated file.
    const paths = new Set([...files.map((f) => f.path), MANIFEST_FILE]);
    for (const other of this.config.services) {
      const at = relative(service.output, other.spec);
      if (!paths.has(at)) continue;
      throw new ConfigError(`services.${other.name}.spec: ${relative(this.config.root, other.spec)} is a file sync-types generates into services.${service.name}.output`, {
        file: this.config.file,
        hint: "keep the spec outside the output folder, or give it a name sync-types does not generate",
      });
    }
    const where = serviceOutput(service, this.config.root);
    if (this.#standalone) where.setting = this.#standalone.outputSetting;
    const configured = this.config.runtime.shared;
    const own = await planOutput(committedOutput, files, { ...where, sharedRuntime: configured === undefined ? undefined : relativeFolder(service.output, configured) });
    const context = { shared: configured, root: this.config.root, outputs: this.config.services.map((s) => s.output), committedPath };
    const shared = await planSharedRuntime(context, service.output, own.sharedRuntimeBefore);
    return { ...own, warnings: [...own.warnings, ...shared.flatMap((folder) => folder.warnings)], dir: committedOutput, shared };
  }

  /**
   * Writes the spec when it changed and the generated files, each atomically. A plan made against
   * another folder (the hook compares with the staged copy) is made again against the output
   * folder first: what is the user's is judged where it writes, before any write.
   */
  async write(service: ResolvedService, built: { specText: string; files: GeneratedFile[] }, specChanged: boolean, plan: ServicePlan): Promise<void> {
    const { applyOutput } = await stages();
    const target = plan.dir === service.output ? plan : await this.plan(service, built.files);
    if (specChanged) await writeFileAtomic(service.spec, built.specText);
    // The shared runtime first: a client is never written before the runtime it imports.
    for (const folder of target.shared) await applyOutput(folder.dir, folder);
    await applyOutput(service.output, target);
  }

  /**
   * Output folders the config wrote before and no longer does: their generated files are removed
   * (reported only, without `write`), edited ones kept and named. A session without a config file has none.
   */
  async cleanOldOutputs(write: boolean): Promise<OrphanReport> {
    if (this.#standalone) return { removed: [], kept: [] };
    const { cleanOrphanedOutputs } = await import("./generate/orphans.js");
    return cleanOrphanedOutputs(this.config, write);
  }

  /**
   * Registers something to release on `close()` (last registered, first released), however the
   * run ends; the returned function hands it back when the caller released it itself.
   */
  own(dispose: () => Promise<void> | void): () => void {
    if (this.#closed) throw new Error("the session is closed");
    this.#disposers.push(dispose);
    return () => {
      const index = this.#disposers.indexOf(dispose);
      if (index !== -1) this.#disposers.splice(index, 1);
    };
  }

  /** Releases everything the session owns; safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#unregister();
    for (const dispose of this.#disposers.reverse()) await Promise.resolve().then(dispose).catch(() => undefined);
  }
}

/** Opens a session, runs `fn` with it, and closes it however `fn` ends. */
export async function withSession<T>(options: OpenSessionOptions, fn: (session: Session) => Promise<T>): Promise<T> {
  const session = await openSession(options);
  try {
    return await fn(session);
  } finally {
    await session.close();
  }
}
