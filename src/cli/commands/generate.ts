import { relative, resolve } from "node:path";
import { UsageError, SpecError, errorMessage } from "../../errors.js";
import type { Logger } from "../../logger.js";
import { openStandaloneSession } from "../../session.js";
import type { Json } from "../../spec/types.js";
import { redactUrl } from "../../redact.js";
import { fetchSpecFromUrl } from "../../services/url.js";
import { assertRegularFile, readRegularFile } from "../../regular-file.js";

export interface GenerateCommandOptions {
  /** Output folder (required). */
  output: string;
  /** Also write `fakes.gen.ts`. Default `false`. */
  fakes?: boolean | undefined;
}

/** `sync-types generate <spec.json|url> -o <dir>`: generate from a spec without a config. */
export async function runGenerate(input: string, options: GenerateCommandOptions, logger: Logger): Promise<number> {
  const output = resolve(options.output);
  const isUrl = /^https?:\/\//.test(input);
  // The spec's name lands in every file's banner and in messages: never a URL's secrets.
  const shown = isUrl ? redactUrl(input) : input;
  const session = openStandaloneSession("spec", { dir: ".", spec: isUrl ? shown : resolve(input), output, source: "url", fakes: options.fakes === true }, { cwd: process.cwd(), outputSetting: "-o", specLabel: isUrl ? shown : undefined });
  try {
    const service = session.config.services[0]!;
    const raw = isUrl ? await fetchSpecFromUrl(service, parseUrl(input), { warn: (message) => logger.warn(message) }) : await readSpec(input);
    const started = performance.now();
    const built = await session.build(service, { spec: raw, streams: undefined }, (message) => logger.warn(message)).catch((error: unknown) => {
      // A sync prints the service name beside its errors; here the input is the only "where".
      if (error instanceof SpecError) error.message = `${shown}: ${error.message}`;
      throw error;
    });
    const rel = relative(process.cwd(), output) || ".";
    const plan = await session.plan(service, built.files);
    for (const warning of plan.warnings) logger.warn(warning);
    await session.write(service, built, false, plan);
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    logger.info(`${logger.paint.green("✓")} ${plan.write.length} written, ${plan.unchanged.length} unchanged, ${plan.remove.length} removed in ${rel} ${logger.paint.dim(`${seconds}s`)}`);
    return 0;
  } finally {
    await session.close();
  }
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
  await assertRegularFile(file);
  try {
    text = await readRegularFile(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${errorMessage(error)}`, "check the path");
  }
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new SpecError("spec", `${file} is not valid JSON: ${errorMessage(error)}`);
  }
}
