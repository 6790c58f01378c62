import { existsSync } from "node:fs";
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { registerPath } from "../cleanup.js";
import { ConfigError, errorMessage } from "../errors.js";

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
    return file;
  }
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    for (const name of CONFIG_NAMES) {
      const file = join(dir, name);
      if (existsSync(file)) return file;
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
  if (file.endsWith(".json")) return parseJsonConfig(file, await readFile(file, "utf8"));
  return settleWithin(file, evaluate(file), timeoutMs);
}

async function evaluate(file: string): Promise<unknown> {
  const loaded = file.endsWith(".ts") || file.endsWith(".mts") ? await importTypeScript(file) : await importModule(file, file);
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

/** Imports `file`; errors name `shownAs`, the file the user wrote. */
async function importModule(file: string, shownAs: string): Promise<unknown> {
  // The mtime query defeats the ESM cache so watch mode sees edits.
  const { mtimeMs } = await stat(file);
  try {
    return await import(`${pathToFileURL(file).href}?t=${mtimeMs}`);
  } catch (error) {
    const what = error instanceof Error ? errorMessage(error) : describeThrown(error);
    throw new ConfigError(`could not load ${shownAs}: ${what}`, { file: shownAs });
  }
}

/**
 * Transpiles a TypeScript config with the compiler we already depend on (no extra loader),
 * next to the original so its relative and package imports resolve as written.
 */
async function importTypeScript(file: string): Promise<unknown> {
  const ts = (await import("typescript")).default;
  const source = await readFile(file, "utf8");
  const output = ts.transpileModule(source, {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, sourceMap: false },
  });
  const syntaxError = output.diagnostics?.find((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntaxError) {
    const where = syntaxError.file && syntaxError.start !== undefined
      ? syntaxError.file.getLineAndCharacterOfPosition(syntaxError.start)
      : undefined;
    const at = where ? `:${where.line + 1}:${where.character + 1}` : "";
    throw new ConfigError(`${file}${at}: ${ts.flattenDiagnosticMessageText(syntaxError.messageText, "\n")}`, { file });
  }
  await removeStaleTranspiled(file);
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.mjs`);
  // Registered before it exists: a signal between the write and the import must not leave it.
  const release = registerPath(temp);
  await writeFile(temp, output.outputText);
  try {
    return await importModule(temp, file);
  } finally {
    await rm(temp, { force: true });
    release();
  }
}

/** Transpiled copies left by a run that was SIGKILLed while importing: their pid is gone. */
async function removeStaleTranspiled(file: string): Promise<void> {
  const prefix = `.${basename(file)}.`;
  const names = await readdir(dirname(file)).catch(() => [] as string[]);
  for (const name of names) {
    const pid = name.startsWith(prefix) ? /^(\d+)\.\d+\.mjs$/.exec(name.slice(prefix.length))?.[1] : undefined;
    if (pid !== undefined && !isAlive(Number(pid))) await rm(join(dirname(file), name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
