import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** A `typescript` package: where it is, which version, and whether the consumer or sync-types supplied it. */
export interface TypeScriptInstall {
  /** Real path of the package folder. */
  dir: string;
  version: string;
  major: number;
  /** `consumer`: found from the tsconfig's folder; `bundled`: the consumer has none, sync-types' own is used. */
  source: "consumer" | "bundled";
}

/**
 * The `typescript` the consumer's `tsc` would be: Node resolution from the tsconfig's folder, so
 * a workspace's hoisted or nested install is found the same way. `undefined` when it has none.
 */
export function consumerTypeScript(tsconfig: string): TypeScriptInstall | undefined {
  try {
    const manifest = createRequire(join(dirname(tsconfig), "noop.js")).resolve("typescript/package.json");
    return install(manifest, "consumer");
  } catch {
    return undefined;
  }
}

/** sync-types' own dependency: the fallback for a consumer without TypeScript. */
export function bundledTypeScript(): TypeScriptInstall {
  return install(createRequire(import.meta.url).resolve("typescript/package.json"), "bundled");
}

function install(manifest: string, source: TypeScriptInstall["source"]): TypeScriptInstall {
  const { version } = JSON.parse(readFileSync(manifest, "utf8")) as { version: string };
  return { dir: realpathSync(dirname(manifest)), version, major: Number.parseInt(version, 10), source };
}
