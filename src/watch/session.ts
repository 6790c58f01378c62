import { relative, resolve } from "node:path";
import type { ConsumerCompiler } from "../check/compiler/index.js";
import type { CallSiteDiagnostic } from "../check/typecheck.js";
import type { ResolvedConfig, ResolvedService } from "../config/types.js";
import { summarizeSpecChange, isEmptySummary } from "../diff/summary.js";
import { SyncTypesError, errorMessage } from "../errors.js";
import type { Logger } from "../logger.js";
import { describeError } from "../reporters/describe-error.js";
import { assertSendableHeaders } from "../services/headers.js";
import { obtainStreamSchemas } from "../services/stream-models.js";
import { WarmExtractor } from "../services/warm.js";
import type { Session } from "../session.js";
import { readCommitted } from "../spec/store.js";
import type { OpenApiDocument } from "../spec/types.js";
import { ServiceRunner } from "./runner.js";
import { unchangedStatus, type WatchPlan } from "./handler.js";

export interface SessionOptions {
  /** Run each service under uvicorn for the app being developed. Default `true`. */
  serve: boolean;
  /** Ports an earlier session served services on, by name: an `auto` port stays where the app already points. Default none. */
  ports?: ReadonlyMap<string, number> | undefined;
}

interface ServiceState {
  service: ResolvedService;
  extractor: WarmExtractor | undefined;
  runner: ServiceRunner | undefined;
  spec: OpenApiDocument | undefined;
}

const PREFIX_COLOURS = ["cyan", "magenta", "blue", "yellow", "green"] as const;

/**
 * The state watch mode keeps between saves: a warm extractor and a running server per
 * service, the last spec, and the consumer type-checkers (whose programs stay warm). Every
 * failure is reported and the session goes on; the next good save recovers.
 */
export class WatchSession {
  readonly config: ResolvedConfig;
  readonly #logger: Logger;
  readonly #options: SessionOptions;
  readonly #states = new Map<string, ServiceState>();
  #compilers: ConsumerCompiler[] | undefined;
  #uncheckedSaid = false;
  #failing = new Map<string, CallSiteDiagnostic>();
  /** Per service with a `contract`, the files it was made of at the last resync. */
  readonly #contractFiles = new Map<string, string[]>();
  /** The type-check `start` leaves running (it never rejects: #typecheck reports its own failures). */
  #firstCheck: Promise<void> = Promise.resolve();

  readonly #core: Session;

  constructor(core: Session, logger: Logger, options: SessionOptions) {
    this.#core = core;
    this.config = core.config;
    this.#logger = logger;
    this.#options = options;
  }

