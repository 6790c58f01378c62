import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { readRegularFile } from "../regular-file.js";
import { asCommitted } from "../line-endings.js";

/**
 * Writes through a temp file in the same folder and renames it into place: readers and a
 * killed run only ever see the old bytes or the new ones, never a torn file.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(temp, "w");
  try {
    await handle.writeFile(content, "utf8");
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** `label` names the setting or flag the path came from, for the error when it is not a regular file. */
/** A committed file's text as git stores it (line-endings.ts); undefined when there is none. */
export async function readCommitted(file: string, label?: string): Promise<string | undefined> {
  const text = await readTextIfExists(file, label);
  return text === undefined ? undefined : asCommitted(text);
}

export async function readTextIfExists(file: string, label?: string): Promise<string | undefined> {
  try {
    return await readRegularFile(file, label);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
