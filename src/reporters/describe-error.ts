import { ConfigError, ServiceError, SpecError, type SyncTypesError } from "../errors.js";
import type { Logger } from "../logger.js";

/** The lines that explain an error: message, its details, the hint. Shared by every report. */
export function describeError(error: SyncTypesError, logger: Logger): string[] {
  const { paint } = logger;
  const lines = [error.message];
  if (error instanceof ConfigError) for (const issue of error.issues) lines.push(`  ${paint.bold(issue.path)}: ${issue.message}`);
  if (error instanceof SpecError) for (const problem of error.problems) lines.push(`  ${problem}`);
  if (error instanceof ServiceError && error.output.length > 0) {
    lines.push(paint.dim(`last ${error.output.length} lines of its output:`));
    for (const line of error.output) lines.push(paint.dim(`│ ${line}`));
  }
  if (error.hint) lines.push(`${paint.yellow("hint:")} ${error.hint}`);
  return lines;
}
