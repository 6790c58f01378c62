/**
 * Every file a user names (config, env file, spec, diff and generate arguments) is read here.
 * Opening a FIFO for reading blocks until a writer comes, in a thread no timeout or signal can
 * free: even `process.exit` then waits for it. So a path that is not a regular file is refused
 * from its `stat`, before any open; the open itself is non-blocking and checked again, so a
 * file swapped for a FIFO in between is refused too.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync, type Stats } from "node:fs";
import { open, stat } from "node:fs/promises";
import { UsageError } from "./errors.js";

/** What a non-regular file is, in words; undefined for a regular file. */
export function nonRegularKind(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return "a directory";
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  return "not a regular file";
}

/** `label` says where the path came from (`services.api.spec`, `--base`); the path is always shown. */
export function notRegularFile(path: string, kind: string, label?: string): UsageError {
  return new UsageError(`${label ? `${label}: ` : ""}${path} is ${kind}, not a regular file`, "point it at a regular file (sync-types never reads pipes, sockets, devices or directories)");
}

// O_NONBLOCK: an open that races a swap to a FIFO returns at once instead of waiting for a writer.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Throws the usage error when `path` exists and is not a regular file; a missing path passes (the caller's read reports it). */
export async function assertRegularFile(path: string, label?: string): Promise<void> {
  const stats = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw error;
  });
  const kind = stats && nonRegularKind(stats);
  if (kind) throw notRegularFile(path, kind, label);
}

export function assertRegularFileSync(path: string, label?: string): void {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const kind = nonRegularKind(stats);
  if (kind) throw notRegularFile(path, kind, label);
}

/** Reads a user-named file as text, refusing anything but a regular file without blocking on it. */
export async function readRegularFile(path: string, label?: string): Promise<string>;
export async function readRegularFile(path: string, label: string | undefined, encoding: null): Promise<Buffer>;
export async function readRegularFile(path: string, label?: string, encoding: "utf8" | null = "utf8"): Promise<string | Buffer> {
  await assertRegularFile(path, label);
  const handle = await open(path, READ_FLAGS);
  try {
    const kind = nonRegularKind(await handle.stat());
    if (kind) throw notRegularFile(path, kind, label);
    const bytes = await handle.readFile();
    return encoding === null ? bytes : bytes.toString("utf8");
  } finally {
    await handle.close();
  }
}

export function readRegularFileSync(path: string, label?: string): string {
  assertRegularFileSync(path, label);
  const fd = openSync(path, READ_FLAGS);
  try {
    const kind = nonRegularKind(fstatSync(fd));
    if (kind) throw notRegularFile(path, kind, label);
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}
