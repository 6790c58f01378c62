import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { makeTempDir } from "../cleanup.js";
import type { ResolvedService } from "../config/types.js";
import { PACKAGE_ROOT } from "../package-root.js";
import { serviceEnv } from "../services/common.js";
import { waitBounded } from "../services/bounded.js";
import { spawnProcess } from "../services/process.js";

const SCRIPT = join(PACKAGE_ROOT, "src/services/python/route_sources.py");

/**
 * `METHOD /path` → `file:line` of the route's decorator, relative to the service folder, asked of
 * the app itself. Only a breach needs it, so only a failing run pays for the import; a service
 * that cannot say (a `url` source, an app that fails to import here) gets no locations, never an error.
 */
export async function routeSources(service: ResolvedService): Promise<Record<string, string>> {
  if (service.app === undefined) return {};
  const work = await makeTempDir("sync-types-routes-");
  const out = join(work.path, "routes.json");
  const child = spawnProcess([service.python, SCRIPT, service.app, out], { cwd: service.dir, env: serviceEnv(service), label: service.name });
  try {
    // It imports the app again: bounded like the app's own import.
    const { code } = await waitBounded(child, { timeoutMs: service.readyTimeoutMs });
    if (code !== 0) return {};
    return JSON.parse(await readFile(out, "utf8")) as Record<string, string>;
  } catch {
    return {};
  } finally {
    await work.remove();
  }
}
