import type { SyncResult } from "../pipeline.js";
import { ServiceError } from "../errors.js";

/** Machine-readable sync report on stdout; `version` changes only with incompatible edits. */
export function reportSyncJson(result: SyncResult, write: (text: string) => void): void {
  const services = result.results.map((r) => ({
    service: r.service,
    status: r.status,
    spec: r.specFile,
    specChanged: r.specChanged,
    summary: r.summary ?? null,
    changes: r.contract?.changes ?? [],
    failing: r.contract?.failing.map((c) => c.fingerprint) ?? [],
    files: r.files,
    timingsMs: Object.fromEntries(Object.entries(r.timings).map(([k, v]) => [k.replace(/Ms$/, ""), Math.round(v)])),
    warnings: r.warnings,
    error: r.error
      ? {
          message: r.error.message,
          exitCode: r.error.exitCode,
          hint: r.error.hint ?? null,
          output: r.error instanceof ServiceError ? r.error.output : [],
        }
      : null,
  }));
  write(`${JSON.stringify({ version: 1, exitCode: result.exitCode, services, oldOutputs: result.orphans }, null, 2)}\n`);
}
