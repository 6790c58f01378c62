import { isFailing, type DiffReport } from "../diff/report.js";
import { formatAnnotation, type Annotation } from "./github.js";

/**
 * GitHub Actions workflow commands: one annotation per change at its line in the committed spec.
 * Failing changes are errors, others to review are warnings, safe ones notices.
 */
export function reportDiffGithub(report: DiffReport, write: (text: string) => void): void {
  const annotations = diffAnnotations(report);
  if (annotations.length > 0) write(`${annotations.map(formatAnnotation).join("\n")}\n`);
}

export function diffAnnotations(report: DiffReport): Annotation[] {
  const annotations: Annotation[] = [];
  for (const service of report.services) {
    if (service.error) {
      annotations.push({ level: "error", title: `sync-types diff: ${service.service}`, message: service.error.message });
      continue;
    }
    const ignored = new Set(service.ignored.map((i) => i.change));
    for (const change of service.changes) {
      if (ignored.has(change)) continue;
      annotations.push({
        level: isFailing(service, change) ? "error" : change.level === "info" ? "notice" : "warning",
        file: service.spec,
        line: change.line,
        column: change.column,
        title: `${change.id} (${service.service})`,
        message: [
          `${change.location}: ${change.message}`,
          `tsc ${change.verdict.compile}, runtime ${change.verdict.runtime}; affects ${change.operations.join(", ") || "no operation"}`,
        ].join("\n"),
      });
    }
  }
  for (const entry of report.expired) {
    annotations.push({
      level: "warning",
      title: "sync-types: expired ignore",
      message: `the ignore for ${entry.rule} at ${entry.location} expired on ${entry.expires}: ${entry.reason}`,
    });
  }
  return annotations;
}
