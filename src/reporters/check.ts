import { relative } from "node:path";
import type { CheckReport } from "../check/index.js";
import type { Logger } from "../logger.js";
import { formatAnnotation, type Annotation } from "./github.js";
import { diffAnnotations } from "./diff-github.js";
import { printGroups } from "./diff-pretty.js";
import { checkMarkdown } from "./check-markdown.js";
import { letThroughNote } from "./breaking-policy.js";
import { fixCommand, fixSteps } from "./fix-command.js";
import { describeError } from "./describe-error.js";
import { serviceDiff } from "./sync-pretty.js";
import { ContractBreachError } from "../contract/breach-error.js";
import { describeBreach } from "../contract/conform.js";

export type CheckFormat = "pretty" | "json" | "github" | "markdown";


export function reportCheck(report: CheckReport, format: CheckFormat, logger: Logger, write: (text: string) => void): void {
  if (format === "json") return write(`${JSON.stringify(checkJson(report), null, 2)}\n`);
  if (format === "github") return write(githubAnnotations(report).map(formatAnnotation).join("\n") + "\n");
  if (format === "markdown") return write(checkMarkdown(report));
  reportPretty(report, logger);
}

function reportPretty(report: CheckReport, logger: Logger): void {
  const { paint } = logger;
  for (const warning of report.warnings) logger.warn(warning);
  if (report.callSitesUnchecked) logger.warn(report.callSitesUnchecked);
  const rel = (p: string) => relative(process.cwd(), p);
  const width = Math.max(...report.sync.results.map((r) => r.service.length));
  for (const r of report.sync.results) {
    const name = paint.bold(r.service.padEnd(width));
    const stale = report.stale.find((s) => s.service === r.service);
    if (r.status === "failed") {
      logger.info(`${paint.red("✗")} ${name}  ${paint.red(r.error instanceof ContractBreachError ? "does not implement its contract" : "could not be checked")}`);
      for (const line of describeError(r.error!, logger)) logger.info(`    ${line}`);
    } else if (stale) {
      logger.info(`${paint.red("✗")} ${name}  ${paint.red("stale")}: the committed files differ from what the service generates`);
      for (const file of stale.files) logger.info(`    ${file}`);
      if (r.contract && r.contract.changes.length > 0) printGroups(serviceDiff(r), logger, { includeSafe: false, indent: "    " });
    } else {
      logger.info(`${paint.green("✓")} ${name}  in sync${r.cached ? paint.dim("  (sources unchanged: cached spec)") : ""}`);
    }
  }
  if (report.breakingLetThrough.length > 0) logger.info(paint.dim(`\n${letThroughNote(report.breakingLetThrough.map((r) => r.service))}`));
  if (report.callSites.length > 0) {
    const n = report.callSites.length;
    logger.info(paint.red(`\n${n} call site${n === 1 ? "" : "s"} no longer compile${n === 1 ? "s" : ""} with the regenerated clients:`));
    for (const site of report.callSites) {
      logger.info(`  ${paint.bold(`${rel(site.file)}:${site.line}:${site.column}`)}  ${paint.dim(`TS${site.code}`)}  ${site.message.split("\n")[0]}`);
      logger.info(paint.dim(`    │ ${site.source}`));
      if (site.cause) logger.info(`    ${paint.dim("caused by")} ${paint.red(site.cause.id)} ${paint.dim("at")} ${site.cause.location} ${paint.dim(`(${site.service})`)}`);
      else if (site.declaration) logger.info(paint.dim(`    uses ${site.service}: ${site.declaration}`));
    }
  }
  if (report.pythonCallSites.length > 0) {
    const n = report.pythonCallSites.length;
    logger.info(paint.red(`\n${n} Python call site${n === 1 ? "" : "s"} no longer type-check${n === 1 ? "s" : ""} with the regenerated Pydantic module:`));
    for (const site of report.pythonCallSites) {
      logger.info(`  ${paint.bold(`${rel(site.file)}:${site.line}:${site.column}`)}  ${paint.dim(site.checker)}  ${site.message}  ${paint.dim(`(${site.service})`)}`);
    }
  }
  if (report.runtimeRisks.length > 0) {
    const n = report.runtimeRisks.length;
    logger.info(paint.yellow(`\n${n} call site${n === 1 ? "" : "s"} still compile${n === 1 ? "s" : ""} but use${n === 1 ? "s" : ""} what a change may break at run time:`));
    for (const risk of report.runtimeRisks) {
      logger.info(`  ${paint.bold(`${rel(risk.file)}:${risk.line}:${risk.column}`)}  ${paint.yellow(risk.change.id)} ${paint.dim("at")} ${risk.change.location} ${paint.dim(`(${risk.service}, runtime ${risk.change.verdict.runtime})`)}`);
      logger.info(paint.dim(`    │ ${risk.source}`));
    }
  }
  if (report.rawCalls.length > 0) {
    const n = report.rawCalls.length;
    const colour = report.rawCallLevel === "error" ? paint.red : paint.yellow;
    logger.info(colour(`\n${n} raw fetch call${n === 1 ? "" : "s"} bypass${n === 1 ? "es" : ""} the client and match${n === 1 ? "es" : ""} no operation:`));
    for (const call of report.rawCalls) {
      logger.info(`  ${paint.bold(`${rel(call.file)}:${call.line}:${call.column}`)}  ${call.method ?? "?"} ${call.path} is not in ${call.service}'s spec`);
      logger.info(paint.dim(`    │ ${call.source}`));
    }
  }
  if (report.exitCode === 0) return logger.info(paint.green("\nall contracts in sync"));
  const steps = fixSteps(report, (command) => `\`${command}\``);
  if (steps.length > 0) logger.info(`\n${paint.yellow("fix:")} ${steps.join(", then ")}.`);
}

