import { checkProject } from "../../check/index.js";
import type { SourceKind } from "../../config/types.js";
import type { Logger } from "../../logger.js";
import { reportCheck, type CheckFormat } from "../../reporters/check.js";
import { createProgress } from "../progress.js";

export interface CheckCommandOptions {
  config?: string;
  service?: string[];
  source?: SourceKind;
  format: CheckFormat;
  /** `--no-cache` sets it to false. */
  cache: boolean;
}

/** `sync-types check`: writes nothing; exit 1 on drift or broken call sites. */
export async function runCheck(options: CheckCommandOptions, logger: Logger): Promise<number> {
  const progress = createProgress(logger);
  try {
    const report = await checkProject({
      ...(options.config ? { config: options.config } : {}),
      ...(options.service ? { services: options.service } : {}),
      ...(options.source ? { source: options.source } : {}),
      cache: options.cache,
      onProgress: (event) => progress.update(event),
      onServiceOutput: (service, line) => logger.debug("services", `[${service}] ${line}`),
      onWarning: (message) => logger.warn(message),
    });
    progress.stop();
    reportCheck(report, options.format, logger, (text) => process.stdout.write(text));
    return report.exitCode;
  } finally {
    progress.stop();
  }
}
