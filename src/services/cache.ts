import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { readFile, realpath } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ResolvedService } from "../config/types.js";
import { projectCacheDir } from "../project-cache.js";
import { readTextIfExists, writeFileAtomic } from "../spec/store.js";
import type { Json } from "../spec/types.js";
import { VERSION } from "../version.js";

/** Never part of a service's contract inputs. */
export const IGNORED_DIRS = ["**/.venv/**", "**/venv/**", "**/__pycache__/**", "**/node_modules/**", "**/.git/**", "**/.mypy_cache/**", "**/.pytest_cache/**"];

/**
 * What a service's spec depends on: its sources and requirements (the `watch` globs), its
 * interpreter and venv, and the options that change what it serves. Same key, same spec.
 * `url` services are never cached: their code is not ours to hash.
 */
export async function specCacheKey(service: ResolvedService, source: string, version: string): Promise<string | undefined> {
  if (source === "url") return undefined;
  const hash = createHash("sha256");
  const add = (label: string, value: string) => hash.update(`${label}\0${value}\0`);
  add("sync-types", version);
  add("options", JSON.stringify([source, service.app, service.start, service.openapiPath, Object.entries(service.env).sort(), Object.entries(service.streams).sort()]));
  const python = await realpath(service.python).catch(() => service.python);
  add("python", python);
  add("pyvenv", (await readTextIfExists(join(dirname(dirname(service.python)), "pyvenv.cfg"))) ?? "");
  // Loaded here: a run that extracts without the cache spawns its services without it.
  const { glob } = await import("tinyglobby");
  const files = await glob(service.watch, { cwd: service.dir, ignore: IGNORED_DIRS, dot: true, onlyFiles: true });
  for (const file of files.sort()) add(file, createHash("sha256").update(await readFile(join(service.dir, file))).digest("hex"));
  return hash.digest("hex");
}

/** Cached raw specs live in the nearest `node_modules/.cache/sync-types` (else the temp dir). */
export function cacheDir(root: string): string {
  return projectCacheDir(root) ?? join(tmpdir(), "sync-types-cache", createHash("sha256").update(root).digest("hex").slice(0, 16));
}

/** What extraction produced for a service: its spec and, when configured, its stream models' schemas. */
export interface Extracted {
  spec: Json;
  streams: Record<string, Json> | undefined;
}

interface CacheEntry extends Extracted {
  key: string;
}

export async function readCachedSpec(dir: string, service: string, key: string): Promise<Extracted | undefined> {
  const text = await readTextIfExists(join(dir, `${service}.json`));
  if (text === undefined) return undefined;
  try {
    const entry = JSON.parse(text) as CacheEntry;
    return entry.key === key ? { spec: entry.spec, streams: entry.streams ?? undefined } : undefined;
  } catch {
    return undefined; // a damaged entry is a miss, never an error
  }
}

export async function writeCachedSpec(dir: string, service: string, key: string, extracted: Extracted): Promise<void> {
  await writeFileAtomic(join(dir, `${service}.json`), JSON.stringify({ key, ...extracted } satisfies CacheEntry));
}

/**
 * What our own code contributes to a content key: the version, and when this module was built
 * (every build writes every file), so that a development build never reuses verdicts or files
 * an earlier build of the same version made. An installed package keeps its files' times.
 */
export const BUILD = `${VERSION}@${statSync(fileURLToPath(import.meta.url)).mtimeMs}`;

/**
 * A key over `parts` (versions, options, canonical text): the same parts, the same key; a key
 * never covers anything that is not in its parts.
 */
export function contentKey(...parts: string[]): string {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(`${part.length}\0${part}\0`);
  return hash.digest("hex");
}

/**
 * Results keyed by content (`validated/<key>.json`, `generated/<key>.json`), beside the cached
 * specs: an entry is right for its key whatever wrote it, so entries are never invalidated, only
 * missed. A damaged or unreadable entry is a miss.
 */
export async function readCacheEntry<T>(dir: string, kind: string, key: string): Promise<T | undefined> {
  try {
    const text = await readTextIfExists(join(dir, kind, `${key}.json`));
    return text === undefined ? undefined : (JSON.parse(text) as T);
  } catch {
    return undefined;
  }
}

/** The cache is an optimisation: failing to write an entry never fails the run. */
export async function writeCacheEntry(dir: string, kind: string, key: string, value: unknown): Promise<void> {
  await writeFileAtomic(join(dir, kind, `${key}.json`), JSON.stringify(value)).catch(() => undefined);
}
