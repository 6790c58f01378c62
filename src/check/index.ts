/**
 * `sync-types check`: the pipeline in memory (nothing written), then three questions per run:
 *
 *   committed spec / generated files stale? ──► which changes fail `breaking.level`, refusing by `breaking.policy` (reported with the stale service)
 *     ──► consumer call sites that stop compiling with the regenerated files (overlay, tsc)?
 *
 * Any "yes" is exit 1, with the command that fixes it.
 */
import { join, resolve } from "node:path";
import { runExitCode, type ExitCode as Code } from "../errors.js";
import { MANIFEST_FILE } from "../generate/manifest.js";
import { syncWith, type PythonCallSite, type ServiceResult, type SyncOptions, type SyncResult } from "../pipeline.js";
import { runHook } from "../plugins.js";
import { withSession, type Session } from "../session.js";
import { readFile } from "node:fs/promises";
import type { ResolvedService } from "../config/types.js";
import type { Change } from "../diff/types.js";
import type { OpenApiDocument } from "../spec/types.js";
import { causeOf } from "./cause.js";
import type { RawCallFinding, RawCallTarget } from "./raw-calls.js";
import type { RuntimeRisk } from "./references.js";
import type { CallSiteDiagnostic, Overlay } from "./typecheck.js";

export interface CheckOptions extends Omit<SyncOptions, "write"> {}

export interface StaleService {
  service: string;
  /** Committed files (relative to the config folder) whose bytes differ from what would be generated. */
  files: string[];
}

export interface CallSiteFinding extends CallSiteDiagnostic {
  /** The tsconfig whose program reported it. */
  tsconfig: string;
  /** The service whose regenerated files broke it, and the declaration it used there. */
  service: string | undefined;
  /** e.g. `components.schemas.Estimate.customer`: the generated declaration the call site relied on. */
  declaration: string | undefined;
  /** The contract change behind it, when the declaration leads to one: `{ id, location }`. */
  cause: { id: string; location: string } | undefined;
}

export interface CheckReport {
  sync: SyncResult;
  stale: StaleService[];
  callSites: CallSiteFinding[];
  /** Call sites that still compile but use something a change may break at run time. */
  runtimeRisks: (RuntimeRisk & { service: string })[];
  /** Per stale service, its contract change when something in it fails `breaking.level` and `breaking.policy` lets that refuse the check. */
  breaking: ServiceResult[];
  /** The same, where `breaking.policy: "deploy-together"` lets the change through: reported, not refused. */
  breakingLetThrough: ServiceResult[];
  /** Python call sites the regenerated Pydantic module breaks (a service with a `contract`), absolute paths. */
  pythonCallSites: (PythonCallSite & { service: string })[];
  /** `fetch` calls that bypass the client and hit no operation of the spec. */
  rawCalls: RawCallFinding[];
  /** Raw calls fail the check only at `breaking.level: "strict"`. */
  rawCallLevel: "warn" | "error";
  /** Which TypeScript judged the call sites, per tsconfig checked. */
  compilers: CompilerUsed[];
  /** Why call sites were not checked at all (no tsconfig configured or found); `undefined` when they were or nothing changed. */
  callSitesUnchecked: string | undefined;
  /** Said once per run: e.g. the bundled TypeScript stood in for a consumer without one. */
  warnings: string[];
  timings: { syncMs: number; typecheckMs: number };
  exitCode: Code;
}

export interface CompilerUsed {
  tsconfig: string;
  version: string;
  /** `consumer`: the project's own TypeScript; `bundled`: it has none, sync-types' own stood in. */
  source: "consumer" | "bundled";
}

export async function checkProject(options: CheckOptions = {}): Promise<CheckReport> {
  return withSession(options, async (session) => {
    const report = await checkWith(session, options);
    // Old output folders are the one-shot sync's to clean (the hook leaves them too); CI names them so they are not forgotten.
    const old = await session.cleanOldOutputs(false);
    if (old.removed.length > 0) {
      const folders = old.removed.filter((file) => file.endsWith(`/${MANIFEST_FILE}`)).map((file) => file.slice(0, -MANIFEST_FILE.length - 1));
      report.warnings.push(`${old.removed.length} generated files remain in output folders no service writes to any more (${folders.join(", ")}): run sync-types to remove them`);
    }
    report.warnings.push(...old.kept);
    return report;
  });
}

