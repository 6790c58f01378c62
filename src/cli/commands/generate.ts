import { readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { UsageError, SpecError, errorMessage } from "../../errors.js";
import type { Logger } from "../../logger.js";
import { buildService } from "../../pipeline.js";
import { applyOutput, planOutput } from "../../generate/write.js";
import { resolveService } from "../../config/resolve.js";
import type { ResolvedService } from "../../config/types.js";
import type { Json } from "../../spec/types.js";
import { redactUrl } from "../../redact.js";
import { fetchSpecFromUrl } from "../../services/url.js";

export interface GenerateCommandOptions {
  /** Output folder (required). */
  output: string;
}

/** `sync-types generate <spec.json|url> -o <dir>`: generate from a spec without a config. */
export async function runGenerate(input: string, options: GenerateCommandOptions, logger: Logger): Promise<number> {
  const output = resolve(options.output);
  const isUrl = /^https?:\/\//.test(input);
  // The spec's name lands in every file's banner and in messages: never a URL's secrets.
  const shown = isUrl ? redactUrl(input) : input;
  const service = standalone(isUrl ? shown : resolve(input), output);
  const raw = isUrl ? await fetchSpecFromUrl(service, parseUrl(input), { warn: (message) => logger.warn(message) }) : await readSpec(input);
  const started = performance.now();
  const built = await buildService(service, { spec: raw, streams: undefined }, [], (message) => logger.warn(message)).catch((error: unknown) => {
    // A sync prints the service name beside its errors; here the input is the only "where".
    if (error instanceof SpecError) error.message = `${shown}: ${error.message}`;
    throw error;
  });
  const plan = await planOutput(output, built.files);
  await applyOutput(output, plan);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const rel = relative(process.cwd(), output) || ".";
  logger.info(`${logger.paint.green("✓")} ${plan.write.length} written, ${plan.unchanged.length} unchanged, ${plan.remove.length} removed in ${rel} ${logger.paint.dim(`${seconds}s`)}`);
  return 0;
}

/** A service record for a spec with no config around it, with the same defaults as a configured one. */
function standalone(spec: string, output: string): ResolvedService {
  const cwd = process.cwd();
  return resolveService("spec", { dir: ".", spec, output, source: "url" }, cwd, join(cwd, "sync-types.config"));
}

function parseUrl(input: string): URL {
  try {
    return new URL(input);
  } catch {
    throw new UsageError(`${redactUrl(input)} is not a valid URL`, "check the spec argument");
  }
}

async function readSpec(file: string): Promise<Json> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${errorMessage(error)}`, "check the path");
  }
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new SpecError("spec", `${file} is not valid JSON: ${errorMessage(error)}`);
  }
}
