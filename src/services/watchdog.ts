import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";
import { OWNER_VAR } from "./process-tree.js";

/** This run's token; each service gets `<run>.<n>` (see process-tree.ts). */
export const RUN_TOKEN = `${process.pid}-${randomBytes(6).toString("hex")}`;

/** Compiled with the rest; found the same way from src/ (tests) and dist/. */
const SCRIPT = join(PACKAGE_ROOT, "dist/src/services/watchdog-main.js");

let watchdog: ChildProcess | undefined;

/**
 * Starts the run's watchdog (once). Called before each service is spawned, never after: a kill
 * between a first service's spawn and the watchdog's would leave that service with no one to stop
 * it. No wait for it to be ready: once spawned it holds the pipe's read end, so it sees EOF
 * whenever we die, and finds by token (Linux) a service spawned before its group was announced.
 */
export function ensureWatchdog(): void {
  watchdog ??= startWatchdog();
}

/** Tells the watchdog about a service's process group (ensureWatchdog came first). */
export function watchGroup(pgid: number): void {
  ensureWatchdog();
  write(`+${pgid}\n`);
}

/** The group was stopped: its id may be reused by an unrelated process later. */
export function forgetGroup(pgid: number): void {
  write(`-${pgid}\n`);
}

/**
 * Every process of the run was stopped (and its token swept): the watchdog need not scan for any
 * once we are gone. Said only at exit; if the line does not get through, it reaps as after a crash.
 */
export function releaseWatchdog(): void {
  write(".\n");
}

function write(line: string): void {
  if (watchdog?.stdin?.writable) watchdog.stdin.write(line);
}

/**
 * Where the watchdog runs: any POSIX system, as it needs only a pipe's EOF and process groups.
 * On Linux it also finds a service's daemons by token (process-tree.ts); on macOS and the BSDs it
 * kills the groups it was told of. Windows has neither process groups nor signals: no watchdog.
 */
export function watchdogRuns(platform: NodeJS.Platform = process.platform): boolean {
  return platform !== "win32";
}

function startWatchdog(): ChildProcess | undefined {
  if (!watchdogRuns() || !existsSync(SCRIPT)) return undefined;
  const env = { ...process.env };
  delete env[OWNER_VAR];
  const child = spawn(process.execPath, [SCRIPT, RUN_TOKEN], {
    cwd: "/",
    env,
    detached: true,
    stdio: ["pipe", "ignore", "ignore"],
  });
  child.on("error", () => undefined);
  child.stdin?.on("error", () => undefined);
  // Neither the watchdog nor its pipe may keep sync-types alive.
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return child;
}
