import { relative } from "node:path";
import type { CanDeployReport } from "../deploy/index.js";
import { blocks, consumerLabel, verdictLine } from "./can-deploy.js";
import { mdCode as code, mdText as text } from "./markdown.js";

/** `can-deploy --format markdown`: a deploy gate's PR comment or `$GITHUB_STEP_SUMMARY`; every string from a spec, a service or the compiler is escaped. */
export function canDeployMarkdown(report: CanDeployReport): string {
  const rel = (file: string) => relative(process.cwd(), file);
  const lines = [`### sync-types can-deploy: ${report.exitCode === 0 ? "✅ safe to deploy" : "❌ not safe to deploy"}`, "", `Call sites of ${text(consumerLabel(report))}.`, ""];
  lines.push("| service | contract | status | changes |", "|---|---|---|---|");
  for (const s of report.services) {
    const status = s.error ? `failed: ${s.error.message}` : blocks(report, s.service) ? "blocked" : "ok";
    lines.push(`| ${code(s.service)} | ${s.contract ? code(s.contract) : ""} | ${text(status)} | ${s.changes.length} |`);
  }
  if (report.callSites.length > 0) {
    lines.push("", "**Call sites that no longer compile:**", "");
    for (const c of report.callSites) {
      const cause = c.cause ? ` — caused by ${code(c.cause.id)} at ${code(c.cause.location)} (${text(c.service ?? "")})` : "";
      lines.push(`- ${code(`${rel(c.file)}:${c.line}:${c.column}`)} TS${c.code}: ${text(c.message.split("\n")[0]!)}${cause}`);
    }
  }
  if (report.runtimeRisks.length > 0) {
    lines.push("", "**Call sites that read or write what changed:**", "");
    for (const r of report.runtimeRisks) lines.push(`- ${code(`${rel(r.file)}:${r.line}`)} ${code(r.change.id)} at ${code(r.change.location)} (${text(r.service)}, runtime ${r.change.verdict.runtime})`);
  }
  if (report.rawCalls.length > 0) {
    lines.push("", "**Raw fetch calls that match no operation:**", "");
    for (const c of report.rawCalls) lines.push(`- ${code(`${rel(c.file)}:${c.line}`)} ${text(c.method ?? "?")} ${code(c.path)} (${text(c.service)}${c.removed ? `, removed${c.cause ? ` by ${code(c.cause.id)}` : ""}` : ""})`);
  }
  for (const s of report.services.filter((s) => s.unused.length > 0)) {
    lines.push("", `**${code(s.service)} changes no call site depends on:**`, "");
    for (const c of s.unused) lines.push(`- ${code(c.id)} ${code(c.location)}: ${text(c.message)}`);
  }
  const notes = [...report.warnings, ...(report.callSitesUnchecked ? [report.callSitesUnchecked] : [])];
  if (notes.length > 0) lines.push("", ...notes.map((note) => `> ⚠️ ${text(note)}`));
  lines.push("", text(verdictLine(report)));
  return `${lines.join("\n")}\n`;
}
