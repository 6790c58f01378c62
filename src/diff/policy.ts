import type { BreakingLevel, IgnoreEntry, ResolvedBreaking } from "../config/types.js";
import type { Change } from "./types.js";

/** What judges a change by itself; `breaking.policy` is for the drivers that also see call sites (Session.judgeBreaking). */
export type LevelPolicy = Omit<ResolvedBreaking, "policy">;

export interface IgnoredChange {
  change: Change;
  ignore: IgnoreEntry;
}

export interface PolicyResult {
  /** Every change with per-rule levels applied; rules set to `off` are left out. */
  changes: Change[];
  /** Changes that make `diff` and `check` exit 1. */
  failing: Change[];
  /** Changes that would fail but an unexpired ignore entry accepts. */
  ignored: IgnoredChange[];
  /** Ignore entries past their date: they no longer apply, and say so. */
  expired: IgnoreEntry[];
}

/**
 * Which changes fail at the configured level. A change's own level comes from its verdict
 * (`error`: breaks compile or runtime; `warn`: may break at runtime; `info`: safe):
 *
 * - `runtime` fails what breaks at runtime;
 * - `types` (default) also fails what breaks existing call sites at compile time;
 * - `strict` also fails what may break at runtime (`warn`).
 *
 * A per-rule level set in config replaces that reasoning: `error` fails at every level, `warn`
 * only at `strict`, `info` never, `off` drops the change. `today` decides which ignores expired.
 */
export function evaluatePolicy(changes: Change[], breaking: LevelPolicy, today: Date): PolicyResult {
  const expired = expiredIgnores(breaking, today);
  const active = breaking.ignore.filter((entry) => !expired.includes(entry));
  const result: PolicyResult = { changes: [], failing: [], ignored: [], expired };
  for (const found of changes) {
    const override = breaking.rules[found.id];
    if (override === "off") continue;
    const change = override === undefined ? found : { ...found, level: override };
    result.changes.push(change);
    if (!fails(change, breaking.level, override !== undefined)) continue;
    const ignore = active.find((entry) => entry.rule === change.id && entry.location === change.location);
    if (ignore) result.ignored.push({ change, ignore });
    else result.failing.push(change);
  }
  return result;
}

/** Entries whose `expires` day (UTC) is before `today`. */
export function expiredIgnores(breaking: LevelPolicy, today: Date): IgnoreEntry[] {
  const date = today.toISOString().slice(0, 10);
  return breaking.ignore.filter((entry) => entry.expires !== undefined && entry.expires < date);
}

function fails(change: Change, level: BreakingLevel, overridden: boolean): boolean {
  if (change.level === "info") return false;
  if (change.level === "warn") return level === "strict";
  if (overridden || level !== "runtime") return true;
  return change.verdict.runtime === "breaks";
}
