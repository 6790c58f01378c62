import { countLevels, isFailing, type DiffReport, type ServiceDiff } from "../diff/report.js";
import type { Change } from "../diff/types.js";
import { mdCode as code, mdText as text } from "./markdown.js";

/** A pull-request comment: what fails first, the rest folded away. Every spec string is escaped. */
export function reportDiffMarkdown(report: DiffReport, write: (text: string) => void): void {
  const failing = report.services.reduce((n, s) => n + s.failing.length, 0);
  const failed = report.services.filter((s) => s.error).length;
  const lines = ["## sync-types contract diff", ""];
  if (failing > 0) lines.push(`**❌ ${failing} breaking change${failing === 1 ? "" : "s"}** at level \`${report.level}\``);
  else if (failed === 0) lines.push(`**✅ no breaking changes** at level \`${report.level}\``);
  if (failed > 0) lines.push("", `**⚠️ ${failed} service${failed === 1 ? "" : "s"} could not be compared**`);
  for (const service of report.services) lines.push("", ...serviceSection(service));
  if (report.expired.length > 0) {
    lines.push("", "### Expired ignores", "", "These `breaking.ignore` entries are past their date and no longer apply:", "");
    for (const e of report.expired) lines.push(`- ${code(e.rule)} at ${code(e.location)}, expired ${text(e.expires ?? "")}: ${text(e.reason)}`);
  }
  write(`${lines.join("\n")}\n`);
}

function serviceSection(service: ServiceDiff): string[] {
  const lines = [`### ${text(service.service)}`, "", `${code(service.spec)} · base ${code(service.base)} · head ${code(service.head)}`, ""];
  if (service.error) return [...lines, `Could not compare: ${text(service.error.message)}`];
  if (service.changes.length === 0) return [...lines, "No contract changes."];
  const counts = countLevels(service.changes);
  lines.push(`${counts.error} breaking · ${counts.warn} to review · ${counts.info} safe`, "");
  const ignored = new Set(service.ignored.map((i) => i.change));
  const first = service.changes.filter((c) => isFailing(service, c));
  const rest = service.changes.filter((c) => !isFailing(service, c) && !ignored.has(c));
  if (first.length > 0) lines.push(...table(first, "❌"));
  if (rest.length > 0) {
    lines.push("", `<details><summary>${rest.length} change${rest.length === 1 ? "" : "s"} that do${rest.length === 1 ? "es" : ""} not fail</summary>`, "");
    lines.push(...table(rest, undefined), "", "</details>");
  }
  if (service.ignored.length > 0) {
    lines.push("", "Ignored on purpose:", "");
    for (const { change, ignore } of service.ignored) {
      const until = ignore.expires ? ` (until ${text(ignore.expires)})` : "";
      lines.push(`- ${code(change.id)} at ${code(change.location)}${until}: ${text(ignore.reason)}`);
    }
  }
  return lines;
}

function table(changes: Change[], mark: string | undefined): string[] {
  const rows = ["| | change | location | tsc | runtime | operations |", "|---|---|---|---|---|---|"];
  for (const c of changes) {
    const symbol = mark ?? (c.level === "info" ? "➕" : "⚠️");
    const operations = c.operations.map(code).join(" ");
    rows.push(`| ${symbol} | ${text(c.message)} ${code(c.id)} | ${code(c.location)} | ${c.verdict.compile} | ${c.verdict.runtime} | ${operations} |`);
  }
  return rows;
}
