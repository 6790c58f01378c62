import type { Command } from "commander";
import { ExitCode } from "../errors.js";
import type { Logger } from "../logger.js";

/** Appended to the top-level `--help`: scripts and CI branch on these. */
export const EXIT_CODES_HELP = `
Exit codes:
  0   in sync (or nothing to do)
  1   contract problem: stale spec or client, breaking change, broken call site
  2   bad usage or config
  3   a service could not be started or its spec not obtained
  70  internal error (a bug in sync-types: please report it)

Colour: off when not a terminal, with --no-color or NO_COLOR=1; FORCE_COLOR=1 forces it.`;

/** A commander parse error, tagged with the command it happened in. */
interface UsageFailure extends Error {
  code: string;
  commandPath?: string;
}

/**
 * Every command of the program: errors come back as exceptions for the one catch site (no help
 * dump, no `process.exit`), `--no-color` is accepted wherever it is put, and a word that is not
 * a subcommand of a command with its own action (`sync-types chek`) is named as an unknown
 * command with a suggestion, not as "too many arguments".
 */
export function withUsageErrors(program: Command): Command {
  configure(program, program.name());
  return program;
}

function configure(command: Command, path: string): void {
  command
    .exitOverride((error) => {
      throw Object.assign(error, { commandPath: path });
    })
    .configureOutput({ outputError: () => {} })
    .showSuggestionAfterError()
    .option("--no-color", "no colours in the output (as NO_COLOR=1)");
  if (command.commands.length > 0) {
    command.allowExcessArguments();
    command.hook("preAction", (_self, action) => {
      const [word] = action.args;
      if (action === command && word !== undefined) {
        const suggestion = closest(word, command.commands.map((c) => c.name()));
        action.error(`error: unknown command '${word}'${suggestion ? `\n(Did you mean ${suggestion}?)` : ""}`, {
          code: "commander.unknownCommand",
          exitCode: ExitCode.usage,
        });
      }
    });
  }
  for (const sub of command.commands) configure(sub, `${path} ${sub.name()}`);
}

export function isUsageError(error: unknown): error is UsageFailure {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && code.startsWith("commander.");
}

/** One line for the error, one for the suggestion, one for where the usage is: never the whole help. */
export function reportUsageError(error: UsageFailure, logger: Logger): number {
  if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return ExitCode.ok;
  const [first = "", ...rest] = error.message.replace(/^error: /, "").split("\n");
  logger.error(first);
  for (const line of rest) {
    const suggestion = /^\(Did you mean (.+)\?\)$/.exec(line.trim());
    process.stderr.write(`  ${suggestion ? `did you mean ${suggestion[1]}?` : line}\n`);
  }
  process.stderr.write(`  see \`${error.commandPath ?? "sync-types"} --help\` for usage\n`);
  return ExitCode.usage;
}

/** `false` for `--no-color` before any `--`; otherwise left to NO_COLOR, FORCE_COLOR and the terminal. */
export function colorFlag(argv: readonly string[]): false | undefined {
  const end = argv.indexOf("--");
  return (end < 0 ? argv : argv.slice(0, end)).includes("--no-color") ? false : undefined;
}

/** The candidate within a small edit distance of `word` (as commander suggests options), if any. */
function closest(word: string, candidates: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(word, name);
    const similar = (Math.max(word.length, name.length) - distance) / Math.max(word.length, name.length) > 0.4;
    if (similar && distance <= 3 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Damerau–Levenshtein (optimal string alignment): a swapped pair of letters is one typo. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
