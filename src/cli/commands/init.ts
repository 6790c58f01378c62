import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { CONFIG_NAMES } from "../../config/load.js";
import { ExitCode, UsageError } from "../../errors.js";
import { discoverServices, type DiscoveredService } from "../../init/discover.js";
import { renderConfig } from "../../init/render-config.js";
import { toServiceConfig } from "../../init/service-entry.js";
import type { Logger } from "../../logger.js";

export interface InitOptions {
  /** Write without asking. Default `false`: ask on a terminal, refuse anywhere else. */
  yes?: boolean;
  /** Also add Turborepo tasks (turbo.json) and their package.json scripts, per service. Default `false`. */
  turbo?: boolean;
  /** The project folder, where the config is written. Default `process.cwd()`. */
  cwd?: string;
}

/** How `init` asks before writing; the default is the process's own terminal. */
export interface Terminal {
  interactive: boolean;
  confirm(question: string): Promise<boolean>;
}

const CONFIG_FILE = "sync-types.config.ts";

/** `sync-types init`: find the FastAPI apps, show them, and write `sync-types.config.ts`, never over an existing config. */
export async function runInit(options: InitOptions, logger: Logger, terminal: Terminal = processTerminal()): Promise<number> {
  const root = resolve(options.cwd ?? process.cwd());
  const existing = CONFIG_NAMES.find((name) => existsSync(join(root, name)));
  if (existing && options.turbo) return initTurboTasks(root, logger);
  if (existing)
    throw new UsageError(`${join(root, existing)} already exists: init never overwrites a config`, "edit it, or delete it and run init again");

  const { services, warnings } = discoverServices(root);
  for (const warning of warnings) logger.warn(warning);
  if (services.length === 0) {
    logger.info(`No FastAPI app found in ${root}.`);
    logger.info("Looked for pm2 ecosystem files, pyproject.toml [tool.fastapi] entrypoint and Python files creating FastAPI().");
    logger.info(`Run init from the project that holds the services, or write ${CONFIG_FILE} by hand (see the README).`);
    return ExitCode.ok;
  }

  logger.info(`Found ${services.length} FastAPI ${services.length === 1 ? "service" : "services"}:`);
  for (const line of summary(services, root, logger)) logger.info(line);
  if (!options.yes) {
    if (!terminal.interactive)
      throw new UsageError(`not writing ${CONFIG_FILE} unasked: this is not a terminal`, "run `sync-types init --yes`");
    if (!(await terminal.confirm(`Write ${CONFIG_FILE}? [Y/n] `))) {
      logger.info("Nothing written.");
      return ExitCode.ok;
    }
  }

  const text = renderConfig(services.map((s) => ({ name: s.name, config: toServiceConfig(s, root), foundIn: s.foundIn })));
  await writeNew(join(root, CONFIG_FILE), text);
  logger.info(`Wrote ${CONFIG_FILE}. Next: \`sync-types\` fetches each spec and generates its client.`);
  if (!resolvesSyncTypes(root)) logger.info("Install sync-types in this project (npm i -D sync-types) so the config's import resolves.");
  return options.turbo ? initTurboTasks(root, logger) : ExitCode.ok;
}

async function initTurboTasks(root: string, logger: Logger): Promise<number> {
  const { initTurbo } = await import("../../init/turbo.js");
  await initTurbo(root, logger);
  return ExitCode.ok;
}

function summary(services: DiscoveredService[], root: string, logger: Logger): string[] {
  const rows = services.map((s) => ({ name: s.name, dir: toServiceConfig(s, root).dir, app: s.app, where: s.foundIn.join("; ") }));
  const width = (column: "name" | "dir" | "app") => Math.max(...rows.map((row) => row[column].length));
  const { paint } = logger;
  return rows.map(({ name, dir, app, where }) =>
    `  ${paint.bold(name.padEnd(width("name")))}  ${dir.padEnd(width("dir"))}  ${app.padEnd(width("app"))}  ${paint.dim(`(${where})`)}`);
}

/** `wx` fails if the file appeared since we looked: a config is never replaced, even by a race. */
async function writeNew(file: string, text: string): Promise<void> {
  try {
    await writeFile(file, text, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") throw new UsageError(`${file} appeared meanwhile: not overwriting it`);
    throw error;
  }
}

function resolvesSyncTypes(root: string): boolean {
  try {
    createRequire(join(root, "noop.js")).resolve("sync-types/package.json");
    return true;
  } catch {
    return false;
  }
}

function processTerminal(): Terminal {
  return {
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
    async confirm(question) {
      const prompt = createInterface({ input: process.stdin, output: process.stdout });
      // Ctrl-C at the prompt means no, not a hung question.
      const cancel = new AbortController();
      prompt.on("SIGINT", () => cancel.abort());
      try {
        const answer = (await prompt.question(question, { signal: cancel.signal })).trim().toLowerCase();
        return answer === "" || answer === "y" || answer === "yes";
      } catch {
        return false;
      } finally {
        prompt.close();
      }
    },
  };
}
