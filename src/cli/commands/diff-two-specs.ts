import { relative, resolve } from "node:path";
import type { ResolvedService } from "../../config/types.js";
import type { DiffReport, ServiceDiff } from "../../diff/report.js";
import { SyncTypesError, UsageError, errorMessage, runExitCode } from "../../errors.js";
import type { Logger } from "../../logger.js";
import { redactUrl } from "../../redact.js";
import { fetchSpecFromUrl } from "../../services/url.js";
import { openStandaloneSession } from "../../session.js";
import { serializeSpec } from "../../spec/canonical.js";
import type { BaseSpec } from "../../session.js";
import { parseSpec } from "./diff.js";
import { assertRegularFile, readRegularFile } from "../../regular-file.js";

/**
 * `sync-types diff <base> <head>`: any two specs (files or URLs) judged by the default policy,
 * without a config, as `generate` works without one. Same report, formats and exit codes.
 */
export async function diffTwoSpecs(inputs: [string, string], logger: Logger, cwd: string): Promise<DiffReport> {
  const [baseInput, headInput] = inputs;
  const session = openStandaloneSession("spec", { dir: ".", spec: isUrl(baseInput) ? "." : resolve(cwd, baseInput), output: cwd, source: "url" }, { cwd, outputSetting: "-o" });
  try {
    const service = session.config.services[0]!;
    const result: ServiceDiff = {
      service: service.name,
      spec: shown(baseInput, cwd),
      base: shown(baseInput, cwd),
      head: shown(headInput, cwd),
      changes: [],
      failing: [],
      ignored: [],
      error: undefined,
    };
    try {
      const [base, head] = await Promise.all([readSide(service, baseInput, cwd, logger), readSide(service, headInput, cwd, logger)]);
      const policy = await session.compare(service, base, head.doc!);
      Object.assign(result, { changes: policy.changes, failing: policy.failing, ignored: policy.ignored });
    } catch (error) {
      if (!(error instanceof SyncTypesError) || error instanceof UsageError) throw error;
      result.error = error;
    }
    const exitCode = runExitCode([result.error?.exitCode], result.failing.length > 0);
    return { level: session.config.breaking.level, services: [result], expired: [], exitCode };
  } finally {
    await session.close();
  }
}

/** One side as a document and the text its line numbers refer to. */
async function readSide(service: ResolvedService, input: string, cwd: string, logger: Logger): Promise<BaseSpec> {
  if (isUrl(input)) {
    const doc = parseSpec(service, JSON.stringify(await fetchSpecFromUrl(service, parseUrl(input), { warn: (m) => logger.warn(m) })), redactUrl(input));
    return { doc, text: serializeSpec(doc) };
  }
  let text: string;
  await assertRegularFile(resolve(cwd, input));
  try {
    text = await readRegularFile(resolve(cwd, input));
  } catch (error) {
    throw new UsageError(`cannot read ${input}: ${errorMessage(error)}`, "pass two OpenAPI JSON files or http(s) URLs: sync-types diff old.json new.json");
  }
  return { doc: parseSpec(service, text, shown(input, cwd)), text };
}

const isUrl = (input: string) => /^https?:\/\//i.test(input);

/** How a side is named in reports: a path from the working folder, or the URL without its secrets. */
function shown(input: string, cwd: string): string {
  return isUrl(input) ? redactUrl(input) : relative(cwd, resolve(cwd, input));
}

function parseUrl(input: string): URL {
  try {
    return new URL(input);
  } catch {
    throw new UsageError(`${redactUrl(input)} is not a valid URL`, "check the spec argument");
  }
}
