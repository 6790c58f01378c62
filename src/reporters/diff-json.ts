/**
 * `sync-types diff --format json`. The schema is documented in docs/diff-json.md; in short:
 * `{ version: 1, level, exitCode, services: [{ service, spec, base, head, error, counts,
 * changes: [{ id, level, direction, location, subject, pointer, side, line, column, verdict,
 * message, operations, fingerprint, failing, ignored }] }], expiredIgnores }`.
 */
import { countLevels, isFailing, type DiffReport } from "../diff/report.js";

export function reportDiffJson(report: DiffReport, write: (text: string) => void): void {
  const services = report.services.map((service) => {
    const ignoredBy = new Map(service.ignored.map(({ change, ignore }) => [change, ignore]));
    return {
      service: service.service,
      spec: service.spec,
      base: service.base,
      head: service.head,
      error: service.error
        ? { message: service.error.message, hint: service.error.hint ?? null, exitCode: service.error.exitCode }
        : null,
      counts: { ...countLevels(service.changes), failing: service.failing.length, ignored: service.ignored.length },
      changes: service.changes.map((change) => {
        const ignore = ignoredBy.get(change);
        return {
          id: change.id,
          level: change.level,
          direction: change.direction,
          location: change.location,
          subject: change.subject,
          pointer: change.pointer,
          side: change.side,
          line: change.line,
          column: change.column,
          verdict: change.verdict,
          message: change.message,
          operations: change.operations,
          fingerprint: change.fingerprint,
          failing: isFailing(service, change),
          ignored: ignore ? { reason: ignore.reason, expires: ignore.expires ?? null } : null,
        };
      }),
    };
  });
  const expiredIgnores = report.expired.map((e) => ({ rule: e.rule, location: e.location, reason: e.reason, expires: e.expires ?? null }));
  write(`${JSON.stringify({ version: 1, level: report.level, exitCode: report.exitCode, services, expiredIgnores }, null, 2)}\n`);
}
