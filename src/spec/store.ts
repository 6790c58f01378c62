import { randomBytes } from "node:crypto";
import { closeSync, fsync, openSync, write } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { promisify } from "node:util";
import { registerPath } from "../cleanup.js";
import { readRegularFile } from "../regular-file.js";
import { asCommitted } from "../line-endings.js";

const writeAll = promisify(write);
const fsyncAsync = promisify(fsync);

/**
 * Writes through a temp file in the same folder and renames it into place: readers and a
 * killed run only ever see the old bytes or the new ones, never a torn file.
 *
 * The temp file is created and registered for removal in one synchronous step, so a run that
 * exits mid-write (Ctrl-C lets the pipeline go on while services stop, then exits) removes it in
 * its `exit` handler: no `.tmp` is ever left beside the user's files.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  // "wx": never through something already at that name (a link planted there is refused, not followed, nor removed).
  const fd = openSync(temp, "wx");
  const release = registerPath(temp);
  try {
    try {
      const bytes = Buffer.from(content, "utf8");
      for (let done = 0; done < bytes.length; ) done += (await writeAll(fd, bytes, done, bytes.length - done)).bytesWritten;
      await fsyncAsync(fd);
    } finally {
      closeSync(fd);
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    release();
  }
}

/** A committed file's text as git stores it (line-endings.ts); undefined when there is none. */
export async function readCommitted(file: string, label?: string): Promise<string | undefined> {
  const text = await readTextIfExists(file, label);
  return text === undefined ? undefined : asCommitted(text);
}

/** `label` names the setting or flag the path came from, for the error when it is not a regular file. */
export async function readTextIfExists(file: string, label?: string): Promise<string | undefined> {
  try {
    return await readRegularFile(file, label);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
