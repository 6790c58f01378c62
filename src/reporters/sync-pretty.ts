import type { Logger } from "../logger.js";
import { describeError } from "./describe-error.js";
import type { ServiceResult, SyncResult } from "../pipeline.js";
import type { ServiceDiff } from "../diff/report.js";
import type { ChangeCounts } from "../diff/summary.js";
import { printGroups } from "./diff-pretty.js";

/** Human report of a sync run: one line per service, details only where something happened. */
export function reportSyncPretty(result: SyncResult, logger: Logger): void {
  const { paint } = logger;
  const width = Math.max(...result.results.map((r) => r.service.length));
  for (const r of result.results) {
    const name = paint.bold(r.service.padEnd(width));
    const timings = formatTimings(r);
    const timing = timings ? paint.dim(timings) : "";
    if (r.status === "failed") {
      logger.info(`${paint.red("✗")} ${name}  ${paint.red("failed")}${timing ? `  ${timing}` : ""}`);
      for (const line of describeError(r.error!, logger)) logger.info(`    ${line}`);
      continue;
    }
    const symbol = r.status === "unchanged" ? paint.green("✓") : paint.cyan("↻");
    logger.info(`${symbol} ${name}  ${statusText(r)}  ${timing}`);
    if (r.contract && r.contract.changes.length > 0) printGroups(serviceDiff(r), logger, { includeSafe: false, indent: "    " });
    if (logger.level === "verbose" || r.status !== "unchanged") {
      if (r.specChanged) logger.info(`    ${paint.dim("wrote")}   ${r.specFile}`);
      for (const file of r.files.changed) logger.info(`    ${paint.dim("wrote")}   ${file}`);
      for (const file of r.files.removed) logger.info(`    ${paint.dim("removed")} ${file}`);
    }
  }
  if (result.orphans.removed.length > 0) {
    logger.info(`${paint.cyan("↻")} ${paint.bold("old output folders")}  removed what sync-types generated there (no service writes there any more)`);
    for (const file of result.orphans.removed) logger.info(`    ${paint.dim("removed")} ${file}`);
  }
  for (const kept of result.orphans.kept) logger.warn(kept);
  const failed = result.results.filter((r) => r.status === "failed").length;
  if (failed > 0) logger.info(paint.red(`\n${failed} of ${result.results.length} service${result.results.length === 1 ? "" : "s"} failed; their committed files were left untouched.`));
}

/** A sync result's contract change in the shape the diff reporters print. */
export function serviceDiff(r: ServiceResult): ServiceDiff {
  const contract = r.contract!;
  return {
    service: r.service,
    spec: r.specFile,
    base: r.specFile,
    head: "live",
    changes: contract.changes,
    failing: contract.failing,
    ignored: contract.ignored,
    error: undefined,
  };
}

function statusText(r: ServiceResult): string {
  if (r.status === "unchanged") return "unchanged";
  if (r.status === "created") return `created (${r.summary?.operations.added ?? 0} operations)`;
  if (!r.specChanged || !r.summary) return "generated files refreshed (spec unchanged)";
  const ops = r.summary.operations;
  const schemas = r.summary.schemas;
  const parts = [`operations ${counts(ops)}`];
  if (schemas.added + schemas.removed + schemas.changed > 0) parts.push(`schemas ${counts(schemas)}`);
  return `updated: ${parts.join(", ")}`;
}

function counts(c: ChangeCounts): string {
  return `+${c.added} −${c.removed} ~${c.changed}`;
}

function formatTimings(r: ServiceResult): string {
  const t = r.timings;
  // A stage that failed recorded no time: show only the stages that finished.
  const parts = r.status === "failed" && t.obtainMs === 0 ? [] : [`spec ${seconds(t.obtainMs)}`];
  if (t.generateMs > 0) parts.push(`generate ${seconds(t.generateMs)}`);
  if (r.specChanged || r.files.changed.length + r.files.removed.length > 0) parts.push(`write ${seconds(t.writeMs)}`);
  return parts.join(" · ");
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)}s`;
