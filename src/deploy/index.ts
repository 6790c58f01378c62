/**
 * `sync-types can-deploy`: will the consumer's call sites work against the service's contract?
 * A driver over the core session and check's machinery, per service:
 *
 *   contract (live URL, or committed spec) ──► build the client in memory ──► diff against the
 *   consumer's committed spec ─┐
 *   consumer tree (working tree, or --consumer-ref in a temp folder) ─┴─► overlay the new client,
 *   the consumer's own tsc ──► call sites that stop compiling, call sites that read/write a
 *   change that breaks at run time, raw `fetch` calls to operations that are gone
 *
 * Any of those is exit 1 and names the call site, the change and the service; changes no call
 * site depends on are listed and do not block.
 */
import { join, resolve } from "node:path";
import { findRawCallsIn, rawCallTarget, typecheckConsumers, uncheckedReason, type CallSiteFinding, type CompilerUsed } from "../check/index.js";
import { causeOf } from "../check/cause.js";
import { hasOperation, type RawCallFinding } from "../check/raw-calls.js";
import type { RuntimeRisk } from "../check/references.js";
import type { Overlay } from "../check/typecheck.js";
import type { ResolvedService } from "../config/types.js";
import type { PolicyResult } from "../diff/policy.js";
import type { Change } from "../diff/types.js";
import { ExitCode, SyncTypesError, UsageError, errorMessage, runExitCode, type ExitCode as Code } from "../errors.js";
import { mapBounded } from "../pipeline.js";
import { withSession, type Session } from "../session.js";
import { readTextIfExists } from "../spec/store.js";
import type { OpenApiDocument } from "../spec/types.js";
import { obtainContract, type ContractSource } from "./contract.js";
import { openConsumerTree, type ConsumerTree } from "./consumer-tree.js";
import { operationCause } from "./operation-cause.js";

export interface CanDeployOptions {
  /** Default `process.cwd()`. */
  cwd?: string | undefined;
  /** Config file; default: found from `cwd` upward. */
  config?: string | undefined;
  /** Only these services. Default: all. */
  services?: string[] | undefined;
  /** The base URL one service answers on now; its `openapiPath` and `headers` apply. */
  liveUrl?: string | undefined;
  /** Ask every service at its configured `url` (with its `headers`). */
  live?: boolean | undefined;
  /** Judge the consumer's call sites as of this commit (the app still deployed). Default: the working tree. */
  consumerRef?: string | undefined;
  onStatus?: ((status: string) => void) | undefined;
  onWarning?: ((message: string) => void) | undefined;
}

export interface DeployService {
  service: string;
  /** Where the judged contract came from: `live <url>` (redacted) or the committed spec file. */
  contract: string;
  /** Every change from the spec the consumer was built against to that contract. */
  changes: Change[];
  /** The breaking or risky changes no call site of this consumer depends on. */
  unused: Change[];
  error: SyncTypesError | undefined;
}

export interface DeployRawCall extends RawCallFinding {
  /** The consumer's spec had the operation: the contract judged removed it. Otherwise the call was already unmatched. */
  removed: boolean;
  /** The operation change that removed it, when the diff names one. */
  cause: { id: string; location: string } | undefined;
}

export interface CanDeployReport {
  /** The consumer judged: its ref and commit with `--consumer-ref`, else the working tree. */
  consumer: { ref: string | undefined; commit: string | undefined };
  services: DeployService[];
  /** Call sites that stop compiling against the judged contract (paths of the working tree). */
  callSites: CallSiteFinding[];
  /** Call sites that still compile but read or write what changed; `breaks` ones block. */
  runtimeRisks: (RuntimeRisk & { service: string })[];
  rawCalls: DeployRawCall[];
  compilers: CompilerUsed[];
  callSitesUnchecked: string | undefined;
  warnings: string[];
  /** How many findings block the deploy. */
  blocking: number;
  exitCode: Code;
}

interface Judged {
  service: ResolvedService;
  result: DeployService;
  spec: OpenApiDocument;
  base: OpenApiDocument | undefined;
  policy: PolicyResult;
  overlay: [string, string | null][];
}

