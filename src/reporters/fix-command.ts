import { relative } from "node:path";
import type { CheckReport } from "../check/index.js";
import { packageManagerFor } from "../package-manager.js";

/** The command that brings committed files back in sync, as the user would type it with their package manager. */
export function fixCommand(report: CheckReport, cwd = process.cwd()): string {
  const config = relative(cwd, report.sync.config.file);
  const defaultName = /^sync-types\.config\.(ts|mts|mjs|js|json)$/.test(config);
  return packageManagerFor(report.sync.config.root).run(defaultName ? "" : `-c ${config}`);
}

/**
 * What to do about a failed check, in order, as every format says it: review what refuses by
 * `breaking.policy`, regenerate, then fix the call sites that stop compiling.
 */
export function fixSteps(report: CheckReport, command: (text: string) => string): string[] {
  if (report.stale.length === 0 && report.callSites.length === 0 && report.pythonCallSites.length === 0) return [];
  const steps = [`run ${command(fixCommand(report))} and commit the result`];
  if (report.breaking.length > 0) steps.unshift("review the breaking changes marked ✗ (accept one on purpose with breaking.ignore)");
  if (report.callSites.length > 0 || report.pythonCallSites.length > 0) steps.push("fix the call sites above");
  return steps;
}
