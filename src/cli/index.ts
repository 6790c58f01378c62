import { Command, Option } from "commander";
import { runCleanups } from "../cleanup.js";
import { ExitCode, SyncTypesError, UsageError } from "../errors.js";
import { createLogger, type Logger } from "../logger.js";
import { describeError } from "../reporters/describe-error.js";
import { VERSION } from "../version.js";
import { colorFlag, EXIT_CODES_HELP, isUsageError, reportUsageError, withUsageErrors } from "./usage.js";


/** The CLI entry: parses flags, runs one command, and is the only place that sets the exit code. */
export async function main(argv: string[]): Promise<void> {
  installSignalHandlers();
  ignoreClosedOutput();
  // Read before parsing: a usage error is printed before any command's options exist.
  const color = colorFlag(argv);
  let logger = createLogger({ color });
  try {
    const program = withUsageErrors(buildProgram((created) => (logger = created), color));
    await program.parseAsync(argv);
  } catch (error) {
    process.exitCode = handleError(error, logger);
  }
}

function buildProgram(setLogger: (logger: Logger) => void, color: boolean | undefined): Command {
  const program = withServiceOptions(new Command("sync-types"))
    .description("Keep TypeScript clients in sync with FastAPI services: obtain each spec, write it, generate the client.")
    .version(VERSION)
    // Options after a subcommand belong to it: `check --format github` is not the sync `--format`.
    .enablePositionalOptions()
    .addOption(new Option("--format <format>", "report format").choices(["pretty", "json"]).default("pretty"))
    .option("-w, --watch", "dev loop: run the services, resync a service's client when its Python changes")
    .option("--no-serve", "with --watch: do not run the services, only resync")
    .addHelpText("after", EXIT_CODES_HELP)
    .action(async (options) => {
      const logger = start(options, setLogger, color);
      if (options.watch) {
        const { runWatch } = await import("../watch/index.js");
        await runWatch({ config: options.config, serve: options.serve }, logger);
        return;
      }
      const { runSync } = await import("./commands/sync.js");
      process.exitCode = await runSync(options, logger);
    });

  withServiceOptions(program.command("check"))
    .description("CI: write nothing; exit 1 when committed specs or clients are stale or call sites break")
    .addOption(formatOption(["pretty", "json", "github", "markdown"]))
    .option("--no-cache", "extract every spec again, even when the service's sources did not change")
    .action(async (options) => {
      const { runCheck } = await import("./commands/check.js");
      process.exitCode = await runCheck(options, start(options, setLogger, color));
    });
  withServiceOptions(program.command("diff"))
    .description("the contract change of each service as a TypeScript caller feels it; exit 1 when a change fails breaking.level")
    .argument("[specs...]", "two spec files or http(s) URLs, base then head: compared without a config")
    .option("--base <ref|file>", "git ref or spec file to compare against (default: the committed spec file)")
    .option("--head <file|live>", 'spec file, or "live" to ask the service', "live")
    .addOption(formatOption(["pretty", "json", "markdown", "github"]))
    .action(async (specs: string[], options) => {
      const { runDiff } = await import("./commands/diff.js");
      process.exitCode = await runDiff({ ...options, specs }, start(options, setLogger, color));
    });

  program
    .command("can-deploy")
    .description("will the consumer's call sites work against the contract a service serves now (or against a deployed commit)? exit 1 names each call site that would break")
    .option("-c, --config <file>", "config file (default: sync-types.config.{ts,mts,mjs,js,json}, found upward)")
    .option("-s, --service <name...>", "only these services")
    .option("--live-url <url>", "the base URL one service answers on now (its openapiPath and headers apply)")
    .option("--live", "ask each service at its configured url, with its headers")
    .option("--consumer-ref <git-ref>", "judge the call sites as of this commit (the deployed app) instead of the working tree")
    .addOption(formatOption(["pretty", "json", "github", "markdown"]))
    .option("--verbose", "show each step")
    .option("--quiet", "print errors only")
    .configureOutput({ outputError: () => {} })
    .action(async (options) => {
      const { runCanDeploy } = await import("./commands/can-deploy.js");
      process.exitCode = await runCanDeploy(options, start(options, setLogger, color));
    });

  program
    .command("generate")
    .description("generate types and client from an OpenAPI file or URL, without a config")
    .argument("<spec>", "an OpenAPI 3.x JSON file or an http(s) URL")
    .requiredOption("-o, --output <dir>", "output folder")
    .option("--fakes", "also write fakes.gen.ts: a fetch answering like the service, for tests")
    .option("--verbose", "show each step")
    .option("--quiet", "print errors only")
    .action(async (spec: string, options: { output: string; fakes?: boolean; verbose?: boolean; quiet?: boolean }) => {
      const { runGenerate } = await import("./commands/generate.js");
      process.exitCode = await runGenerate(spec, options, start(options, setLogger, color));
    });

  program
    .command("pydantic")
    .description("write Pydantic v2 models from a TypeScript contract (or an OpenAPI / JSON Schema document)")
    .argument("<contract>", "a .ts module (its exported types) or an OpenAPI / JSON Schema file")
    .requiredOption("-o, --output <file>", "the .py module to write")
    .option("--types <names>", "only these types (comma-separated) and what they reference")
    .option("--tsconfig <file>", "tsconfig to resolve the contract with (default: nearest above it)")
    .option("--python <file>", "a service venv's python: its datamodel-code-generator is used when it is the pinned version")
    .option("--no-cache", "generate even when the contract's files did not change")
    .option("--verbose", "show each step")
    .option("--quiet", "print errors only")
    .action(async (contract: string, options: { output: string; types?: string; tsconfig?: string; python?: string; cache?: boolean; verbose?: boolean; quiet?: boolean }) => {
      const { runPydantic } = await import("./commands/pydantic.js");
      process.exitCode = await runPydantic(contract, options, start(options, setLogger, color));
    });

  program
    .command("fake")
    .description("serve each service's fake (fakes.gen.ts from its committed spec) over HTTP on loopback, with no Python")
    .option("-c, --config <file>", "config file (default: sync-types.config.{ts,mts,mjs,js,json}, found upward)")
    .option("-s, --service <name...>", "only these services")
    .option("--port <port>", "first port; each further service takes the next (default: free ports)")
    .option("--single-port", "every service on one port (--port, or a free one), each under /<service>/")
    .option("--watch", "reload a service's fake when its committed spec changes")
    .option("--verbose", "show each step")
    .option("--quiet", "print errors only")
    .action(async (options: { config?: string; service?: string[]; port?: string; singlePort?: boolean; watch?: boolean; verbose?: boolean; quiet?: boolean }) => {
      const { runFake } = await import("./commands/fake.js");
      process.exitCode = await runFake(options, start(options, setLogger, color));
    });

  program
    .command("init")
    .description("write sync-types.config.ts for the FastAPI apps found here (pm2 ecosystem, pyproject [tool.fastapi], FastAPI() in Python files) and the Node app that calls them")
    .option("-y, --yes", "write without asking, choosing as the rules below say (required when not on a terminal)")
    .option("--consumer <dir>", "the Node app that calls the services: clients go in <dir>/src/clients, <dir>/tsconfig.json checks the call sites")
    .option("--turbo", "also add per-service Turborepo tasks to turbo.json (and their package.json scripts); with an existing config, only that")
    .addOption(new Option("--breaking-policy <policy>", "breaking.policy to write").choices(["deploy-together", "independent"]))
    .option("--verbose", "show each step")
    .option("--quiet", "print errors only")
    .addHelpText("after", `
The Node app is found from pm2 apps that are not FastAPI, package.json/pnpm workspace packages and
tsconfig.json files in the project folder and the folders right below it. With several and no
terminal (or --yes), a pm2 app ranks first, then a workspace package, then any other folder with a
tsconfig.json, the project folder itself last, ties by path.
breaking.policy without a terminal (or with --yes): "deploy-together" when the app and every service
run from the same pm2 file, else "independent".
No FastAPI app found: exit 2.`)
    .action(async (options: { yes?: boolean; turbo?: boolean; consumer?: string; breakingPolicy?: "deploy-together" | "independent"; verbose?: boolean; quiet?: boolean }) => {
      const { runInit } = await import("./commands/init.js");
      const { consumer, breakingPolicy } = options;
      process.exitCode = await runInit({ yes: options.yes === true, turbo: options.turbo === true, ...(consumer ? { consumer } : {}), ...(breakingPolicy ? { breakingPolicy } : {}) }, start(options, setLogger, color));
    });

  const hook = program
    .command("hook")
    .description("git pre-commit hook: install it, or run what it runs")
    .action(() => hook.outputHelp());
  hook
    .command("install")
    .description("install the pre-commit hook (an existing one is kept and runs first); with husky, lefthook or pre-commit, print what to add there instead")
    .option("-c, --config <file>", "config file (default: sync-types.config.{ts,mts,mjs,js,json}, found upward)")
    .option("--fix", "the hook regenerates and stages stale files instead of refusing the commit")
    .option("--uninstall", "remove the hook and put back the one it replaced")
    .option("--verbose", "show each step")
    .option("--quiet", "print errors only")
    .action(async (options: { config?: string; fix?: boolean; uninstall?: boolean; verbose?: boolean; quiet?: boolean }) => {
      const { runHookInstall } = await import("./commands/hook.js");
      process.exitCode = await runHookInstall(options, start(options, setLogger, color));
    });
  hook
    .command("run")
    .description("check the staged contract of the services the staged files touch; exit 1 refuses the commit")
    .option("-c, --config <file>", "config file (default: sync-types.config.{ts,mts,mjs,js,json}, found upward)")
    .option("--fix", "regenerate stale files from the staged sources and git add them, instead of refusing")
    .option("--verbose", "show service output and each step")
    .option("--quiet", "print errors only")
    .addHelpText("after", `
Nothing staged belongs to a service (its watch globs, spec, generated files, or the config): exit 0 at once.
Partially staged files: the staged version is checked; unstaged changes are left aside.
SYNC_TYPES_ALLOW_BREAKING=1 lets breaking changes and broken call sites through (they are still printed);
with breaking.policy "deploy-together" a breaking change passes without it unless a call site breaks.
A stale staged spec or client is never let through: use --fix, or git commit --no-verify.`)
    .action(async (options: { config?: string; fix?: boolean; verbose?: boolean; quiet?: boolean }) => {
      const { runHookRun } = await import("./commands/hook.js");
      process.exitCode = await runHookRun(options, start(options, setLogger, color));
    });
  return program;
}

