import { relative } from "node:path";
import type { CanDeployReport, DeployService } from "../deploy/index.js";
import type { Logger } from "../logger.js";
import type { CheckFormat } from "./check.js";
import { canDeployMarkdown } from "./can-deploy-markdown.js";
import { describeError } from "./describe-error.js";
import { formatAnnotation, type Annotation } from "./github.js";

const rel = (file: string) => relative(process.cwd(), file);
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** `can-deploy` in every format `check` has; the exit code is the report's. */
export function reportCanDeploy(report: CanDeployReport, format: CheckFormat, logger: Logger, write: (text: string) => void): void {
  if (format === "json") return write(`${JSON.stringify(canDeployJson(report), null, 2)}\n`);
  if (format === "github") return write(`${canDeployAnnotations(report).map(formatAnnotation).join("\n")}\n`);
  if (format === "markdown") return write(canDeployMarkdown(report));
  reportPretty(report, logger);
}

/** Whose call sites were judged, for every format. */
export function consumerLabel(report: CanDeployReport): string {
  const { ref, commit } = report.consumer;
  return ref === undefined ? "the working tree" : `${ref} (${commit!.slice(0, 12)})`;
}

/** The service a finding is about is blocked when one of its findings blocks. */
export function blocks(report: CanDeployReport, service: string): boolean {
  return report.callSites.some((s) => s.service === service) ||
    report.runtimeRisks.some((r) => r.service === service && r.change.verdict.runtime === "breaks") ||
    report.rawCalls.some((c) => c.service === service && c.removed);
}

/** The one-line verdict every format ends with. */
export function verdictLine(report: CanDeployReport): string {
  if (report.exitCode === 1) return `NOT safe to deploy: ${plural(report.blocking, "call site")} of ${consumerLabel(report)} depend${report.blocking === 1 ? "s" : ""} on what changed`;
  if (report.exitCode !== 0) return "could not judge every service: see the errors above";
  return `safe to deploy: no call site of ${consumerLabel(report)} depends on what changed`;
}

function reportPretty(report: CanDeployReport, logger: Logger): void {
  const { paint } = logger;
  for (const warning of report.warnings) logger.warn(warning);
  if (report.callSitesUnchecked) logger.warn(report.callSitesUnchecked);
  logger.info(`can-deploy: call sites of ${paint.bold(consumerLabel(report))}`);
  const width = Math.max(...report.services.map((s) => s.service.length));
  for (const s of report.services) {
    const name = paint.bold(s.service.padEnd(width));
    if (s.error) {
      logger.info(`${paint.red("✗")} ${name}  ${paint.red("could not be judged")}`);
      for (const line of describeError(s.error, logger)) logger.info(`    ${line}`);
      continue;
    }
    const mark = blocks(report, s.service) ? paint.red("✗") : paint.green("✓");
    logger.info(`${mark} ${name}  ${s.contract}: ${s.changes.length === 0 ? "same contract as the consumer's" : plural(s.changes.length, "change")}`);
  }
  if (report.callSites.length > 0) {
    logger.info(paint.red(`\n${plural(report.callSites.length, "call site")} no longer compile${report.callSites.length === 1 ? "s" : ""} against it:`));
    for (const site of report.callSites) {
      logger.info(`  ${paint.bold(`${rel(site.file)}:${site.line}:${site.column}`)}  ${paint.dim(`TS${site.code}`)}  ${site.message.split("\n")[0]}`);
      logger.info(paint.dim(`    │ ${site.source}`));
      const cause = site.cause ? `${paint.red(site.cause.id)} ${paint.dim("at")} ${site.cause.location}` : paint.dim(site.declaration ? `a change to ${site.declaration}` : "a change to the client");
      logger.info(`    ${paint.dim("caused by")} ${cause} ${paint.dim(`(${site.service ?? "unknown service"})`)}`);
    }
  }
  if (report.runtimeRisks.length > 0) {
    logger.info(paint.yellow(`\n${plural(report.runtimeRisks.length, "call site")} still compile but read or write what changed:`));
    for (const risk of report.runtimeRisks) {
      const colour = risk.change.verdict.runtime === "breaks" ? paint.red : paint.yellow;
      logger.info(`  ${paint.bold(`${rel(risk.file)}:${risk.line}:${risk.column}`)}  ${colour(risk.change.id)} ${paint.dim("at")} ${risk.change.location} ${paint.dim(`(${risk.service}, runtime ${risk.change.verdict.runtime})`)}`);
      logger.info(paint.dim(`    │ ${risk.source}`));
    }
  }
  if (report.rawCalls.length > 0) {
    const n = report.rawCalls.length;
    logger.info(paint.yellow(`\n${plural(n, "raw fetch call")} match${n === 1 ? "es" : ""} no operation:`));
    for (const call of report.rawCalls) {
      const cause = call.cause ? ` ${paint.dim("by")} ${paint.red(call.cause.id)} ${paint.dim("at")} ${call.cause.location}` : "";
      const why = call.removed ? `${paint.red(`removed from ${call.service}`)}${cause}` : `not in ${call.service}'s spec before either`;
      logger.info(`  ${paint.bold(`${rel(call.file)}:${call.line}:${call.column}`)}  ${call.method ?? "?"} ${call.path}: ${why}`);
      logger.info(paint.dim(`    │ ${call.source}`));
    }
  }
  for (const s of report.services.filter((s) => s.unused.length > 0)) {
    logger.info(`\n${paint.cyan("note:")} ${s.service} changed in ${plural(s.unused.length, "way")} no call site of ${consumerLabel(report)} depends on:`);
    for (const c of s.unused) logger.info(`  - ${c.id}  ${c.location}: ${c.message}`);
  }
  const colour = report.exitCode === 0 ? paint.green : paint.red;
  logger.info(`\n${colour(verdictLine(report))}`);
}

