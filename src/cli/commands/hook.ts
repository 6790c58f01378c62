import { relative } from "node:path";
import { installHook, uninstallHook } from "../../hook/install.js";
import { runStagedCheck } from "../../hook/run.js";
import type { Logger } from "../../logger.js";
import { reportHookRun } from "../../reporters/hook.js";
import { createProgress } from "../progress.js";

export interface HookInstallCommandOptions {
  config?: string;
  fix?: boolean;
  uninstall?: boolean;
}

export interface HookRunCommandOptions {
  config?: string;
  fix?: boolean;
}

const here = (path: string) => relative(process.cwd(), path);

/** `sync-types hook install [--fix] [--uninstall]`. */
export async function runHookInstall(options: HookInstallCommandOptions, logger: Logger): Promise<number> {
  if (options.uninstall) {
    const result = await uninstallHook();
    if (result.action === "absent") logger.info(`no sync-types hook in ${here(result.hook)}: nothing to remove`);
    else logger.info(`removed the sync-types hook ${here(result.hook)}${result.restored ? ", and put back the hook it had replaced" : ""}`);
    return 0;
  }
  const result = await installHook({ ...(options.config ? { config: options.config } : {}), fix: options.fix === true });
  switch (result.action) {
    case "delegated": {
      const where = result.manager === "husky" ? "run" : `add to ${here(result.file)}`;
      logger.info(`${result.manager} manages this repository's git hooks, so nothing was installed; ${where}:\n`);
      logger.info(`${result.snippet.replace(/^/gm, "  ")}\n`);
      break;
    }
    case "installed":
      logger.info(`installed the pre-commit hook ${here(result.hook)}`);
      if (result.previous) logger.info(`  the hook that was there now lives in ${here(result.previous)}; it runs first and its failure still stops the commit`);
      break;
    case "updated":
      logger.info(`updated the pre-commit hook ${here(result.hook)}`);
      break;
    case "unchanged":
      logger.info(`the pre-commit hook ${here(result.hook)} is already installed`);
  }
  return 0;
}

/** `sync-types hook run [--fix]`: exit 0 when the staged contract is in sync (or fixed), 1 when the commit must be refused. */
export async function runHookRun(options: HookRunCommandOptions, logger: Logger): Promise<number> {
  const progress = createProgress(logger);
  try {
    const run = await runStagedCheck({
      ...(options.config ? { config: options.config } : {}),
      fix: options.fix === true,
      pipeline: {
        onProgress: (event) => progress.update(event),
        onServiceOutput: (service, line) => logger.debug("services", `[${service}] ${line}`),
        onWarning: (message) => logger.warn(message),
      },
    });
    progress.stop();
    reportHookRun(run, logger);
    return run.exitCode;
  } finally {
    progress.stop();
  }
}
