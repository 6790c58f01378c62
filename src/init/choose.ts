import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import type { BreakingPolicy } from "../config/types.js";
import { UsageError } from "../errors.js";
import type { Logger } from "../logger.js";
import { CONSUMER_RULE, CONSUMER_SOURCES, discoverConsumers } from "./consumers.js";
import type { Discovery } from "./discover.js";
import { relativePath } from "./service-entry.js";

/** How `init` asks; `ask` resolves to the line typed, or `undefined` when input ended or was cancelled. */
export interface Prompt {
  /** Ask at all: a terminal and no `--yes`. */
  interactive: boolean;
  ask(question: string): Promise<string | undefined>;
}

/** The app the clients go in. */
export interface ChosenConsumer {
  dir: string;
  /** Absent when `--consumer` names a folder without a tsconfig.json. */
  tsconfig: string | undefined;
  pm2File: string | undefined;
}

/** The user stopped answering (Ctrl-C, end of input): nothing is written. */
export const CANCELLED = Symbol("cancelled");

/**
 * The Node/TypeScript app that calls the services: `--consumer`, the only candidate, the one the
 * user picks, or without a prompt the first by CONSUMER_RULE, said with how to choose another.
 * `undefined`: none found, and today's layout (clients under the project's `src/clients`) stays.
 */
export async function chooseConsumer(
  root: string,
  discovery: Pick<Discovery, "services" | "otherPm2Apps">,
  given: string | undefined,
  prompt: Prompt,
  logger: Logger,
): Promise<ChosenConsumer | undefined | typeof CANCELLED> {
  const label = (dir: string) => (dir === root ? "the project folder" : `${relativePath(root, dir)}/`);
  if (given !== undefined) {
    const dir = resolve(root, given);
    if (!isDirectory(dir)) throw new UsageError(`--consumer ${given}: ${dir} is not a folder`, "name the folder of the Node app that calls the services");
    const tsconfig = join(dir, "tsconfig.json");
    const found = existsSync(tsconfig);
    logger.info(`Node/TypeScript app: ${label(dir)} (--consumer)`);
    if (!found) logger.warn(`${tsconfig} does not exist: call sites will not be type-checked until typecheck.tsconfig names the app's tsconfig`);
    return { dir, tsconfig: found ? tsconfig : undefined, pm2File: discovery.otherPm2Apps.find((a) => a.cwd === dir)?.pm2File };
  }
  const candidates = discoverConsumers(root, discovery);
  if (candidates.length === 0) {
    logger.info(`No Node/TypeScript app found: looked for ${CONSUMER_SOURCES}.`);
    logger.info("Clients go in src/clients/<service> and call sites are not type-checked; run init again with --consumer <dir> to put them in your app.");
    return undefined;
  }
  const describe = (i: number) => `${label(candidates[i]!.dir)}  ${logger.paint.dim(`(${candidates[i]!.foundIn.join("; ")})`)}`;
  if (candidates.length === 1) {
    logger.info(`Node/TypeScript app: ${describe(0)}`);
    return candidates[0];
  }
  logger.info(`Found ${candidates.length} Node/TypeScript apps that may call them:`);
  candidates.forEach((_, i) => logger.info(`  ${i + 1}) ${describe(i)}`));
  if (!prompt.interactive) {
    logger.info(`Chose 1) ${label(candidates[0]!.dir)}: ${CONSUMER_RULE}. Choose another with --consumer <dir>.`);
    return candidates[0];
  }
  const picked = await pick(prompt, `Which app calls the services? Its clients go in its src/clients. [1-${candidates.length}, Enter = 1] `, candidates.length, 1);
  return picked === CANCELLED ? CANCELLED : candidates[picked - 1];
}

const POLICIES: BreakingPolicy[] = ["deploy-together", "independent"];

/**
 * `breaking.policy`: `--breaking-policy`, the user's answer, or without a prompt
 * `deploy-together` when one pm2 file runs the app and every service (one checkout, one
 * `pm2 reload`: they cannot ship apart), else `independent`, which never lets a break through unasked.
 */
export async function choosePolicy(
  consumer: ChosenConsumer,
  discovery: Pick<Discovery, "services">,
  given: BreakingPolicy | undefined,
  prompt: Prompt,
  logger: Logger,
): Promise<BreakingPolicy | typeof CANCELLED> {
  if (given) {
    logger.info(`breaking.policy: "${given}" (--breaking-policy)`);
    return given;
  }
  const file = consumer.pm2File;
  const together = file !== undefined && discovery.services.every((s) => s.pm2Files.includes(file));
  const suggested: BreakingPolicy = together ? "deploy-together" : "independent";
  if (!prompt.interactive) {
    const why = together
      ? "the app and every service run from the same pm2 file, so they deploy together"
      : "nothing shows the app and every service deploy together, so a breaking change waits to be accepted";
    logger.info(`breaking.policy: "${suggested}": ${why}. Set it with --breaking-policy deploy-together|independent.`);
    return suggested;
  }
  logger.info("Does the app deploy together with the services?");
  logger.info("  1) deploy-together: yes; a breaking change fails only when a call site in the app stops compiling");
  logger.info("  2) independent: not always; a breaking change fails until accepted (breaking.ignore, or SYNC_TYPES_ALLOW_BREAKING=1 in the hook)");
  const picked = await pick(prompt, `[1-2, Enter = ${POLICIES.indexOf(suggested) + 1}] `, 2, POLICIES.indexOf(suggested) + 1);
  return picked === CANCELLED ? CANCELLED : POLICIES[picked - 1]!;
}

/** A number in 1..count, Enter for the default; asked again on anything else. */
async function pick(prompt: Prompt, question: string, count: number, fallback: number): Promise<number | typeof CANCELLED> {
  for (;;) {
    const answer = await prompt.ask(question);
    if (answer === undefined) return CANCELLED;
    const text = answer.trim();
    if (text === "") return fallback;
    const n = Number(text);
    if (Number.isInteger(n) && n >= 1 && n <= count) return n;
    question = `Please type a number from 1 to ${count}: `;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
