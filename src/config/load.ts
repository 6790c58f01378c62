import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createRequire, register } from "node:module";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError, errorMessage } from "../errors.js";
import { PACKAGE_ROOT } from "../package-root.js";
import { projectCacheDir } from "../project-cache.js";
import { assertRegularFileSync, readRegularFile } from "../regular-file.js";
import { directModule } from "./direct-import.js";

export const CONFIG_NAMES = [
  "sync-types.config.ts",
  "sync-types.config.mts",
  "sync-types.config.mjs",
  "sync-types.config.js",
  "sync-types.config.json",
];

/** The config file named by `-c`, or the first one found from `cwd` upward. */
export function findConfig(cwd: string, explicit?: string): string {
  if (explicit) {
    const file = resolve(cwd, explicit);
    if (!existsSync(file)) throw new ConfigError(`config file not found: ${file}`, { hint: "check the -c/--config path" });
    assertRegularFileSync(file, "--config");
    return file;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const file = join(dir, name);
      if (existsSync(file)) {
        assertRegularFileSync(file, "config");
        return file;
      }
    }
    if (dirname(dir) === dir) break;
  }
  throw new ConfigError(`no sync-types config found in ${cwd} or any parent folder`, {
    hint: `run \`sync-types init\` to write ${CONFIG_NAMES[0]} from the services it finds, or pass -c <file>`,
  });
}

/** A config still loading after this long is reported; one that can never settle is reported at once. */
export const CONFIG_TIMEOUT_MS = 30_000;

/** Loads the raw default export of a config file; validation happens after. */
export async function loadConfigFile(file: string, timeoutMs = CONFIG_TIMEOUT_MS): Promise<unknown> {
  // Node's loader reads a module with a plain blocking open: a FIFO must be refused before import().
  if (file.endsWith(".json")) return parseJsonConfig(file, await readRegularFile(file, "config"));
  assertRegularFileSync(file, "config");
  return settleWithin(file, evaluate(file), timeoutMs);
}

async function evaluate(file: string): Promise<unknown> {
  const loaded = file.endsWith(".ts") || file.endsWith(".mts") ? await importTypeScript(file) : await importModule(file);
  const value = (loaded as { default?: unknown }).default;
  if (value === undefined) throw new ConfigError(`${file} has no default export`, { file, hint: "export default defineConfig({ ... })" });
  if (typeof value !== "function") return value;
  try {
    return await (value as () => unknown)();
  } catch (error) {
    throw new ConfigError(`${file}: its default export function failed: ${describeThrown(error)}`, {
      file,
      hint: "fix the config function; it runs each time the config is loaded",
    });
  }
}

/**
 * A config that awaits something that never comes would hang the run. `beforeExit` fires when
 * nothing else is pending, i.e. it can never settle: say so at once. A config that keeps the
 * event loop busy meanwhile (a timer, a socket) is reported after `timeoutMs`.
 */
function settleWithin<T>(file: string, work: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const fail = (why: string) =>
      reject(new ConfigError(`${file} did not finish loading: ${why}`, {
        file,
        hint: "the config's top-level await or its default export function waits for something that never comes",
      }));
    const onIdle = () => fail("it waits on a promise that nothing will ever settle");
    const timer = setTimeout(() => fail(`still pending after ${timeoutMs} ms`), timeoutMs);
    timer.unref();
    process.on("beforeExit", onIdle);
    work.then(resolve, reject).finally(() => {
      clearTimeout(timer);
      process.off("beforeExit", onIdle);
    });
  });
}

/** What a config threw, readable even when it is not an Error (`throw null`, `throw "x"`, `throw {…}`). */
export function describeThrown(value: unknown): string {
  if (value instanceof Error) return value.message ? `${value.name}: ${value.message}` : value.name;
  if (value === null || value === undefined) return `it threw ${String(value)} (not an Error)`;
  if (typeof value === "string") return `it threw the string ${JSON.stringify(value.slice(0, 200))}`;
  let shown: string;
  try {
    shown = JSON.stringify(value) ?? String(value);
  } catch {
    shown = Object.prototype.toString.call(value);
  }
  return `it threw ${shown.slice(0, 200)} (not an Error)`;
}