/** `check` over an open session (the hook runs it over its own, then judges and fixes with the same session). */
export async function checkWith(session: Session, options: CheckOptions = {}): Promise<CheckReport> {
  let started = performance.now();
  const sync = await syncWith(session, { ...options, write: false });
  const syncMs = performance.now() - started;

  const ok = sync.results.filter((r) => r.status !== "failed");
  const stale = ok.filter(isStale).map((r) => ({
    service: r.service,
    files: [...(r.specChanged ? [r.specFile] : []), ...r.files.changed, ...r.files.removed],
  }));

  started = performance.now();
  const overlay = overlayOf(ok.filter(isStale), sync.config.root);
  const serviceOf = (file: string) => ok.find((r) => file.startsWith(`${resolve(r.output)}/`))?.service;
  const outputs = ok.map((r) => `${resolve(r.output)}/`);
  const changes = new Map<Change, string>();
  for (const r of ok) for (const change of r.contract?.changes ?? []) changes.set(change, r.service);
  const warnings: string[] = [];
  const tsconfigs = sync.config.typecheck.tsconfig;
  const { callSites, runtimeRisks, compilers } = overlay.size === 0
    ? { callSites: [], runtimeRisks: [], compilers: [] }
    : await typecheckConsumers(session, tsconfigs, overlay, outputs, serviceOf, changes, (m) => warnings.push(m));
  const callSitesUnchecked = tsconfigs.length === 0 ? uncheckedReason(sync.config.root) : undefined;
  for (const site of callSites) site.cause = causeOf(site, ok);
  const rawCalls = await rawCallsIn(sync, ok);
  const rawCallLevel = sync.config.breaking.level === "strict" ? "error" : "warn";
  const typecheckMs = performance.now() - started;

  const pythonCallSites = ok.flatMap((r) => r.pythonCallSites.map((site) => ({ ...site, file: resolve(sync.config.root, site.file), service: r.service })));

  const { refusing: breaking, letThrough: breakingLetThrough } = session.judgeBreaking(ok);
  const contractProblem = stale.length > 0 || breaking.length > 0 || callSites.length > 0 || pythonCallSites.length > 0 || (rawCallLevel === "error" && rawCalls.length > 0);
  const exitCode = runExitCode([sync.exitCode], contractProblem);
  const report: CheckReport = {
    sync, stale, breaking, breakingLetThrough, callSites, pythonCallSites, runtimeRisks, rawCalls, rawCallLevel, compilers, callSitesUnchecked, warnings, timings: { syncMs, typecheckMs }, exitCode,
  };
  return runHook(session.plugins, "checkDone", report, (p, r) => p.checkDone?.({ report: r }));
}

/** Said by every command that would check call sites, when there is no consumer project to check. */
export function uncheckedReason(root: string): string {
  return `call sites were NOT checked: no typecheck.tsconfig in the config and no tsconfig.json in ${root}`;
}

function isStale(r: ServiceResult): boolean {
  return r.specChanged || r.files.changed.length > 0 || r.files.removed.length > 0;
}

/** The regenerated output of every stale service, as the type-checker should see it. */
function overlayOf(results: ServiceResult[], root: string): Overlay {
  const overlay = new Map<string, string | null>();
  for (const r of results) {
    for (const file of r.generated) overlay.set(resolve(join(r.output, file.path)), file.content);
    for (const file of r.generatedElsewhere) overlay.set(resolve(file.path), file.content);
    for (const removed of r.files.removed) overlay.set(resolve(root, removed), null);
  }
  return overlay;
}

/**
 * Per consumer project, judged by its own compiler: the diagnostics that appear only once the
 * regenerated files are in, and the call sites that still compile but use a property a change may
 * break at run time. What a call site used is asked of TypeScript 7 itself when it judged;
 * otherwise of a bundled-compiler program, whose syntax-tree API that analysis is written against.
 */
