// @ts-check
/**
 * Module hooks (node:module `register`) that load a TypeScript config, and the local `.ts` files it
 * imports, with their types stripped in memory. The module keeps its real file URL, so relative
 * imports and packages resolve from the config's own folder and nothing is written next to it.
 * A plain .mjs shipped as is: Node loads hooks before any TypeScript could be compiled.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** @type {{ amaro: string; version: string; cache: string | undefined }} */
let options;
/** @type {Promise<(source: string, options: { mode: "strip-only"; filename: string }) => { code: string }> | undefined} */
let stripper;

/**
 * @param {{ amaro: string; version: string; cache: string | undefined }} data the file URL of amaro
 *   (resolved from sync-types itself), its version, and where stripped sources are kept by content
 */
export function initialize(data) {
  options = data;
}

/**
 * amaro, loaded on the first source not stripped before: loading it (its WebAssembly compiled)
 * costs about 0.1 s, more than the rest of loading a config.
 */
function strip() {
  stripper ??= import(options.amaro).then((amaro) => (amaro.default ?? amaro).transformSync);
  return stripper;
}

/** A stripped source is a function of the source and amaro's version alone: keyed by both, it is never stale. */
function cacheFile(source) {
  if (options.cache === undefined) return undefined;
  return join(options.cache, `${createHash("sha256").update(`${options.version}\0${source}`).digest("hex")}.js`);
}

async function remember(file, code) {
  try {
    await mkdir(options.cache, { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, code);
    await rename(temp, file);
  } catch {
    // A cache that cannot be written only costs the next run amaro's load.
  }
}

/**
 * @param {string} url
 * @param {{ format?: string | null | undefined }} context
 * @param {(url: string, context: object) => Promise<object>} nextLoad
 */
export async function load(url, context, nextLoad) {
  if (!url.startsWith("file:") || !/\.m?ts$/.test(new URL(url).pathname) || url.includes("/node_modules/")) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const source = await readFile(file, "utf8");
  const cached = cacheFile(source);
  const hit = cached === undefined ? undefined : await readFile(cached, "utf8").catch(() => undefined);
  if (hit !== undefined) return { format: "module", source: hit, shortCircuit: true };
  const transformSync = await strip();
  try {
    const code = transformSync(source, { mode: "strip-only", filename: file }).code;
    if (cached !== undefined) await remember(cached, code);
    return { format: "module", source: code, shortCircuit: true };
  } catch (error) {
    /** @type {{ code?: string; message?: string; startLine?: number; startColumn?: number }} */
    const swc = typeof error === "object" && error !== null ? error : {};
    if (swc.code === undefined || swc.startLine === undefined) throw error;
    // The message carries the position: only an Error's message and name reliably cross the hooks thread.
    const at = `${file}:${swc.startLine}:${(swc.startColumn ?? 0) + 1}`;
    const thrown = new SyntaxError(`${at}: ${swc.message}`);
    thrown.name = swc.code === "UnsupportedSyntax" ? "UnsupportedSyntax" : "SyntaxError";
    throw thrown;
  }
}