function serviceJson(s: DeployService, report: CanDeployReport) {
  const change = (c: DeployService["changes"][number]) => ({ id: c.id, level: c.level, location: c.location, message: c.message, fingerprint: c.fingerprint, verdict: c.verdict });
  return {
    service: s.service,
    contract: s.contract || null,
    status: s.error ? "failed" : blocks(report, s.service) ? "blocked" : "ok",
    changes: s.changes.map(change),
    unused: s.unused.map(change),
    error: s.error ? { message: s.error.message, hint: s.error.hint ?? null, exitCode: s.error.exitCode } : null,
  };
}

function canDeployJson(report: CanDeployReport) {
  return {
    version: 1,
    exitCode: report.exitCode,
    consumer: { ref: report.consumer.ref ?? null, commit: report.consumer.commit ?? null },
    verdict: verdictLine(report),
    services: report.services.map((s) => serviceJson(s, report)),
    callSites: report.callSites.map((c) => ({
      file: rel(c.file), line: c.line, column: c.column, code: c.code, message: c.message, source: c.source,
      service: c.service ?? null, declaration: c.declaration ?? null, cause: c.cause ?? null,
    })),
    runtimeRisks: report.runtimeRisks.map((r) => ({
      file: rel(r.file), line: r.line, column: r.column, source: r.source, service: r.service,
      blocking: r.change.verdict.runtime === "breaks",
      change: { id: r.change.id, location: r.change.location, fingerprint: r.change.fingerprint, runtime: r.change.verdict.runtime },
    })),
    rawCalls: report.rawCalls.map((c) => ({ file: rel(c.file), line: c.line, column: c.column, service: c.service, method: c.method ?? null, path: c.path, removed: c.removed, cause: c.cause ?? null })),
    compilers: report.compilers.map((c) => ({ tsconfig: rel(c.tsconfig), typescript: c.version, source: c.source })),
    callSitesUnchecked: report.callSitesUnchecked ?? null,
    warnings: report.warnings,
  };
}

function canDeployAnnotations(report: CanDeployReport): Annotation[] {
  const annotations: Annotation[] = [];
  for (const s of report.services.filter((s) => s.error)) {
    annotations.push({ level: "error", title: `sync-types can-deploy: ${s.service} could not be judged`, message: `${s.error!.message}${s.error!.hint ? `\nhint: ${s.error!.hint}` : ""}` });
  }
  for (const message of [...report.warnings, ...(report.callSitesUnchecked ? [report.callSitesUnchecked] : [])]) {
    annotations.push({ level: "warning", title: "sync-types can-deploy", message });
  }
  for (const c of report.callSites) {
    const cause = c.cause ? `\ncaused by ${c.cause.id} at ${c.cause.location} (${c.service})` : "";
    annotations.push({ level: "error", file: rel(c.file), line: c.line, column: c.column, title: `sync-types can-deploy: call site breaks (TS${c.code})`, message: c.message + cause });
  }
  for (const r of report.runtimeRisks) {
    annotations.push({
      level: r.change.verdict.runtime === "breaks" ? "error" : "warning", file: rel(r.file), line: r.line, column: r.column,
      title: `sync-types can-deploy: ${r.change.id}`, message: `${r.change.location} changed: ${r.change.message} (${r.service}, runtime ${r.change.verdict.runtime})`,
    });
  }
  for (const c of report.rawCalls) {
    annotations.push({
      level: c.removed ? "error" : "warning", file: rel(c.file), line: c.line, column: c.column, title: "sync-types can-deploy: raw call",
      message: `${c.method ?? "?"} ${c.path} is ${c.removed ? "no longer" : "not"} an operation of ${c.service}${c.cause ? `\ncaused by ${c.cause.id} at ${c.cause.location}` : ""}`,
    });
  }
  for (const s of report.services.filter((s) => s.unused.length > 0)) {
    annotations.push({ level: "notice", title: `sync-types can-deploy: ${s.service} changes no call site depends on`, message: s.unused.map((c) => `${c.id} ${c.location}`).join("\n") });
  }
  annotations.push({ level: report.exitCode === 0 ? "notice" : "error", title: "sync-types can-deploy", message: verdictLine(report) });
  return annotations;
}