/** Options every service-running command shares. */
function withServiceOptions(command: Command): Command {
  return command
    .option("-c, --config <file>", "config file (default: sync-types.config.{ts,mts,mjs,js,json}, found upward)")
    .option("-s, --service <name...>", "only these services")
    .addOption(new Option("--source <kind>", "where specs come from, for every service").choices(["http", "import", "url"]))
    .option("--verbose", "show service output and each step")
    .option("--quiet", "print errors only")
    .configureOutput({ outputError: () => {} });
}

/** `--format`, defaulting to GitHub annotations inside GitHub Actions. */
function formatOption(choices: string[]): Option {
  const fallback = process.env["GITHUB_ACTIONS"] === "true" && choices.includes("github") ? "github" : "pretty";
  return new Option("--format <format>", "report format").choices(choices).default(fallback);
}

function start(options: { verbose?: boolean; quiet?: boolean }, setLogger: (logger: Logger) => void, color: boolean | undefined): Logger {
  const logger = loggerFor(options, color);
  setLogger(logger);
  return logger;
}

function loggerFor(options: { verbose?: boolean; quiet?: boolean }, color: boolean | undefined): Logger {
  if (options.verbose && options.quiet) throw new UsageError("--verbose and --quiet cannot be used together");
  return createLogger({ level: options.verbose ? "verbose" : options.quiet ? "quiet" : "normal", color });
}

