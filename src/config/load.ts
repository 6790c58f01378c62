import { existsSync } from "node:fs";
import { readFile, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
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
    hint: `create ${CONFIG_NAMES[0]} (see the README), or pass -c <file>`,
  });
}

/** Loads the raw default export of a config file; validation happens after. */
export async function loadConfigFile(file: string): Promise<unknown> {
  if (file.endsWith(".json")) return parseJsonConfig(file, await readFile(file, "utf8"));
  const loaded = file.endsWith(".ts") || file.endsWith(".mts") ? await importTypeScript(file) : await importModule(file);
  const value = (loaded as { default?: unknown }).default;
  if (value === undefined) throw new ConfigError(`${file} has no default export`, { file, hint: "export default defineConfig({ ... })" });
  return typeof value === "function" ? await (value as () => unknown)() : value;
}

function parseJsonConfig(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON: ${errorMessage(error)}`, { file });
  }
}

async function importModule(file: string): Promise<unknown> {
  // The mtime query defeats the ESM cache so watch mode sees edits.
  const { mtimeMs } = await stat(file);
  try {
    return await import(`${pathToFileURL(file).href}?t=${mtimeMs}`);
  } catch (error) {
    throw new ConfigError(`could not load ${file}: ${errorMessage(error)}`, { file });
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
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.mjs`);
  await writeFile(temp, output.outputText);
  try {
    return await importModule(temp);
  } finally {
    await rm(temp, { force: true });
  }
}