export async function canDeploy(options: CanDeployOptions): Promise<CanDeployReport> {
  const source = contractSource(options);
  return withSession({ cwd: options.cwd, config: options.config }, async (session) => {
    const services = session.select(options.services, source.kind === "live" ? { source: "url" } : undefined);
    if (options.liveUrl !== undefined && services.length !== 1) {
      throw new UsageError(`--live-url is one service's URL, and ${services.length} services are selected`, `add --service NAME (one of ${services.map((s) => s.name).join(", ")})`);
    }
    const tree = await openConsumerTree(session, options.consumerRef);
    const warnings: string[] = [];
    const warn = (message: string) => {
      warnings.push(message);
      options.onWarning?.(message);
    };
    const judged = await mapBounded(services, session.config.concurrency, (service) => judgeContract(session, service, source, tree, warn, options));
    return judgeCallSites(session, tree, judged, warnings);
  });
}

function contractSource(options: CanDeployOptions): ContractSource {
  if (options.liveUrl !== undefined && options.live) throw new UsageError("--live-url and --live cannot be used together", "--live-url URL for one service, --live for each service's configured url");
  if (options.liveUrl !== undefined || options.live) return { kind: "live", url: options.liveUrl };
  if (options.consumerRef !== undefined) return { kind: "committed" };
  throw new UsageError("can-deploy needs the contract to judge", "pass --live-url URL (one service), --live (each service's configured url), or --consumer-ref REF (the committed contract against a deployed commit)");
}

/** The service's contract built in memory and diffed against the spec the consumer's client came from. */
async function judgeContract(session: Session, service: ResolvedService, source: ContractSource, tree: ConsumerTree, warn: (m: string) => void, options: CanDeployOptions): Promise<Judged | DeployService> {
  const result: DeployService = { service: service.name, contract: "", changes: [], unused: [], error: undefined };
  try {
    options.onStatus?.(`${service.name}: obtaining the ${source.kind === "live" ? "live" : "committed"} contract`);
    const { label, extracted } = await obtainContract(session, service, source, warn);
    result.contract = label;
    const built = await session.build(service, extracted, warn);
    const baseText = await readTextIfExists(tree.map(service.spec), `services.${service.name}.spec`);
    const base = baseText === undefined ? undefined : parseBase(baseText, service, warn);
    const policy = await session.compare(service, { doc: base, text: baseText ?? "" }, built.spec);
    result.changes = policy.changes;
    const output = tree.map(service.output);
    const plan = await session.plan(service, built.files, tree.map);
    const overlay: [string, string | null][] = [
      ...plan.write.map((f): [string, string] => [resolve(join(output, f.path)), f.content]),
      ...plan.remove.map((path): [string, null] => [resolve(join(output, path)), null]),
    ];
    return { service, result, spec: built.spec, base, policy, overlay };
  } catch (error) {
    if (!(error instanceof SyncTypesError) || error.exitCode === ExitCode.usage) throw error;
    result.error = error;
    return result;
  }
}

function parseBase(text: string, service: ResolvedService, warn: (m: string) => void): OpenApiDocument | undefined {
  try {
    return JSON.parse(text) as OpenApiDocument;
  } catch (error) {
    warn(`${service.name}: the consumer's committed spec is not valid JSON (${errorMessage(error)}): every operation counts as new`);
    return undefined;
  }
}

