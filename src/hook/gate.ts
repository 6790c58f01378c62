/**
 * What refuses a commit besides a stale file, and the one escape hatch for it. A stale file is
 * never let through (`--fix` or `git commit --no-verify` are the ways past it); contract
 * problems can be, on purpose, with `SYNC_TYPES_ALLOW_BREAKING=1`.
 *
 * The problems: changes that fail `breaking.level` between the spec at `HEAD` and the one this
 * commit would carry (so a spec regenerated and staged by hand is judged too) unless
 * `breaking.policy` is `deploy-together`, call sites that stop compiling, raw calls at `strict`.
 */
import { execa } from "execa";
import { relative, resolve, sep } from "node:path";
import type { CallSiteFinding, CheckReport } from "../check/index.js";
import type { RawCallFinding } from "../check/raw-calls.js";
import type { ServiceResult } from "../pipeline.js";
import type { Session } from "../session.js";
import { canonicalizeSpec, serializeSpec } from "../spec/canonical.js";
import type { Json } from "../spec/types.js";

export const ALLOW_BREAKING_ENV = "SYNC_TYPES_ALLOW_BREAKING";

export interface ContractGate {
  /** Services whose contract change fails `breaking.level`, where `breaking.policy` lets that refuse the commit. */
  breaking: ServiceResult[];
  /** The same, let through by `breaking.policy: "deploy-together"`: reported, never refused. */
  letThrough: ServiceResult[];
  callSites: CallSiteFinding[];
  /** Only at `breaking.level: "strict"`, where `check` fails on them. */
  rawCalls: RawCallFinding[];
  /** Any of the above would refuse the commit. */
  blocks: boolean;
  /** `SYNC_TYPES_ALLOW_BREAKING=1` (or `true`): reported, then let through. */
  allowed: boolean;
}

export async function gateContract(session: Session, report: CheckReport, root: string, env: NodeJS.ProcessEnv): Promise<ContractGate> {
  const rawCalls = report.rawCallLevel === "error" ? report.rawCalls : [];
  const { refusing: breaking, letThrough } = session.judgeBreaking(await changesSinceHead(session, report, root));
  const blocks = breaking.length > 0 || report.callSites.length > 0 || rawCalls.length > 0;
  const allowed = ["1", "true"].includes((env[ALLOW_BREAKING_ENV] ?? "").toLowerCase());
  return { breaking, letThrough, callSites: report.callSites, rawCalls, blocks, allowed };
}

/**
 * Each service's contract change from `HEAD` to what this commit would carry — judged by the
 * session, so `diffDone` plugins count here as in `check` and `diff`.
 */
async function changesSinceHead(session: Session, report: CheckReport, root: string): Promise<ServiceResult[]> {
  const changed: ServiceResult[] = [];
  for (const r of report.sync.results) {
    if (!r.spec) continue;
    const headText = await readAtHead(root, resolve(report.sync.config.root, r.specFile));
    if (headText === undefined || headText === serializeSpec(r.spec)) continue;
    const head = canonicalizeSpec(JSON.parse(headText) as Json, r.service);
    const service = session.config.services.find((s) => s.name === r.service)!;
    const contract = await session.compare(service, { doc: head, text: headText }, r.spec);
    changed.push({ ...r, contract });
  }
  return changed;
}

async function readAtHead(root: string, file: string): Promise<string | undefined> {
  const result = await execa("git", ["show", `HEAD:${relative(root, file).split(sep).join("/")}`], { cwd: root, reject: false });
  if (result.exitCode !== 0) return undefined;
  try {
    JSON.parse(result.stdout);
    return `${result.stdout}\n`;
  } catch {
    return undefined; // not a spec yet (a merge conflict, say): nothing to compare against
  }
}