function checkJson(report: CheckReport) {
  return {
    version: 1,
    exitCode: report.exitCode,
    fix: report.exitCode === 1 ? fixCommand(report) : null,
    breakingPolicy: report.sync.config.breaking.policy,
    services: report.sync.results.map((r) => ({
      service: r.service,
      status: r.status === "failed" ? "failed" : report.stale.some((s) => s.service === r.service) ? "stale" : "in-sync",
      staleFiles: report.stale.find((s) => s.service === r.service)?.files ?? [],
      changes: r.contract?.changes ?? [],
      breaking: r.contract?.failing.map((c) => c.fingerprint) ?? [],
      cached: r.cached,
      timingsMs: { obtain: Math.round(r.timings.obtainMs), generate: Math.round(r.timings.generateMs) },
      summary: r.summary ?? null,
      error: r.error ? { message: r.error.message, hint: r.error.hint ?? null, exitCode: r.error.exitCode } : null,
    })),
    callSites: report.callSites.map((c) => ({
      file: relative(process.cwd(), c.file),
      line: c.line,
      column: c.column,
      code: c.code,
      message: c.message,
      source: c.source,
      service: c.service ?? null,
      declaration: c.declaration ?? null,
      cause: c.cause ?? null,
    })),
    pythonCallSites: report.pythonCallSites.map((c) => ({
      file: relative(process.cwd(), c.file),
      line: c.line,
      column: c.column,
      checker: c.checker,
      message: c.message,
      service: c.service,
    })),
    runtimeRisks: report.runtimeRisks.map((r) => ({
      file: relative(process.cwd(), r.file),
      line: r.line,
      column: r.column,
      source: r.source,
      service: r.service,
      change: { id: r.change.id, location: r.change.location, fingerprint: r.change.fingerprint, runtime: r.change.verdict.runtime },
    })),
    rawCalls: report.rawCalls.map((c) => ({
      level: report.rawCallLevel,
      file: relative(process.cwd(), c.file),
      line: c.line,
      column: c.column,
      service: c.service,
      method: c.method ?? null,
      path: c.path,
    })),
    compilers: report.compilers.map((c) => ({ tsconfig: relative(process.cwd(), c.tsconfig), typescript: c.version, source: c.source })),
    callSitesUnchecked: report.callSitesUnchecked ?? null,
    warnings: report.warnings,
    timingsMs: { sync: Math.round(report.timings.syncMs), typecheck: Math.round(report.timings.typecheckMs) },
  };
}

