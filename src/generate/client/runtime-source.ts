/**
 * `runtime.gen.ts`, the same for every service: the client's fetch wrapper, its errors, and the
 * Server-Sent Events and JSON Lines readers. It lives as real TypeScript in the package's
 * `runtime/` folder, type-checked and unit-tested in place, and is copied into the output byte
 * for byte behind the banner: it ships as a generated file, not as a dependency.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../../package-root.js";

/** The runtime's source file, shipped in the npm package ("files" in package.json). */
export const RUNTIME_FILE: string = join(PACKAGE_ROOT, "runtime", "runtime.ts");

/** Name of the runtime in an output folder (per service, or the shared one), and as clients import it. */
export const RUNTIME_OUTPUT = "runtime.gen.ts";
export const RUNTIME_MODULE = "runtime.gen.js";

let cached: string | undefined;

/** The runtime's bytes, read once per process. */
export function runtimeSource(): string {
  cached ??= readFileSync(RUNTIME_FILE, "utf8");
  return cached;
}