async function judgeCallSites(session: Session, tree: ConsumerTree, all: (Judged | DeployService)[], warnings: string[]): Promise<CanDeployReport> {
  const judged = all.filter((j): j is Judged => "policy" in j);
  const tsconfigs = session.config.typecheck.tsconfig.map(tree.map);
  const outputs = judged.map((j) => `${resolve(tree.map(j.service.output))}/`);
  const overlay: Overlay = new Map(judged.flatMap((j) => j.overlay));
  const changes = new Map<Change, string>();
  for (const j of judged) for (const change of j.policy.changes) changes.set(change, j.service.name);
  const serviceOf = (file: string) => judged.find((j) => file.startsWith(`${resolve(tree.map(j.service.output))}/`))?.service.name;

  const checked = overlay.size === 0
    ? { callSites: [], runtimeRisks: [], compilers: [] }
    : await typecheckConsumers(session, tsconfigs, overlay, outputs, serviceOf, changes, (m) => warnings.push(m));
  // A change tsc can see (compile "breaks") was already judged by the consumer's own compiler: a
  // call site that still compiles against it is fine (it sends the newly required field, say).
  const runtimeRisks = checked.runtimeRisks.filter((r) => r.change.verdict.compile === "safe");
  const contracts = judged.map((j) => ({ service: j.service.name, contract: j.policy, committedSpec: j.base }));
  for (const site of checked.callSites) {
    const j = judged.find((x) => x.service.name === site.service);
    site.cause = causeOf(site, contracts) ?? (j && operationCause(site, j.base, j.policy.changes));
  }
  const rawCalls = await removedRawCalls(judged, tsconfigs, outputs);

  const used = usedChanges(judged, checked.callSites, runtimeRisks, rawCalls);
  for (const j of judged) j.result.unused = j.policy.changes.filter((c) => c.level !== "info" && !used.has(c));
  const blocking = checked.callSites.length + runtimeRisks.filter((r) => r.change.verdict.runtime === "breaks").length + rawCalls.filter((c) => c.removed).length;
  const failures = all.map((j) => ("policy" in j ? j.result : j).error?.exitCode);
  const unmap = <T extends { file: string }>(finding: T): T => ({ ...finding, file: tree.unmap(finding.file) });
  return {
    consumer: { ref: tree.ref, commit: tree.commit },
    services: all.map((j) => ("policy" in j ? j.result : j)),
    callSites: checked.callSites.map(unmap),
    runtimeRisks: runtimeRisks.map(unmap),
    rawCalls: rawCalls.map(unmap),
    compilers: checked.compilers.map((c) => ({ ...c, tsconfig: tree.unmap(c.tsconfig) })),
    callSitesUnchecked: tsconfigs.length === 0 ? uncheckedReason(session.config.root) : undefined,
    warnings,
    blocking,
    exitCode: runExitCode(failures, blocking > 0),
  };
}

/** Raw calls that match no operation of the judged contract; `removed` (and its `cause`) when the consumer's own spec had one. */
async function removedRawCalls(judged: Judged[], tsconfigs: string[], outputs: string[]): Promise<DeployRawCall[]> {
  const targets = (doc: (j: Judged) => OpenApiDocument | undefined) =>
    judged.flatMap((j) => {
      const spec = doc(j);
      return spec ? (rawCallTarget(j.service, spec) ?? []) : [];
    });
  const now = await findRawCallsIn(tsconfigs, outputs, targets((j) => j.spec));
  if (now.length === 0) return [];
  const before = new Set((await findRawCallsIn(tsconfigs, outputs, targets((j) => j.base))).map((c) => `${c.file}:${c.line}:${c.column}`));
  return now.map((call) => {
    const j = judged.find((x) => x.service.name === call.service);
    const removed = j?.base !== undefined && !before.has(`${call.file}:${call.line}:${call.column}`);
    const change = removed ? j!.policy.changes.find((c) => c.direction === "operation" && c.level !== "info" && reaches(c, call)) : undefined;
    return { ...call, removed, cause: change && { id: change.id, location: change.location } };
  });
}

/** Whether an operation change (`subject` `GET /orders/{id}`) is the one a raw call hits. */
function reaches(change: Change, call: RawCallFinding): boolean {
  const [method, path] = change.subject.split(" ");
  if (!method || !path) return false;
  return hasOperation({ paths: { [path]: { [method.toLowerCase()]: {} } } } as unknown as OpenApiDocument, call.method, call.path);
}

/**
 * The changes some call site depends on: the cause of a broken one (and, when a call site writes
 * a request model, every request change of that model), what a risky one uses, what a raw call hits.
 */
function usedChanges(judged: Judged[], callSites: CallSiteFinding[], risks: RuntimeRisk[], rawCalls: DeployRawCall[]): Set<Change> {
  const used = new Set<Change>(risks.map((r) => r.change));
  const causes = [...callSites, ...rawCalls].flatMap((f) => (f.cause ? [{ service: f.service, ...f.cause }] : []));
  for (const j of judged) {
    const mine = causes.filter((c) => c.service === j.service.name);
    const causing = j.policy.changes.filter((change) => mine.some((c) => c.id === change.id && c.location === change.location));
    for (const change of j.policy.changes) {
      if (causing.includes(change) || causing.some((c) => c.direction === "request" && change.direction === "request" && c.subject === change.subject)) used.add(change);
    }
  }
  return used;
}
