/**
 * The fakes runtime, the same for every service: routing, FastAPI-shaped validation, answers and
 * streams. It lives as real TypeScript in the package's `runtime/` folder, type-checked and
 * unit-tested in place: runtime/fakes.ts, and the format parsers it imports from
 * runtime/fake-formats.ts. fakes.gen.ts is one file, so it embeds both byte for byte, the parsers
 * first, leaving out the one line that imports them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../package-root.js";

/** The fakes runtime's source files, shipped in the npm package ("files" in package.json). */
export const FAKES_RUNTIME_FILE: string = join(PACKAGE_ROOT, "runtime", "fakes.ts");
export const FAKE_FORMATS_FILE: string = join(PACKAGE_ROOT, "runtime", "fake-formats.ts");

/** The line of runtime/fakes.ts that imports the format parsers, which fakes.gen.ts holds itself. */
export const FORMATS_IMPORT = 'import { FORMAT_CHECKS } from "./fake-formats.js";\n';

let cached: string | undefined;

/** The fakes runtime's bytes as fakes.gen.ts embeds them, read once per process. */
export function fakesRuntimeSource(): string {
  if (cached === undefined) {
    const runtime = readFileSync(FAKES_RUNTIME_FILE, "utf8");
    if (!runtime.includes(FORMATS_IMPORT)) throw new Error(`${FAKES_RUNTIME_FILE} no longer imports its format parsers with ${JSON.stringify(FORMATS_IMPORT)}`);
    cached = readFileSync(FAKE_FORMATS_FILE, "utf8") + "\n" + runtime.replace(FORMATS_IMPORT, "");
  }
  return cached;
}
