import { join } from "node:path";
import { makeTempDir } from "../cleanup.js";
import type { ResolvedService } from "../config/types.js";
import { ServiceError } from "../errors.js";
import { PACKAGE_ROOT } from "../package-root.js";
import type { Json } from "../spec/types.js";
import { missingModule, pythonHint, readSpecFile, requireLaunchable, serviceEnv } from "./common.js";
import { waitBounded } from "./bounded.js";
import { spawnProcess } from "./process.js";

/** Shipped as source (package.json "files"), found the same way from src/ and dist/. */
export const EXTRACT_SCRIPT = join(PACKAGE_ROOT, "src/services/python/extract.py");

export interface ImportOptions {
  signal?: AbortSignal | undefined;
  onLine?: ((line: string) => void) | undefined;
}

/** Imports the app in the service's own interpreter and asks it for `app.openapi()`; no server, no port. */
export async function obtainViaImport(service: ResolvedService, options: ImportOptions = {}): Promise<Json> {
  requireLaunchable(service, "import");
  const work = await makeTempDir("sync-types-");
  const out = join(work.path, "openapi.json");
  const child = spawnProcess([service.python, EXTRACT_SCRIPT, service.app ?? "", out], {
    cwd: service.dir,
    env: serviceEnv(service),
    label: service.name,
    onLine: options.onLine,
  });
  try {
    const { code, signal, timedOut } = await waitBounded(child, { signal: options.signal, timeoutMs: service.readyTimeoutMs });
    if (code !== 0) {
      const text = child.output.text();
      // No exit code and no signal: the interpreter never ran (spawn failed).
      const spawnFailed = code === undefined && signal === undefined;
      const missing = spawnFailed && /ENOENT/.test(text);
      const message = missing ? `python interpreter not found: ${service.python}`
        : spawnFailed ? `could not run ${service.python}: ${text.split("\n").at(-1)}`
        : timedOut ? `importing ${service.app} took longer than ${service.readyTimeoutMs} ms`
        : code === undefined ? `importing ${service.app} was stopped by ${signal}`
        : `importing ${service.app} failed (exit code ${code})`;
      const hint = spawnFailed || missingModule(text) ? pythonHint(service)
        : timedOut ? "raise readyTimeoutMs if the import is that slow, or check what it waits for at import time"
        : "fix the error shown above; it is the app's own traceback";
      throw new ServiceError(service.name, message, { output: child.output.lines(), hint });
    }
    return await readSpecFile(service, out, `${service.app}.openapi()`);
  } finally {
    await work.remove();
  }
}