function parseJsonConfig(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON: ${errorMessage(error)}`, { file });
  }
}

/** Imports `file`, or the module that stands for it (`from`), reporting failures as the config's. */
async function importModule(file: string, from = file): Promise<unknown> {
  try {
    return await import(`${pathToFileURL(from).href}${await freshQuery(file)}`);
  } catch (error) {
    throw importFailure(file, error);
  }
}

/** The mtime query defeats the ESM cache so watch mode sees edits; a whole number, as a dot in it reads as an extension to some loaders (vite). */
async function freshQuery(file: string): Promise<string> {
  const { mtimeMs } = await stat(file);
  return `?t=${Math.round(mtimeMs * 1000)}`;
}

let hooksRegistered = false;

/**
 * Registers the module hooks that load TypeScript configs (once per process). `cache`: where
 * they keep stripped sources by content, so that an unchanged config loads without amaro.
 */
export function registerTypeScriptHooks(cache?: string): void {
  if (hooksRegistered) return;
  const { entry, version } = amaro();
  register(pathToFileURL(join(PACKAGE_ROOT, "src/config/ts-hooks.mjs")).href, { data: { amaro: pathToFileURL(entry).href, version, cache } });
  hooksRegistered = true;
}

let amaroFound: { entry: string; version: string } | undefined;

/** amaro's entry and version, resolved from sync-types itself (the version keys the stripped sources). */
function amaro(): { entry: string; version: string } {
  if (amaroFound) return amaroFound;
  const entry = createRequire(import.meta.url).resolve("amaro");
  const { version } = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8")) as { version: string };
  amaroFound = { entry, version };
  return amaroFound;
}

/** Where the hooks keep `source` stripped: the same key as ts-hooks.mjs' `cacheFile`. */
function strippedFile(cache: string, source: string): string {
  return join(cache, `${createHash("sha256").update(`${amaro().version}\0${source}`).digest("hex")}.js`);
}

/**
 * The project's own cache folder (beside the spec cache), or none: stripped code is run, so it
 * is never kept in a temp folder other users could write to.
 */
function strippedConfigCache(file: string): string | undefined {
  const project = projectCacheDir(dirname(file));
  return project === undefined ? undefined : join(project, "config");
}

/**
 * A TypeScript config is loaded by module hooks that strip its types in memory (ts-hooks.mjs):
 * no file is written next to it, and its imports resolve from its own folder as written. Once
 * its stripped source is cached, a config that provably loads the same without them is imported
 * from the cache directly (direct-import.ts).
 */
async function importTypeScript(file: string): Promise<unknown> {
  const cache = strippedConfigCache(file);
  const direct = cache === undefined ? undefined : await directModule(file, strippedFile(cache, await readFile(file, "utf8")));
  if (direct === undefined) registerTypeScriptHooks(cache);
  return importModule(file, direct);
}

/** Why a config could not be imported, with the fix when it is a known setup mistake. */
function importFailure(file: string, error: unknown): ConfigError {
  const what = error instanceof Error ? errorMessage(error) : describeThrown(error);
  // The type-stripping hooks put the position first.
  if (what.startsWith(`${file}:`)) {
    const erasable = /not supported in strip-only mode/.test(what)
      ? "only erasable TypeScript is loaded: use a union of strings or an `as const` object instead of an enum, and no namespaces or constructor parameter properties"
      : undefined;
    return new ConfigError(what, erasable ? { file, hint: erasable } : { file });
  }
  const missing = /Cannot find package '([^']+)'/.exec(what)?.[1];
  if (missing === "sync-types") {
    return new ConfigError(`${file} imports "sync-types", which cannot be found from ${dirname(file)}`, {
      file,
      hint: "install it in this project (npm install --save-dev sync-types), or drop the import: `export default { services: { … } }` needs no defineConfig",
    });
  }
  return new ConfigError(`could not load ${file}: ${what}`, { file });
}
