import type { BreakingLevel, IgnoreEntry } from "../config/types.js";
import type { SyncTypesError } from "../errors.js";
import type { IgnoredChange } from "./policy.js";
import type { Change } from "./types.js";

/** One service's diff after policy: what every diff reporter prints. */
export interface ServiceDiff {
  service: string;
  /** The committed spec, relative to the working folder: where line numbers and annotations point. */
  spec: string;
  /** What was compared, for humans: `contracts/api.json`, `origin/main:contracts/api.json`, `live (http)`. */
  base: string;
  head: string;
  /** Every change, levels as configured, most severe first. */
  changes: Change[];
  failing: Change[];
  ignored: IgnoredChange[];
  /** Set when the service's spec could not be obtained: nothing was compared. */
  error: SyncTypesError | undefined;
}

export interface DiffReport {
  level: BreakingLevel;
  services: ServiceDiff[];
  /** Ignore entries past their date, reported once. */
  expired: IgnoreEntry[];
  exitCode: number;
}

/** Changes grouped by root cause (the model or operation they live in), most severe group first. */
export function groupBySubject(changes: Change[]): { subject: string; changes: Change[]; operations: string[] }[] {
  const groups = new Map<string, Change[]>();
  for (const change of changes) groups.set(change.subject, [...(groups.get(change.subject) ?? []), change]);
  const rank = (list: Change[]) => Math.min(...list.map((c) => LEVEL_RANK[c.level]));
  return [...groups]
    .sort(([, a], [, b]) => rank(a) - rank(b))
    .map(([subject, list]) => ({ subject, changes: list, operations: [...new Set(list.flatMap((c) => c.operations))].sort() }));
}

const LEVEL_RANK: Record<Change["level"], number> = { error: 0, warn: 1, info: 2 };

export function isFailing(service: ServiceDiff, change: Change): boolean {
  return service.failing.includes(change);
}

export function countLevels(changes: Change[]): Record<Change["level"], number> {
  const counts = { error: 0, warn: 0, info: 0 };
  for (const change of changes) counts[change.level]++;
  return counts;
}
