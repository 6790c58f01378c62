import { canDeploy } from "../../deploy/index.js";
import { parseLiveUrl } from "../../deploy/contract.js";
import type { Logger } from "../../logger.js";
import { reportCanDeploy } from "../../reporters/can-deploy.js";
import type { CheckFormat } from "../../reporters/check.js";

export interface CanDeployCommandOptions {
  config?: string;
  service?: string[];
  liveUrl?: string;
  live?: boolean;
  consumerRef?: string;
  format: CheckFormat;
}

/** `sync-types can-deploy`: exit 1 when a call site depends on what the judged contract changed. */
export async function runCanDeploy(options: CanDeployCommandOptions, logger: Logger): Promise<number> {
  try {
    const report = await canDeploy({
      config: options.config,
      services: options.service,
      liveUrl: options.liveUrl === undefined ? undefined : parseLiveUrl(options.liveUrl),
      live: options.live,
      consumerRef: options.consumerRef,
      onStatus: (status) => logger.status(status),
      onWarning: (message) => logger.debug("can-deploy", message),
    });
    logger.status();
    reportCanDeploy(report, options.format, logger, (text) => process.stdout.write(text));
    return report.exitCode;
  } finally {
    logger.status();
  }
}
