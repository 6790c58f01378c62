/**
 * What the entry does before the CLI loads. A run of the default command (a sync, or `--watch`)
 * starts services, and the watchdog they need is a Node process whose own start-up costs about
 * as much CPU as sync-types' does. Started here, that start-up runs on another core while this
 * process loads the CLI and its config; started beside the first service, it took CPU from the
 * services' Python, which on 2 cores is the whole machine (the README's start-up figures, before
 * and after, come from `node bench/run.mjs --only=startup`).
 *
 * Only argv is read, so the guess can be wrong both ways, never harmfully: a watchdog started for
 * nothing (all services `url`, a usage error) sees the run end and exits; a run not guessed here
 * starts its watchdog with its first service, as every other command does.
 */
/** The CLI's subcommands (cli/index.ts); a test holds the two lists equal. */
export const SUBCOMMANDS = ["check", "diff", "can-deploy", "generate", "pydantic", "fake", "init", "hook"];

/** Commander's own `help` command and the flags that print and exit. */
const NO_RUN = new Set(["help", "-h", "--help", "-V", "--version", "--source=url"]);

/** True when `argv` (node, script, ...args) runs the default command with services to start. */
export function startsServices(argv: readonly string[]): boolean {
  const args = argv.slice(2);
  if (args.some((arg, i) => NO_RUN.has(arg) || SUBCOMMANDS.includes(arg) || (arg === "--source" && args[i + 1] === "url"))) return false;
  return true;
}

/** Loads the watchdog's module only for a run that starts services: `--version` stays as light as it was. */
export async function beforeCli(argv: readonly string[]): Promise<void> {
  if (!startsServices(argv)) return;
  const { ensureWatchdog } = await import("../services/watchdog.js");
  try {
    ensureWatchdog();
  } catch {
    // Nothing here may fail a run: its first service starts the watchdog (and reports what stops it).
  }
}
