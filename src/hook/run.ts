/**
 * `sync-types hook run`, what the pre-commit hook calls:
 *
 *   staged paths ──► manifest (cached; the config is loaded only on a miss) ──► affected services?
 *     none ──► exit 0: nothing else is loaded, no Python runs
 *     some ──► snapshot of the index (sources, contracts) ──► check those services (spec cache on) ──► gate
 *                                          stale + --fix ──► regenerate from the snapshot, write, git add
 */
import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import type { CheckReport } from "../check/index.js";
import { findConfig } from "../config/load.js";
import { ExitCode, type ExitCode as Code } from "../errors.js";
import type { SyncOptions, SyncResult } from "../pipeline.js";
import type { Session } from "../session.js";
import { stageContracts, type ContractSource } from "./contract-tree.js";
import { gateContract, type ContractGate } from "./gate.js";
import { affectedServices, buildManifest, manifestKey, readManifest, type ManifestService } from "./manifest.js";
import { takeSnapshot } from "./snapshot.js";
import { readStaged, stagePaths } from "./staged.js";

export interface HookRunOptions {
  /** Default `process.cwd()`. */
  cwd?: string;
  /** Config file; default: found from `cwd` upward. */
  config?: string;
  /** Regenerate stale files from the staged sources and `git add` them instead of refusing. Default `false`. */
  fix?: boolean;
  /** Where `SYNC_TYPES_ALLOW_BREAKING` is read. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** Progress, service output and warnings of the pipeline runs. Default: none. */
  pipeline?: Pick<SyncOptions, "onProgress" | "onServiceOutput" | "onWarning">;
}

export interface HookRunResult {
  /** Absolute config file. */
  configFile: string;
  /** How many paths the commit touches. */
  staged: number;
  /** Services the staged paths can change, in config order; none means nothing was checked. */
  affected: string[];
  check: StagedCheck | undefined;
  exitCode: Code;
}

export interface StagedCheck {
  report: CheckReport;
  /** Services with unstaged changes, whose sources or contract were read from the index. */
  snapshot: string[];
  gate: ContractGate;
  /** `--fix` ran: what it regenerated and staged. */
  fix: { result: SyncResult; staged: string[] } | undefined;
}

export async function runStagedCheck(options: HookRunOptions = {}): Promise<HookRunResult> {
  const cwd = options.cwd ?? process.cwd();
  // Git prints real paths; the config's must compare equal to them.
  const configFile = realpathSync(findConfig(cwd, options.config));
  const [staged, key] = await Promise.all([readStaged(cwd), manifestKey(configFile)]);
  const manifest = (await readManifest(configFile, key, staged.root)) ?? (await buildManifest(configFile, key, staged.root));
  const affected = affectedServices(manifest, staged.paths);
  const result: HookRunResult = { configFile, staged: staged.paths.length, affected, check: undefined, exitCode: ExitCode.ok };
  if (affected.length === 0) return result;
  result.check = await checkStaged(staged.root, configFile, manifest.services.filter((s) => affected.includes(s.name)), options);
  result.exitCode = exitCodeOf(result.check);
  return result;
}

async function checkStaged(root: string, configFile: string, services: ManifestService[], options: HookRunOptions): Promise<StagedCheck> {
  const { checkWith } = await import("../check/index.js");
  const { withSession } = await import("../session.js");
  return withSession({ cwd: root, config: configFile }, async (session) => {
    const pydantic = (name: string) => session.config.services.find((s) => s.name === name)?.pydantic;
    const snapshot = await takeSnapshot(root, services.map((s) => ({ ...s, pydantic: pydantic(s.name) })), session.config.runtime.shared);
    session.own(() => snapshot.dispose());
    const contracts = await stageContracts(root, services.flatMap((s) => contractSource(session, s)), { wide: false });
    session.own(() => contracts.dispose());
    const pipeline: SyncOptions = {
      ...options.pipeline,
      services: services.map((s) => s.name),
      cache: true,
      sourceDirs: snapshot.sourceDirs,
      committedPath: snapshot.committedPath,
      contracts: contracts.copies,
    };
    const report = await checkWith(session, pipeline);
    const gate = await gateContract(session, report, root, options.env ?? process.env);
    const fixable = options.fix === true && report.stale.length > 0 && report.sync.exitCode === ExitCode.ok && (!gate.blocks || gate.allowed);
    const fix = fixable ? await fixStale(session, root, { ...pipeline, services: report.stale.map((s) => s.service) }) : undefined;
    const partial = [...Object.keys(snapshot.sourceDirs), ...Object.keys(contracts.copies)];
    return { report, snapshot: services.map((s) => s.name).filter((name) => partial.includes(name)), gate, fix };
  });
}

/** A service's contract and what the manifest found it made of as staged (the contract alone when it could not tell). */
function contractSource(session: Session, service: ManifestService): ContractSource[] {
  const contract = session.config.services.find((s) => s.name === service.name)?.contract;
  return contract === undefined ? [] : [{ name: service.name, contract, files: service.contractFiles ?? [contract] }];
}

/** Regenerates from the same snapshot (the spec cache makes it cheap), writes the working tree, stages what changed. */
async function fixStale(session: Session, root: string, options: SyncOptions): Promise<NonNullable<StagedCheck["fix"]>> {
  const { syncWith } = await import("../pipeline.js");
  const result = await syncWith(session, { ...options, write: true });
  const staged = result.results
    .filter((r) => r.status !== "failed")
    .flatMap((r) => [...(r.specChanged ? [r.specFile] : []), ...r.files.changed, ...r.files.removed])
    .map((file) => resolve(result.config.root, file));
  await stagePaths(root, staged);
  return { result, staged };
}

function exitCodeOf({ report, gate, fix }: StagedCheck): Code {
  if (report.sync.exitCode !== ExitCode.ok) return report.sync.exitCode;
  if (fix && fix.result.exitCode !== ExitCode.ok) return fix.result.exitCode;
  if (gate.blocks && !gate.allowed) return ExitCode.contract;
  return report.stale.length > 0 && !fix ? ExitCode.contract : ExitCode.ok;
}
