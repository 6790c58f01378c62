import type { Logger } from "../../logger.js";
import { syncTypes } from "../../pipeline.js";
import { reportSyncJson } from "../../reporters/sync-json.js";
import { reportSyncPretty } from "../../reporters/sync-pretty.js";
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
    if (options.format === "json") reportSyncJson(result, (text) => process.stdout.write(text));
    else reportSyncPretty(result, logger);
    return result.exitCode;
  } finally {
    progress.stop();
  }
}
