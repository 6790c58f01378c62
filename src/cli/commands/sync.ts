import type { Logger } from "../../logger.js";
import { syncTypes } from "../../pipeline.js";
import { createProgress, pipelineOptions, type ServiceFlags } from "../progress.js";

export interface SyncCommandOptions extends ServiceFlags {
  format: "pretty" | "json";
}

/** `sync-types`: obtain every spec, write it and the generated files. */
export async function runSync(options: SyncCommandOptions, logger: Logger): Promise<number> {
  const progress = createProgress(logger);
  try {
    const result = await syncTypes({
      ...pipelineOptions(options, logger, progress),
    });
    progress.stop();
    // The reporters (and the diff rules they name) load once the services are done, not before they start.
    if (options.format === "json") (await import("../../reporters/sync-json.js")).reportSyncJson(result, (text) => process.stdout.write(text));
    else (await import("../../reporters/sync-pretty.js")).reportSyncPretty(result, logger);
    return result.exitCode;
  } finally {
    progress.stop();
  }
}
