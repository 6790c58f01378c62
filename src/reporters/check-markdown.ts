import { relative } from "node:path";
import type { CheckReport } from "../check/index.js";
import { fixSteps } from "./fix-command.js";
import { mdCode as code, mdText as text } from "./markdown.js";

/** `check --format markdown`: a PR comment or a `$GITHUB_STEP_SUMMARY`. Every string from a spec, a service or the compiler is escaped. */
export function checkMarkdown(report: CheckReport): string {
  const rel = (file: string) => relative(process.cwd(), file);
  const lines = [`### sync-types check: ${report.exitCode === 0 ? "✅ all contracts in sync" : "❌ contract drift"}`, ""];
  lines.push("| service | status | files |", "|---|---|---|");
  for (const r of report.sync.results) {
    const stale = report.stale.find((s) => s.service === r.service);
    const status = r.status === "failed" ? `failed: ${r.error!.message}` : stale ? "stale" : "in sync";
    lines.push(`| ${code(r.service)} | ${text(status)} | ${stale ? stale.files.map(code).join("<br>") : ""} |`);
  }
  const level = code(report.sync.config.breaking.level);
  for (const [r, label] of [...report.breaking.map((r) => [r, `level ${level}`] as const), ...report.breakingLetThrough.map((r) => [r, `level ${level}, let through by ${code("breaking.policy")} ${code("deploy-together")}`] as const)]) {
    lines.push("", `**Breaking changes in ${code(r.service)}** (${label}):`, "");
    for (const c of r.contract!.failing) lines.push(`- ${code(c.id)} ${code(c.location)}: ${text(c.message)} (affects ${c.operations.map(code).join(", ")})`);
  }
  if (report.callSites.length > 0) {
    lines.push("", "**Call sites that no longer compile:**", "");
    for (const c of report.callSites) lines.push(`- ${code(`${rel(c.file)}:${c.line}:${c.column}`)} TS${c.code}: ${text(c.message.split("\n")[0]!)}`);
  }
  if (report.pythonCallSites.length > 0) {
    lines.push("", "**Python call sites that no longer type-check with the regenerated Pydantic module:**", "");
    for (const c of report.pythonCallSites) lines.push(`- ${code(`${rel(c.file)}:${c.line}:${c.column}`)} ${text(c.checker)}: ${text(c.message)} (${text(c.service)})`);
  }
  if (report.runtimeRisks.length > 0) {
    lines.push("", "**Call sites that still compile but may misbehave at run time:**", "");
    for (const r of report.runtimeRisks) lines.push(`- ${code(`${rel(r.file)}:${r.line}`)} ${code(r.change.id)} at ${code(r.change.location)} (${text(r.service)})`);
  }
  if (report.rawCalls.length > 0) {
    lines.push("", "**Raw fetch calls that match no operation:**", "");
    for (const c of report.rawCalls) lines.push(`- ${code(`${rel(c.file)}:${c.line}`)} ${text(c.method ?? "?")} ${code(c.path)} (${text(c.service)})`);
  }
  const notes = [...report.warnings, ...(report.callSitesUnchecked ? [report.callSitesUnchecked] : [])];
  if (notes.length > 0) lines.push("", ...notes.map((note) => `> ⚠️ ${text(note)}`));
  const steps = fixSteps(report, code);
  if (report.exitCode === 1 && steps.length > 0) lines.push("", `Fix: ${steps.join(", then ")}.`);
  return `${lines.join("\n")}\n`;
}
