/**
 * A `.ts` config whose stripped source is already cached, imported without module hooks when
 * that provably loads the same modules: starting the hooks' thread, and sending every later
 * import of the run through it, costs a command more than the rest of loading its config.
 *
 *   cached stripped source ──► only static imports (static-imports.ts)
 *     ──► each a builtin, or `sync-types` that the config's own folder resolves to this very package
 *     ──► those specifiers written as this package's files, every imported name checked to exist
 *     ──► saved by content beside the stripped source, imported from there
 *
 * Anything else (a relative import, another package, a name the package lacks) is left to the
 * hooks, which then load it or report it exactly as they always do.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import { basename, dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { registerPath } from "../cleanup.js";
import { PACKAGE_ROOT } from "../package-root.js";
import { staticImports } from "./static-imports.js";

const PACKAGE = "sync-types";

/**
 * The cached module to import instead of `file`, without hooks; undefined when that is not
 * provably the same as through them, or the stripped source (`stripped`, where the hooks cached
 * it) is not there yet.
 */
export async function directModule(file: string, stripped: string): Promise<string | undefined> {
  try {
    return await rewrite(file, stripped);
  } catch {
    return undefined;
  }
}

async function rewrite(file: string, stripped: string): Promise<string | undefined> {
  const code = await readFile(stripped, "utf8").catch(() => undefined);
  const imports = code === undefined ? undefined : staticImports(code);
  if (code === undefined || imports === undefined) return undefined;
  const real = realpathSync(file);
  let rewritten = "";
  let last = 0;
  for (const entry of imports) {
    if (isBuiltin(entry.specifier)) continue;
    const target = ownExport(entry.specifier, dirname(real));
    if (target === undefined) return undefined;
    // A name the package lacks is left to the hooks, whose link error names the specifier as written.
    const exported = (await import(target)) as Record<string, unknown>;
    if (!entry.names.every((name) => name in exported)) return undefined;
    rewritten += code.slice(last, entry.start) + JSON.stringify(target);
    last = entry.end;
  }
  // Stack traces name the config, not the cached copy.
  rewritten += `${code.slice(last)}\n//# sourceURL=${pathToFileURL(real).href}\n`;
  const module = join(dirname(stripped), `${createHash("sha256").update(rewritten).digest("hex")}.mjs`);
  if (!existsSync(module) && !(await save(module, rewritten))) return undefined;
  return module;
}

async function save(file: string, text: string): Promise<boolean> {
  const temp = `${file}.${process.pid}.tmp`;
  const release = registerPath(temp);
  try {
    await writeFile(temp, text);
    await rename(temp, file);
    return true;
  } catch {
    await rm(temp, { force: true }).catch(() => undefined);
    return false;
  } finally {
    release();
  }
}

/**
 * The file URL `specifier` (`sync-types` or `sync-types/<sub>`) names when this running package
 * is what Node's resolver finds for it from `dir`; undefined for any other package or subpath.
 */
function ownExport(specifier: string, dir: string): string | undefined {
  if (specifier !== PACKAGE && !specifier.startsWith(`${PACKAGE}/`)) return undefined;
  const found = packageFolderFrom(dir);
  const root = realpathSync(PACKAGE_ROOT);
  if (found === undefined || realpathSync(found) !== root) return undefined;
  const exports = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { exports?: Record<string, unknown> }).exports ?? {};
  const target = importTarget(exports[`.${specifier.slice(PACKAGE.length)}`]);
  if (target === undefined) return undefined;
  const file = join(root, target);
  return existsSync(file) ? pathToFileURL(realpathSync(file)).href : undefined;
}

/** An exports entry's target for `import` as Node picks it by default (first of `node`, `import`, `default` in key order). */
function importTarget(entry: unknown): string | undefined {
  if (typeof entry === "string") return entry.startsWith("./") && !entry.includes("*") ? entry : undefined;
  if (entry === null || typeof entry !== "object") return undefined;
  const key = Object.keys(entry).find((k) => k === "node" || k === "import" || k === "default");
  return key === undefined ? undefined : importTarget((entry as Record<string, unknown>)[key]);
}

/**
 * Where Node's ESM resolver finds the package from `dir`: the package scope's self-reference (the
 * nearest package.json, not looked for past a node_modules folder), else the first
 * `node_modules/sync-types` folder from `dir` up. A manifest that cannot be read: undefined.
 */
function packageFolderFrom(dir: string): string | undefined {
  try {
    for (let scope = dir; basename(scope) !== "node_modules"; scope = dirname(scope)) {
      const manifest = join(scope, "package.json");
      if (existsSync(manifest)) {
        const { name, exports } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown; exports?: unknown };
        if (name === PACKAGE && exports !== undefined && exports !== null) return scope;
        break;
      }
      if (dirname(scope) === scope) break;
    }
    for (let at = dir; ; at = dirname(at)) {
      const candidate = join(at, "node_modules", PACKAGE);
      if (statSync(candidate, { throwIfNoEntry: false })?.isDirectory()) return candidate;
      if (dirname(at) === at) return undefined;
    }
  } catch {
    return undefined;
  }
}
