// @ts-check
/**
 * Module hooks (node:module `register`) that load a TypeScript config, and the local `.ts` files it
 * imports, with their types stripped in memory. The module keeps its real file URL, so relative
 * imports and packages resolve from the config's own folder and nothing is written next to it.
 * A plain .mjs shipped as is: Node loads hooks before any TypeScript could be compiled.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/** @type {Promise<(source: string, options: { mode: "strip-only"; filename: string }) => { code: string }>} */
let stripper;

/**
 * Starts loading amaro without waiting for it: `register` returns once this does, so the main
 * thread goes on loading the CLI while this thread compiles amaro's WebAssembly.
 * @param {{ amaro: string }} data the file URL of amaro, resolved from sync-types itself
 */
export function initialize(data) {
  stripper = import(data.amaro).then((amaro) => (amaro.default ?? amaro).transformSync);
  // Awaited (and reported) by the first load that needs it.
  stripper.catch(() => undefined);
}

/**
 * @param {string} url
 * @param {{ format?: string | null | undefined }} context
 * @param {(url: string, context: object) => Promise<object>} nextLoad
 */
export async function load(url, context, nextLoad) {
  if (!url.startsWith("file:") || !/\.m?ts$/.test(new URL(url).pathname) || url.includes("/node_modules/")) return nextLoad(url, context);
  const file = fileURLToPath(url);
  const [source, transformSync] = await Promise.all([readFile(file, "utf8"), stripper]);
  try {
    return { format: "module", source: transformSync(source, { mode: "strip-only", filename: file }).code, shortCircuit: true };
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
