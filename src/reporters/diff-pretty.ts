import type { Logger } from "../logger.js";
import { countLevels, groupBySubject, isFailing, type DiffReport, type ServiceDiff } from "../diff/report.js";
import type { Change } from "../diff/types.js";
import { describeError } from "./describe-error.js";

/** Human diff report: per service, changes grouped by the model or operation they live in, with who is affected. */
export function reportDiffPretty(report: DiffReport, logger: Logger, options: { configured?: boolean } = {}): void {
  const { paint } = logger;
  for (const service of report.services) {
    logger.info(`${paint.bold(service.service)}  ${paint.dim(`${service.base} → ${service.head}`)}`);
    if (service.error) {
      for (const line of describeError(service.error, logger)) logger.info(`  ${line}`);
      continue;
    }
    if (service.changes.length === 0) {
      logger.info(`  ${paint.green("✓")} no contract changes`);
      continue;
    }
    printGroups(service, logger, { includeSafe: true });
    logger.info(`  ${summary(service, report, logger)}`);
  }
  for (const entry of report.expired) {
    logger.warn(`ignore for ${entry.rule} at ${printable(entry.location)} expired on ${entry.expires}: it no longer applies (${printable(entry.reason)})`);
  }
  if (report.services.some((s) => s.failing.length > 0)) {
    // Two specs diffed without a config are judged at the default level: say where a policy would live.
    logger.info(paint.dim(options.configured === false
      ? 'Judged at breaking.level "types". To accept a change on purpose or judge at another level, diff the service through a sync-types config (breaking.ignore, breaking.level).'
      : "To accept a change on purpose: breaking.ignore: [{ rule, location, reason, expires? }] in the config."));
  }
}

/** The changes of one service grouped by root cause; `includeSafe: false` folds safe ones into a count. */
export function printGroups(service: ServiceDiff, logger: Logger, options: { includeSafe: boolean; indent?: string }): void {
  const { paint } = logger;
  const indent = options.indent ?? "  ";
  const shown = options.includeSafe ? service.changes : service.changes.filter((c) => c.level !== "info");
  for (const group of groupBySubject(shown)) {
    const isOperation = group.operations.length === 1 && group.operations[0] === group.subject;
    const users = isOperation ? "" : paint.dim(`  used by ${group.operations.map(printable).join(", ") || "no operation"}`);
    logger.info(`${indent}${paint.bold(printable(group.subject))}${users}`);
    for (const change of group.changes) printChange(service, change, logger, indent);
  }
  const folded = service.changes.length - shown.length;
  if (folded > 0) logger.info(paint.dim(`${indent}${folded} safe change${folded === 1 ? "" : "s"} (additions)`));
}

function printChange(service: ServiceDiff, change: Change, logger: Logger, indent: string): void {
  const { paint } = logger;
  const ignored = service.ignored.find((i) => i.change === change)?.ignore;
  const failing = isFailing(service, change);
  const [mark, style] = ignored ? ["○", paint.dim]
    : failing ? ["✗", paint.red]
    : change.level === "info" ? ["·", paint.dim]
    : ["!", paint.yellow];
  logger.info(`${indent}  ${style(mark)} ${style(change.id)}  ${printable(change.location)}: ${printable(change.message)}`);
  if (ignored) {
    const until = ignored.expires ? ` until ${ignored.expires}` : "";
    logger.info(paint.dim(`${indent}      ignored${until}: ${printable(ignored.reason)}`));
  } else if (change.level !== "info") {
    const where = `${service.spec}:${change.line}:${change.column}`;
    logger.info(paint.dim(`${indent}      tsc ${change.verdict.compile} · runtime ${change.verdict.runtime} · ${where}`));
  }
}

function summary(service: ServiceDiff, report: DiffReport, logger: Logger): string {
  const { paint } = logger;
  const counts = countLevels(service.changes);
  const parts = [`${counts.error} breaking`, `${counts.warn} to review`, `${counts.info} safe`];
  if (service.ignored.length > 0) parts.push(`${service.ignored.length} ignored`);
  const tally = paint.dim(`(${parts.join(", ")})`);
  if (service.failing.length === 0) return `${paint.green("✓")} nothing fails at level "${report.level}" ${tally}`;
  const n = service.failing.length;
  return `${paint.red("✗")} ${n} change${n === 1 ? "" : "s"} fail${n === 1 ? "s" : ""} at level "${report.level}" ${tally}`;
}

/** Spec strings reach the terminal: control characters (newlines, escape sequences) are shown, not obeyed. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => JSON.stringify(c).slice(1, -1));
}
