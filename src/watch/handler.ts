import { isAbsolute, relative, sep } from "node:path";
import picomatch from "picomatch";
import type { ResolvedConfig } from "../config/types.js";
import { IGNORED_DIRS } from "../services/cache.js";

/** What a batch of file changes asks for; the session carries it out. */
export interface WatchPlan {
  reloadConfig: boolean;
  /** Services whose contract may have changed, in config order. */
  resync: string[];
  /** Consumer TypeScript changed: re-run only the call-site check. */
  typecheck: boolean;
}

export interface WatchTargets {
  configFile: string;
  services: {
    name: string;
    dir: string;
    matches: (relativePath: string) => boolean;
    output: string;
    spec: string;
    /** With a `contract`: the generated module (written by the run, so not a change) and the files the contract is made of. */
    pydantic?: string | undefined;
    contractFiles?: readonly string[] | undefined;
  }[];
  /** Folders of the consumer tsconfigs. */
  consumerRoots: string[];
}

const TS_FILE = /\.(ts|tsx|mts|cts)$/;

/** `contractFiles`: per service, what its contract was last made of (the contract alone until it is first generated). */
export function watchTargets(config: ResolvedConfig, contractFiles: ReadonlyMap<string, readonly string[]> = new Map()): WatchTargets {
  return {
    configFile: config.file,
    services: config.services.map((s) => ({
      name: s.name,
      dir: s.dir,
      matches: picomatch(s.watch, { dot: true, ignore: IGNORED_DIRS }),
      output: s.output,
      spec: s.spec,
      pydantic: s.pydantic,
      contractFiles: contractFiles.get(s.name) ?? (s.contract === undefined ? undefined : [s.contract]),
    })),
    consumerRoots: config.typecheck.tsconfig.map((t) => t.slice(0, t.lastIndexOf(sep))),
  };
}

/**
 * Pure: which services to resync and whether to re-check call sites, for a coalesced batch of
 * changed paths. Our own outputs are ignored, so writing them never triggers another round.
 */
export function planChanges(paths: Iterable<string>, targets: WatchTargets): WatchPlan {
  const plan: WatchPlan = { reloadConfig: false, resync: [], typecheck: false };
  const resync = new Set<string>();
  for (const path of paths) {
    if (path === targets.configFile) {
      plan.reloadConfig = true;
      continue;
    }
    if (targets.services.some((s) => path === s.spec || path === s.pydantic || within(s.output, path))) continue;
    for (const service of targets.services) {
      if (within(service.dir, path) && service.matches(relative(service.dir, path).split(sep).join("/"))) resync.add(service.name);
      if (service.contractFiles?.includes(path)) resync.add(service.name);
    }
    if (TS_FILE.test(path) && !path.includes(`${sep}node_modules${sep}`) && targets.consumerRoots.some((root) => within(root, path))) {
      plan.typecheck = true;
    }
  }
  plan.resync = targets.services.map((s) => s.name).filter((name) => resync.has(name));
  return plan;
}

function within(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

/**
 * What a resync that wrote nothing may say: "in sync" only while no call site it knows of is
 * broken, since an unchanged contract (say, after a syntax error is fixed) leaves them broken.
 */
export function unchangedStatus(failingCallSites: number): { ok: boolean; text: string } {
  if (failingCallSites === 0) return { ok: true, text: "in sync" };
  return { ok: false, text: `contract unchanged · ${failingCallSites} call site${failingCallSites === 1 ? "" : "s"} still failing` };
}
