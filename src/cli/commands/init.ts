import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { CONFIG_NAMES } from "../../config/load.js";
import { ExitCode, UsageError } from "../../errors.js";
import type { BreakingPolicy } from "../../config/types.js";
import { CANCELLED, chooseConsumer, choosePolicy } from "../../init/choose.js";
import { discoverServices, type DiscoveredService } from "../../init/discover.js";
import { renderConfig } from "../../init/render-config.js";
import { relativePath, toServiceConfig } from "../../init/service-entry.js";
import type { Logger } from "../../logger.js";
import { packageManagerFor } from "../../package-manager.js";

export interface InitOptions {
  /** Write without asking; choices are made by the documented rules. Default `false`: ask on a terminal, refuse to write anywhere else. */
  yes?: boolean;
  /** Also add Turborepo tasks (turbo.json) and their package.json scripts, per service. Default `false`. */
  turbo?: boolean;
  /** The project folder, where the config is written. Default `process.cwd()`. */
  cwd?: string;
  /** The Node app's folder (relative to `cwd`): clients go in its `src/clients`, its tsconfig checks the call sites. Default: found. */
  consumer?: string;
  /** `breaking.policy` to write. Default: asked, or chosen by the rule in init/choose.ts. */
  breakingPolicy?: BreakingPolicy;
}

/** How `init` asks; the default is the process's own terminal. */
export interface Terminal {
  interactive: boolean;
  /** The line typed in answer; `undefined` when input ended or Ctrl-C was pressed. */
  ask(question: string): Promise<string | undefined>;
  close?(): void;
}

const CONFIG_FILE = "sync-types.config.ts";
const SERVICE_SOURCES = "pm2 ecosystem files, pyproject.toml [tool.fastapi] entrypoint and Python files creating FastAPI() at module level";

/**
 * `sync-types init`: find the FastAPI apps and the Node app that calls them, show them, and write
 * `sync-types.config.ts` (clients inside that app, its tsconfig checked), never over an existing config.
 */
export async function runInit(options: InitOptions, logger: Logger, terminal: Terminal = processTerminal()): Promise<number> {
  try {
    return await init(options, logger, terminal);
  } finally {
    terminal.close?.();
  }
}

async function init(options: InitOptions, logger: Logger, terminal: Terminal): Promise<number> {
  const root = resolve(options.cwd ?? process.cwd());
  const existing = CONFIG_NAMES.find((name) => existsSync(join(root, name)));
  if (existing && options.turbo) return initTurboTasks(root, logger);
  if (existing)
    throw new UsageError(`${join(root, existing)} already exists: init never overwrites a config`, "edit it, or delete it and run init again");

  const discovery = discoverServices(root);
  for (const warning of discovery.warnings) logger.warn(warning);
  const { services } = discovery;
  // Exit 2: nothing was run or fetched; what has to change is where (or whether) init is run.
  if (services.length === 0) {
    throw new UsageError(`no FastAPI app found in ${root} (looked for ${SERVICE_SOURCES})`,
      `run init from the folder that holds the services, or write ${CONFIG_FILE} by hand (see the README)`);
  }

  logger.info(`Found ${services.length} FastAPI ${services.length === 1 ? "service" : "services"}:`);
  for (const line of summary(services, root, logger)) logger.info(line);
  const prompt = { interactive: !options.yes && terminal.interactive, ask: (q: string) => terminal.ask(q) };
  const consumer = await chooseConsumer(root, discovery, options.consumer, prompt, logger);
  if (consumer === CANCELLED) return nothingWritten(logger);
  const policy = consumer ? await choosePolicy(consumer, discovery, options.breakingPolicy, prompt, logger) : undefined;
  if (policy === CANCELLED) return nothingWritten(logger);

  if (!options.yes) {
    if (!terminal.interactive)
      throw new UsageError(`not writing ${CONFIG_FILE} unasked: this is not a terminal`, "run `sync-types init --yes`");
    const answer = (await terminal.ask(`Write ${CONFIG_FILE}? [Y/n] `))?.trim().toLowerCase();
    if (answer === undefined || !["", "y", "yes"].includes(answer)) return nothingWritten(logger);
  }

  const entries = services.map((s) => ({ name: s.name, config: toServiceConfig(s, root, consumer?.dir), foundIn: s.foundIn }));
  const app = consumer?.tsconfig && policy ? { tsconfig: relativePath(root, consumer.tsconfig), policy } : undefined;
  await writeNew(join(root, CONFIG_FILE), renderConfig(entries, app));
  const packageManager = packageManagerFor(root);
  logger.info(`Wrote ${CONFIG_FILE}. Next: \`${packageManager.run()}\` fetches each spec and generates its client.`);
  if (!resolvesSyncTypes(root)) logger.info(`Install sync-types in this project (${packageManager.addDev("sync-types")}) so the config's import resolves.`);
  return options.turbo ? initTurboTasks(root, logger) : ExitCode.ok;
}

async function initTurboTasks(root: string, logger: Logger): Promise<number> {
  const { initTurbo } = await import("../../init/turbo.js");
  await initTurbo(root, logger);
  return ExitCode.ok;
}

function nothingWritten(logger: Logger): number {
  logger.info("Nothing written.");
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

/**
 * The process's terminal. One reader for the whole run, its lines queued: answers typed (or
 * pasted) ahead of a question are kept for it, not lost between two prompts.
 */
function processTerminal(): Terminal {
  let lines: AsyncIterator<string> | undefined;
  let prompt: Interface | undefined;
  return {
    interactive: process.stdin.isTTY === true && process.stdout.isTTY === true,
    async ask(question) {
      if (!prompt) {
        prompt = createInterface({ input: process.stdin, output: process.stdout });
        lines = prompt[Symbol.asyncIterator]();
        // Ctrl-C at a prompt means "stop asking", not a hung question.
        prompt.on("SIGINT", () => prompt?.close());
      }
      process.stdout.write(question);
      const next = await lines!.next();
      return next.done ? undefined : next.value;
    },
    close() {
      prompt?.close();
    },
  };
}