function githubAnnotations(report: CheckReport): Annotation[] {
  const annotations: Annotation[] = [];
  const root = report.sync.config.root;
  const fromCwd = (p: string) => relative(process.cwd(), p.startsWith("/") ? p : `${root}/${p}`);
  for (const r of report.sync.results.filter((r) => r.status === "failed")) {
    if (r.error instanceof ContractBreachError) {
      annotations.push(...breachAnnotations(r.error, fromCwd));
      continue;
    }
    annotations.push({ level: "error", title: `sync-types: ${r.service} could not be checked`, message: `${r.error!.message}${r.error!.hint ? `\nhint: ${r.error!.hint}` : ""}` });
  }
  for (const s of report.stale) {
    for (const file of s.files) {
      annotations.push({ level: "error", file: fromCwd(file), title: `sync-types: ${s.service} contract is stale`, message: `This file differs from what ${s.service} generates. Run \`${fixCommand(report)}\` and commit the result.` });
    }
  }
  const diffs = report.sync.results.filter((r) => r.contract).map(serviceDiff);
  annotations.push(...diffAnnotations({ level: report.sync.config.breaking.level, services: diffs, expired: [], exitCode: 0 }).filter((a) => a.level !== "notice"));
  for (const message of [...report.warnings, ...(report.callSitesUnchecked ? [report.callSitesUnchecked] : [])]) {
    annotations.push({ level: "warning", title: "sync-types: call sites", message });
  }
  for (const c of report.callSites) {
    const cause = c.cause ? `\ncaused by ${c.cause.id} at ${c.cause.location} (${c.service})` : "";
    annotations.push({ level: "error", file: relative(process.cwd(), c.file), line: c.line, column: c.column, title: `sync-types: call site breaks (TS${c.code})`, message: c.message + cause });
  }
  for (const c of report.pythonCallSites) {
    annotations.push({ level: "error", file: relative(process.cwd(), c.file), line: c.line, column: c.column, title: `sync-types: Python call site breaks (${c.checker})`, message: `${c.message}\nwith the Pydantic module regenerated from ${c.service}'s contract` });
  }
  for (const r of report.runtimeRisks) {
    annotations.push({
      level: "warning",
      file: relative(process.cwd(), r.file), line: r.line, column: r.column,
      title: `sync-types: may misbehave at run time (${r.change.id})`,
      message: `Still compiles, but ${r.change.location} changed: ${r.change.message} (${r.service}, runtime ${r.change.verdict.runtime})`,
    });
  }
  for (const c of report.rawCalls) {
    annotations.push({
      level: report.rawCallLevel === "error" ? "error" : "warning",
      file: relative(process.cwd(), c.file), line: c.line, column: c.column,
      title: "sync-types: raw call bypasses the client",
      message: `${c.method ?? "?"} ${c.path} is not an operation of ${c.service}; use the generated client.`,
    });
  }
  return annotations;
}

/** One annotation per breach, on the route that serves it when the app could say where that is. */
function breachAnnotations(error: ContractBreachError, fromCwd: (path: string) => string): Annotation[] {
  return error.breaches.map((b) => {
    const [route] = b.routes.filter((r) => r !== "");
    const at = route === undefined ? undefined : /^(.*):(\d+)$/.exec(route);
    return {
      level: "error" as const,
      ...(at ? { file: fromCwd(at[1]!), line: Number(at[2]) } : {}),
      title: `sync-types: ${error.service} does not implement its contract`,
      message: `${describeBreach(b)}${b.operations.length > 0 ? ` (${b.operations.join(", ")})` : ""}\nhint: ${error.hint ?? ""}`,
    };
  });
}
