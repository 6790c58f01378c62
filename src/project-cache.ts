import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * The project's own cache folder, `node_modules/.cache/sync-types` of the nearest folder at or
 * above `from` that has `node_modules`; undefined outside any project. Kept apart from the spec
 * cache's module so the config loader can ask without loading it.
 */
export function projectCacheDir(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "node_modules"))) return join(dir, "node_modules", ".cache", "sync-types");
    if (dirname(dir) === dir) return undefined;
  }
}
