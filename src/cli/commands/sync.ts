import type { SourceKind } from "../../config/types.js";
import type { Logger } from "../../logger.js";
import { syncTypes } from "../../pipeline.js";
import { reportSyncJson } from "../../reporters/sync-json.js";
import { reportSyncPretty } from "../../reporters/sync-pretty.js";
import { createProgress } from "../progress.js";

export interface SyncCommandOptions {
  config?: string;
  service?: string[];
  source?: SourceKind;
  format: "pretty" | "json";
}

/** `sync-types`: obtain every spec, write it and the generated files. */
export async function runSync(options: SyncCommandOptions, logger: Logger): Promise<number> {
  const progress = createProgress(logger);
  try {
    const result = await syncTypes({
      ...(options.config ? { config: options.config } : {}),
      ...(options.service ? { services: options.service } : {}),
      ...(options.source ? { source: options.source } : {}),
      onProgress: (event) => progress.update(event),
      onServiceOutput: (service, line) => logger.debug("services", `[${service}] ${line}`),
      onWarning: (message) => logger.warn(message),
    });
    progress.stop();
    if (options.format === "json") reportSyncJson(result, (text) => process.stdout.write(text));
    else reportSyncPretty(result, logger);
    return result.exitCode;
  } finally {
    progress.stop();
  }
}
