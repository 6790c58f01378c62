/**
 * The output manifest: which files of an output folder sync-types wrote, and the SHA-256 of the
 * bytes it wrote. It is what ownership rests on: a file it does not list is the user's, and is
 * never overwritten or removed. Committed beside the generated files, so its bytes are
 * deterministic (sorted, 2-space JSON, trailing newline) and hold no tool version: an upgrade
 * that generates the same files leaves it untouched. A client that imports a shared runtime also
 * records that runtime's folder (`sharedRuntime`), so that once the option is gone the shared
 * copy can be found and removed, by the rules of that folder's own manifest.
 */
import { createHash } from "node:crypto";
import { posix } from "node:path";
import type { GeneratedFile } from "./file.js";

export const MANIFEST_FILE = "sync-types.manifest.json";

const ABOUT = "Files sync-types generated in this folder, with the SHA-256 of their bytes. sync-types overwrites or removes only the files listed here. Generated: do not edit.";

/** Path (relative to the output folder, `/`-separated) → SHA-256 hex of the bytes written. */
export type ManifestEntries = Record<string, string>;

export function hashContent(content: string): string {
  return createHash("sha256").update(content, "utf8").digest("hex");
}

export function manifestEntries(files: GeneratedFile[]): ManifestEntries {
  return Object.fromEntries(files.map((file) => [file.path, hashContent(file.content)]));
}

/** `sharedRuntime`: the folder of the runtime the clients import, relative to this folder, `/`-separated. */
export function serializeManifest(entries: ManifestEntries, sharedRuntime?: string): string {
  const files = Object.fromEntries(Object.keys(entries).sort().map((path) => [path, entries[path]!]));
  return `${JSON.stringify({ about: ABOUT, files, ...(sharedRuntime === undefined ? {} : { sharedRuntime }) }, null, 2)}\n`;
}

/**
 * The entries of a manifest's text, or why it cannot be trusted (a merge conflict, a hand edit).
 * An entry that could reach outside the folder makes the whole manifest untrusted: listing
 * `../../.env` with its hash must never get that file removed.
 */
export function parseManifest(text: string): { entries: ManifestEntries; sharedRuntime: string | undefined } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { problem: "it is not JSON (a merge conflict?)" };
  }
  const files = (parsed as { files?: unknown } | null)?.files;
  if (typeof files !== "object" || files === null || Array.isArray(files)) return { problem: 'it has no "files" object' };
  const sharedRuntime = (parsed as { sharedRuntime?: unknown }).sharedRuntime;
  if (sharedRuntime !== undefined && typeof sharedRuntime !== "string") return { problem: '"sharedRuntime" is not a folder path' };
  // No prototype: a file named `__proto__` or `constructor` is an entry like any other.
  const entries: ManifestEntries = Object.create(null);
  for (const [path, hash] of Object.entries(files)) {
    if (!isPlainRelativePath(path) || path === MANIFEST_FILE) return { problem: `it lists ${JSON.stringify(path)}, which is not a file inside the folder` };
    if (typeof hash !== "string" || !/^[0-9a-f]{64}$/.test(hash)) return { problem: `the hash of ${JSON.stringify(path)} is not a SHA-256 hex digest` };
    entries[path] = hash;
  }
  return { entries, sharedRuntime };
}

/** `a.ts` or `sub/a.ts`: relative, `/`-separated, already normalized, never leaving the folder. */
export function isPlainRelativePath(path: string): boolean {
  if (path === "" || path.includes("\\") || path.includes("\0") || posix.isAbsolute(path)) return false;
  return posix.normalize(path) === path && !path.split("/").some((part) => part === ".." || part === "." || part === "");
}
