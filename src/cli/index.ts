import { Command, Option } from "commander";
import { createRequire } from "node:module";
import { ExitCode, SyncTypesError, UsageError } from "../errors.js";
import { createLogger, type Logger } from "../logger.js";
import { describeError } from "../reporters/sync-pretty.js";
import { stopAllProcesses } from "../services/index.js";

const { version } = createRequire(import.meta.url)("../../package.json") as { version: string };

/** The CLI entry: parses flags, runs one command, and is the only place that sets the exit code. */
export async function main(argv: string[]): Promise<void> {
  installSignalHandlers();
  let logger = createLogger();
  try {
    const program = buildProgram((created) => (logger = created));
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = handleError(error, logger);
  }
}

function buildProgram(setLogger: (logger: Logger) => void): Command {
  const program = new Command("sync-types")
    .description("Keep TypeScript clients in sync with FastAPI services.")
    .version(version)
    .option("-c, --config <file>", "config file (default: sync-types.config.{ts,mjs,js,json} found upward)")
    .option("-s, --service <name...>", "only these services")
    .addOption(new Option("--source <kind>", "where specs come from, for every service").choices(["http", "import", "url"]))
    .addOption(new Option("--format <format>", "report format").choices(["pretty", "json"]).default("pretty"))
    .option("--verbose", "show service output and each step")
    .option("--quiet", "print errors only")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ outputError: () => {} });

  program.action(async (options) => {
    const logger = loggerFor(options);
    setLogger(logger);
    const { runSync } = await import("./commands/sync.js");
    process.exitCode = await runSync(options, logger);
  });
  return program;
}

function loggerFor(options: { verbose?: boolean; quiet?: boolean }): Logger {
  if (options.verbose && options.quiet) throw new UsageError("--verbose and --quiet cannot be used together");
  return createLogger({ level: options.verbose ? "verbose" : options.quiet ? "quiet" : "normal" });
}

function handleError(error: unknown, logger: Logger): number {
  const commanderCode = (error as { code?: string }).code;
  if (typeof commanderCode === "string" && commanderCode.startsWith("commander.")) {
    if (commanderCode === "commander.helpDisplayed" || commanderCode === "commander.version") return ExitCode.ok;
    logger.error((error as Error).message.replace(/^error: /, ""));
    return ExitCode.usage;
  }
  if (error instanceof SyncTypesError) {
    const [first, ...rest] = describeError(error, logger);
    logger.error(first!);
    for (const line of rest) process.stderr.write(`  ${line}\n`);
    return error.exitCode;
  }
  logger.error(`internal error — this is a bug in sync-types, please report it:\n${(error as Error)?.stack ?? String(error)}`);
  return ExitCode.internal;
}

/** Ctrl-C or SIGTERM: stop every service we started, then exit 130/143. A second signal kills at once. */
function installSignalHandlers(): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    const code = signal === "SIGINT" ? 130 : 143;
    if (stopping) process.exit(code);
    stopping = true;
    process.stderr.write(`\n${signal === "SIGINT" ? "interrupted" : "terminated"}: stopping services…\n`);
    void stopAllProcesses(1500).finally(() => process.exit(code));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}
