import { checkProject } from "../../check/index.js";
import type { Logger } from "../../logger.js";
import { reportCheck, type CheckFormat } from "../../reporters/check.js";
import { createProgress, pipelineOptions, type ServiceFlags } from "../progress.js";

export interface CheckCommandOptions extends ServiceFlags {
  format: CheckFormat;
  /** `--no-cache` sets it to false. */
  cache: boolean;
}

/** `sync-types check`: writes nothing; exit 1 on drift or broken call sites. */
export async function runCheck(options: CheckCommandOptions, logger: Logger): Promise<number> {
  const progress = createProgress(logger);
  try {
    const report = await checkProject({
      ...pipelineOptions(options, logger, progress),
      cache: options.cache,
    });
    progress.stop();
    reportCheck(report, options.format, logger, (text) => process.stdout.write(text));
    return report.exitCode;
  } finally {
    progress.stop();
  }
}
