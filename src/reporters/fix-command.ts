import { relative } from "node:path";
import type { CheckReport } from "../check/index.js";

/** The command that brings committed files back in sync, as the user would type it. */
export function fixCommand(report: CheckReport, cwd = process.cwd()): string {
  const config = relative(cwd, report.sync.config.file);
  const defaultName = /^sync-types\.config\.(ts|mts|mjs|js|json)$/.test(config);
  return `npx sync-types${defaultName ? "" : ` -c ${config}`}`;
}