export async function typecheckConsumers(
  session: Session,
  tsconfigs: string[],
  overlay: Overlay,
  outputs: string[],
  serviceOf: (file: string) => string | undefined,
  changes: Map<Change, string>,
  warn: (message: string) => void,
): Promise<{ callSites: CallSiteFinding[]; runtimeRisks: CheckReport["runtimeRisks"]; compilers: CompilerUsed[] }> {
  // The compiler API is loaded only when there is something to check.
  const { openConsumerCompiler } = await import("./compiler/index.js");
  const { newDiagnostics } = await import("./typecheck.js");
  const { bundledAnalysis } = await import("./bundled-analysis.js");
  const callSites: CallSiteFinding[] = [];
  const risks: CheckReport["runtimeRisks"] = [];
  const compilers: CompilerUsed[] = [];
  const generated = (file: string) => outputs.some((o) => file.startsWith(o));
  const risky = [...changes.keys()].some((c) => c.verdict.runtime !== "safe" && c.level !== "info");
  for (const tsconfig of tsconfigs) {
    const compiler = await openConsumerCompiler(tsconfig, warn);
    // Owned by the session while it runs (a native compiler is a process): a Ctrl-C closes it too.
    const disown = session.own(() => compiler.close());
    try {
      compilers.push({ tsconfig, version: compiler.typescript.version, source: compiler.typescript.source });
      const before = compiler.check(new Map(), generated);
      const committed = compiler.project?.program;
      const fresh = newDiagnostics(before, compiler.check(overlay, generated)).filter((d) => !overlay.has(resolve(d.file)));
      if (fresh.length === 0 && !risky) continue;
      const analysis = compiler.analysis ?? bundledAnalysis(compiler, overlay, committed);
      const broken = new Set<string>();
      for (const d of fresh) {
        broken.add(`${d.file}:${d.line}`);
        const attribution = analysis.attribute(d.file, d.start, (file) => overlay.has(file));
        callSites.push({
          ...d,
          tsconfig,
          service: attribution ? serviceOf(attribution.file) : undefined,
          declaration: attribution?.path.join("."),
          cause: undefined,
        });
      }
      if (!risky) continue;
      for (const risk of analysis.runtimeRisks([...changes.keys()], generated)) {
        if (!broken.has(`${risk.file}:${risk.line}`)) risks.push({ ...risk, service: changes.get(risk.change)! });
      }
    } finally {
      disown();
      compiler.close();
    }
  }
  return { callSites, runtimeRisks: risks, compilers };
}

/** Raw `fetch` calls in the consumer projects' own files, checked against the fresh specs. */
async function rawCallsIn(sync: SyncResult, ok: ServiceResult[]): Promise<RawCallFinding[]> {
  const targets: RawCallTarget[] = [];
  for (const r of ok) {
    const service = sync.config.services.find((s) => s.name === r.service)!;
    const target = r.spec && rawCallTarget(service, r.spec);
    if (target) targets.push(target);
  }
  return findRawCallsIn(sync.config.typecheck.tsconfig, ok.map((r) => r.output), targets);
}

/** How raw calls reach a service (its base-URL variable or fixed port), checked against `spec`; none when neither is set. */
export function rawCallTarget(service: ResolvedService, spec: OpenApiDocument): RawCallTarget | undefined {
  const port = typeof service.port === "number" ? service.port : undefined;
  return service.baseUrlEnv || port ? { service: service.name, baseUrlEnv: service.baseUrlEnv, port, spec } : undefined;
}

/** Raw `fetch` calls in the own files of `tsconfigs` (generated `outputs` aside) that hit no operation of their target. */
export async function findRawCallsIn(tsconfigs: string[], outputs: string[], targets: RawCallTarget[]): Promise<RawCallFinding[]> {
  if (targets.length === 0 || tsconfigs.length === 0) return [];
  const { ConsumerProject } = await import("./typecheck.js");
  const { findRawCalls } = await import("./raw-calls.js");
  const prefixes = outputs.map((o) => `${resolve(o)}/`);
  const files = new Set<string>();
  for (const tsconfig of tsconfigs) {
    for (const file of new ConsumerProject(tsconfig).fileNames) {
      if (!file.endsWith(".d.ts") && !prefixes.some((o) => resolve(file).startsWith(o))) files.add(resolve(file));
    }
  }
  const findings: RawCallFinding[] = [];
  for (const file of [...files].sort()) findings.push(...findRawCalls(file, await readFile(file, "utf8"), targets));
  return findings;
}