  /**
   * Starts the servers and brings every service in sync once, an `http` service from the spec
   * its server answers as soon as it is up (any other, or one whose server fails, through its own
   * interpreter). The warm extractors such a sync went without (`warm`) and the consumer's
   * compiler (a second of CPU to load, `checkConsumers`) start once the watcher is up: until
   * then the servers have the CPU to themselves.
   */
  async start(): Promise<void> {
    assertSendableHeaders(this.config.services, undefined);
    const started = this.config.services.map(async (service, i) => {
      const state: ServiceState = { service, extractor: undefined, runner: undefined, spec: undefined };
      this.#states.set(service.name, state);
      // The app imports its contract module: bring it up to date before its server imports the
      // app, so the spec that server answers is the one to take. A failure is the first sync's to report.
      const module = service.contract === undefined ? undefined : this.#regenerateModule(service).then(() => undefined, () => undefined);
      let serving: Promise<void> | undefined;
      if (this.#options.serve && service.source !== "url") {
        const runner = new ServiceRunner(service, this.#logger, this.#logger.paint[PREFIX_COLOURS[i % PREFIX_COLOURS.length]!], this.#options.ports?.get(service.name));
        state.runner = runner;
        serving = module ? module.then(() => runner.start()) : runner.start();
      }
      await module;
      await Promise.all([this.#resync(state, false), serving]);
    });
    await Promise.all(started);
  }

  /**
   * Starts the warm extractors the first sync went without, for the saves to come. Called once
   * the watcher watches: during start-up they would take the CPU the servers need.
   */
  warm(): void {
    for (const state of this.#states.values()) {
      if (state.service.source !== "url") state.extractor ??= WarmExtractor.launch(state.service, this.#debugLine(state));
    }
  }

  /**
   * The first type-check of the consumer projects, started once the watcher watches: TypeScript
   * holds the thread while it builds a program, and saves are seen meanwhile (a save's own
   * check waits for this one). It prints what it finds when done.
   */
  checkConsumers(): void {
    this.#firstCheck = this.#typecheck();
  }

  async apply(plan: WatchPlan): Promise<void> {
    await this.#firstCheck;
    const results = await Promise.all(plan.resync.map((name) => this.#resync(this.#states.get(name)!)));
    if (plan.typecheck || results.some(Boolean)) await this.#typecheck();
  }

  /**
   * Restarts the server and re-derives the contract in parallel; true when files were written.
   * A service with a `contract` has its Pydantic module regenerated first: the server restarts on it.
   */
  async #resync(state: ServiceState, restartServer = true): Promise<boolean> {
    const { service } = state;
    const started = performance.now();
    let restart: Promise<void> | undefined;
    try {
      const contract = await this.#regenerateModule(service);
      restart = restartServer ? state.runner?.restart() : undefined;
      // A module regenerated now is newer than what the server imported: its served spec is stale.
      const first = !restartServer && !contract?.stage.plan.stale;
      const extracted = { spec: await this.#extract(state, first), streams: await obtainStreamSchemas(service) };
      const warnings: string[] = [];
      const built = await this.#core.build(service, extracted, (m) => warnings.push(m));
      if (contract) await this.#core.enforceContract(contract, built.spec);
      const committed = await readCommitted(service.spec, `services.${service.name}.spec`);
      const plan = await this.#core.plan(service, built.files);
      warnings.push(...plan.warnings);
      await this.#core.write(service, built, committed !== built.specText, plan);
      const previous = state.spec ?? (committed === undefined ? undefined : safeParse(committed));
      state.spec = built.spec;
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const written = plan.write.length + plan.remove.length + (committed !== built.specText ? 1 : 0);
      const summary = summarizeSpecChange(previous, built.spec);
      const { paint } = this.#logger;
      if (written === 0) {
        const status = unchangedStatus(this.#failing.size);
        this.#logger.info(`${status.ok ? paint.green("✓") : paint.red("✗")} ${paint.bold(service.name)} ${status.text} ${paint.dim(`${seconds}s`)}`);
      } else {
        const what = isEmptySummary(summary) ? "generated files refreshed" : `operations ${counts(summary.operations)}, schemas ${counts(summary.schemas)}`;
        this.#logger.info(`${paint.cyan("↻")} ${paint.bold(service.name)} ${what} · ${written} file${written === 1 ? "" : "s"} written ${paint.dim(`${seconds}s`)}`);
      }
      for (const warning of warnings) this.#logger.warn(warning);
      return written > 0;
    } catch (error) {
      this.#report(service, error);
      return false;
    } finally {
      await restart;
    }
  }

  /** The contract's module, written when it changed, with the Python call sites that change breaks. */
  async #regenerateModule(service: ResolvedService) {
    const contract = await this.#core.applyContract(service, { write: true });
    if (!contract) return undefined;
    this.#contractFiles.set(service.name, contract.stage.module.contractFiles);
    if (!contract.stage.plan.stale) return contract;
    const { paint } = this.#logger;
    this.#logger.info(`${paint.cyan("↻")} ${paint.bold(service.name)} ${relative(process.cwd(), contract.stage.plan.path)} regenerated from ${relative(process.cwd(), service.contract ?? "")}`);
    for (const site of contract.pythonCallSites) {
      this.#logger.info(`  ${paint.red("✗")} ${paint.bold(`${relative(process.cwd(), resolve(this.config.root, site.file))}:${site.line}:${site.column}`)} ${site.message} ${paint.dim(`(${contract.checker})`)}`);
    }
    return contract;
  }

  /** Per service with a `contract`, the files it is made of (as of its last resync). */
  contractFiles(): ReadonlyMap<string, readonly string[]> {
    return this.#contractFiles;
  }

  /**
   * `first`: the session's first sync. A service whose source is its server takes the spec that
   * server answers once up, as a one-shot sync would; saves go through the warm extractor.
   */
  async #extract(state: ServiceState, first = false) {
    if (state.service.source === "url") {
      const { obtainSpec } = await import("../services/index.js");
      return obtainSpec(state.service, { warn: (message) => this.#logger.warn(message) });
    }
    if (first && state.runner && state.service.source === "http") {
      const served = await state.runner.served();
      if (served !== undefined) return served;
    }
    if (!state.extractor?.alive) {
      await state.extractor?.stop();
      state.extractor = await WarmExtractor.start(state.service, this.#debugLine(state));
    }
    return state.extractor.extract();
  }

  #debugLine(state: ServiceState): (line: string) => void {
    return (line) => this.#logger.debug("services", `[${state.service.name}] ${line}`);
  }

  #report(service: ResolvedService, error: unknown): void {
    const { paint } = this.#logger;
    const lines = error instanceof SyncTypesError ? describeError(error, this.#logger) : [`internal error: ${errorMessage(error)}`];
    this.#logger.info(`${paint.red("✗")} ${paint.bold(service.name)} ${lines[0]}`);
    for (const line of lines.slice(1)) this.#logger.info(`    ${line}`);
    this.#logger.info(paint.dim("    watching: the next save retries"));
  }

  /** Incremental check of the consumer projects: prints call sites that started or stopped failing. */
  async #typecheck(): Promise<void> {
    if (this.config.typecheck.tsconfig.length === 0) {
      const { uncheckedReason } = await import("../check/index.js");
      if (!this.#uncheckedSaid) this.#logger.warn(uncheckedReason(this.config.root));
      this.#uncheckedSaid = true;
      return;
    }
    const { paint } = this.#logger;
    try {
      // The consumer's own compiler, opened on the first check, then kept warm until stop().
      const { openConsumerCompiler } = await import("../check/compiler/index.js");
      this.#compilers ??= await openAll(this.config.typecheck.tsconfig, openConsumerCompiler, (m) => this.#logger.warn(m));
      const outputs = this.config.services.map((s) => `${resolve(s.output)}/`);
      const now = new Map<string, CallSiteDiagnostic>();
      const generated = (file: string) => outputs.some((o) => file.startsWith(o));
      for (const compiler of this.#compilers) {
        for (const d of compiler.check(new Map(), generated)) now.set(`${d.file}:${d.line}:${d.column}:${d.code}`, d);
      }
      const fresh = [...now].filter(([key]) => !this.#failing.has(key)).map(([, d]) => d);
      const fixed = [...this.#failing.keys()].filter((key) => !now.has(key)).length;
      this.#failing = now;
      for (const d of fresh) {
        this.#logger.info(`  ${paint.red("✗")} ${paint.bold(`${relative(process.cwd(), d.file)}:${d.line}:${d.column}`)} ${d.message.split("\n")[0]}`);
        this.#logger.info(paint.dim(`      │ ${d.source}`));
      }
      if (fixed > 0) this.#logger.info(`  ${paint.green("✓")} ${fixed} call site${fixed === 1 ? "" : "s"} fixed`);
      if (fresh.length === 0 && now.size > 0 && fixed === 0) this.#logger.info(paint.dim(`  ${now.size} call site${now.size === 1 ? "" : "s"} still failing`));
    } catch (error) {
      this.#logger.warn(`type-check failed: ${errorMessage(error)}`);
    }
  }

  /** The port each served service is on, by name: handed to the session a config reload starts. */
  ports(): Map<string, number> {
    return new Map([...this.#states].flatMap(([name, s]) => (s.runner?.port === undefined ? [] : [[name, s.runner.port] as const])));
  }

  /** Servers' URLs, for the banner. */
  urls(): string[] {
    return [...this.#states.values()].flatMap((s) => (s.runner?.url ? [`${s.service.name} → ${s.runner.url}`] : []));
  }

  async stop(): Promise<void> {
    await this.#firstCheck;
    for (const compiler of this.#compilers ?? []) compiler.close();
    this.#compilers = undefined;
    await Promise.all([...this.#states.values()].map(async (s) => {
      await s.runner?.stop();
      await s.extractor?.stop();
    }));
  }
}

/** Every compiler or none: one that fails to open closes those opened before it. */
async function openAll(
  tsconfigs: string[],
  open: (tsconfig: string, warn: (m: string) => void) => Promise<ConsumerCompiler>,
  warn: (m: string) => void,
): Promise<ConsumerCompiler[]> {
  const opened: ConsumerCompiler[] = [];
  try {
    for (const tsconfig of tsconfigs) opened.push(await open(tsconfig, warn));
    return opened;
  } catch (error) {
    for (const compiler of opened) compiler.close();
    throw error;
  }
}

const counts = (c: { added: number; removed: number; changed: number }) => `+${c.added} −${c.removed} ~${c.changed}`;

function safeParse(text: string): OpenApiDocument | undefined {
  try {
    return JSON.parse(text) as OpenApiDocument;
  } catch {
    return undefined;
  }
}
