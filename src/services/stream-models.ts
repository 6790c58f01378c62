import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { makeTempDir } from "../cleanup.js";
import type { ResolvedService } from "../config/types.js";
import { ServiceError } from "../errors.js";
import { PACKAGE_ROOT } from "../package-root.js";
import type { Json } from "../spec/types.js";
import { serviceEnv } from "./common.js";
import { waitBounded } from "./bounded.js";
import { spawnProcess } from "./process.js";

const SCRIPT = join(PACKAGE_ROOT, "src/services/python/stream_models.py");

/**
 * The `model_json_schema()` of each model named in the service's `streams` option, from its
 * own interpreter: the item type of streams the spec leaves untyped (sse-starlette, `StreamingResponse`).
 */
export async function obtainStreamSchemas(service: ResolvedService, signal?: AbortSignal): Promise<Record<string, Json> | undefined> {
  const entries = Object.entries(service.streams);
  if (entries.length === 0) return undefined;
  const work = await makeTempDir("sync-types-streams-");
  const out = join(work.path, "streams.json");
  const child = spawnProcess([service.python, SCRIPT, out, ...entries.map(([key, ref]) => `${key}=${ref}`)], {
    cwd: service.dir,
    env: serviceEnv(service),
    label: service.name,
  });
  try {
    // They import the app's modules: bounded like the app's own import.
    const { code, timedOut } = await waitBounded(child, { signal, timeoutMs: service.readyTimeoutMs });
    if (timedOut) {
      throw new ServiceError(service.name, `reading the stream models (services.${service.name}.streams) took longer than ${service.readyTimeoutMs} ms and was stopped`, {
        output: child.output.lines(),
        hint: `check what the models' modules wait for at import time, or raise services.${service.name}.readyTimeoutMs if they are only slow`,
      });
    }
    if (code !== 0) {
      throw new ServiceError(service.name, `reading the stream models (services.${service.name}.streams) failed`, {
        output: child.output.lines(),
        hint: 'each value must name an importable Pydantic model as "module:Model"',
      });
    }
    return JSON.parse(await readFile(out, "utf8")) as Record<string, Json>;
  } finally {
    await work.remove();
  }
}
