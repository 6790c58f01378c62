/**
 * The fakes runtime, the same for every service: routing, FastAPI-shaped validation, answers and
 * streams. It lives as real TypeScript in the package's `runtime/` folder, type-checked and
 * unit-tested in place, and fakes.gen.ts embeds it byte for byte before its data.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../package-root.js";

/** The fakes runtime's source file, shipped in the npm package ("files" in package.json). */
export const FAKES_RUNTIME_FILE: string = join(PACKAGE_ROOT, "runtime", "fakes.ts");

let cached: string | undefined;

/** The fakes runtime's bytes, read once per process. */
export function fakesRuntimeSource(): string {
  cached ??= readFileSync(FAKES_RUNTIME_FILE, "utf8");
  return cached;
}