function handleError(error: unknown, logger: Logger): number {
  if (isUsageError(error)) return reportUsageError(error, logger);
  if (error instanceof SyncTypesError) {
    const [first, ...rest] = describeError(error, logger);
    logger.error(first!);
    for (const line of rest) process.stderr.write(`  ${line}\n`);
    return error.exitCode;
  }
  logger.error(`internal error — this is a bug in sync-types, please report it:\n${(error as Error)?.stack ?? String(error)}`);
  return ExitCode.internal;
}

/**
 * A reader that went away (`sync-types hook run | head -1`) closes our stdout or stderr. What is
 * left to print has no one to read it; the run still goes on to its verdict (the exit code) and
 * its clean-up, instead of dying of an unhandled EPIPE with its services left to the watchdog.
 */
function ignoreClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
    });
  }
}

/** Processes get SIGTERM, then SIGKILL after 1.5 s; this bounds the whole clean-up. */
const CLEANUP_WAIT_MS = 3000;

/**
 * Ctrl-C or SIGTERM: run the clean-up registry (stop every process we started, remove temp
 * folders and files), then exit 130/143. A second signal exits at once; the `exit` handlers
 * still SIGKILL what is left and remove the registered paths.
 */
function installSignalHandlers(): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    const code = signal === "SIGINT" ? 130 : 143;
    if (stopping) process.exit(code);
    stopping = true;
    process.stderr.write(`\n${signal === "SIGINT" ? "interrupted" : "terminated"}: stopping services…\n`);
    void runCleanups(CLEANUP_WAIT_MS).finally(() => process.exit(code));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}
