import { readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { UsageError, SpecError, errorMessage } from "../../errors.js";
import type { Logger } from "../../logger.js";
import { buildService } from "../../pipeline.js";
import { applyOutput, planOutput } from "../../generate/write.js";
import { DEFAULTS, resolveService } from "../../config/resolve.js";
import type { ResolvedService } from "../../config/types.js";
import type { Json } from "../../spec/types.js";

export interface GenerateCommandOptions {
  /** Output folder (required). */
  output: string;
}

/** `sync-types generate <spec.json|url> -o <dir>`: generate from a spec without a config. */
export async function runGenerate(input: string, options: GenerateCommandOptions, logger: Logger): Promise<number> {
  const output = resolve(options.output);
  const isUrl = /^https?:\/\//.test(input);
  const spec = isUrl ? input : resolve(input);
  const service = standalone(spec, output);
  const raw = await readSpec(input, isUrl);
  const started = performance.now();
  const built = await buildService(service, { spec: raw, streams: undefined }, [], (message) => logger.warn(message)).catch((error: unknown) => {
    // A sync prints the service name beside its errors; here the input is the only "where".
    if (error instanceof SpecError) error.message = `${input}: ${error.message}`;
    throw error;
  });
  const rel = relative(process.cwd(), output) || ".";
  const plan = await planOutput(output, built.files, { shownAs: rel, setting: "-o" });
  for (const warning of plan.warnings) logger.warn(warning);
  await applyOutput(output, plan);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  logger.info(`${logger.paint.green("✓")} ${plan.write.length} written, ${plan.unchanged.length} unchanged, ${plan.remove.length} removed in ${rel} ${logger.paint.dim(`${seconds}s`)}`);
  return 0;
}

/** A service record for a spec with no config around it, with the same defaults as a configured one. */
function standalone(spec: string, output: string): ResolvedService {
  const cwd = process.cwd();
  return resolveService("spec", { dir: ".", spec, output, source: "url" }, cwd, join(cwd, "sync-types.config"));
}

async function readSpec(input: string, isUrl: boolean): Promise<Json> {
  let text: string;
  try {
    if (isUrl) {
      const response = await fetch(input, { signal: AbortSignal.timeout(DEFAULTS.readyTimeoutMs) });
      if (!response.ok) throw new Error(`answered ${response.status}`);
      text = await response.text();
    } else {
      text = await readFile(input, "utf8");
    }
  } catch (error) {
    throw new UsageError(`cannot read ${input}: ${errorMessage(error)}`, isUrl ? "is the service running?" : "check the path");
  }
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new SpecError("spec", `${input} is not valid JSON: ${errorMessage(error)}`);
  }
}
