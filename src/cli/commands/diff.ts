import { stat } from "node:fs/promises";
import { relative, resolve } from "node:path";
import type { ResolvedConfig, ResolvedService, SourceKind } from "../../config/types.js";
import { expiredIgnores } from "../../diff/policy.js";
import type { DiffReport, ServiceDiff } from "../../diff/report.js";
import { SpecError, SyncTypesError, UsageError, errorMessage, runExitCode } from "../../errors.js";
import type { Logger } from "../../logger.js";
import { reportDiffGithub } from "../../reporters/diff-github.js";
import { reportDiffJson } from "../../reporters/diff-json.js";
import { reportDiffMarkdown } from "../../reporters/diff-markdown.js";
import { reportDiffPretty } from "../../reporters/diff-pretty.js";
import { mapBounded } from "../../pipeline.js";
import { withSession, type BaseSpec, type Session } from "../../session.js";
import { canonicalizeSpec } from "../../spec/canonical.js";
import { assertRegularFile, readRegularFile } from "../../regular-file.js";
import { readTextIfExists } from "../../spec/store.js";
import type { Json, OpenApiDocument } from "../../spec/types.js";

export interface DiffCommandOptions {
  /** Config file. Default: `sync-types.config.*` found from the working folder upward. */
  config?: string;
  /** Only these services. Default: all. */
  service?: string[];
  /** A spec file (an existing path wins) or a git ref, read with `git show <ref>:<spec>`. Default: the committed spec file in the working tree. */
  base?: string;
  /** A spec file, or `"live"`: start the service and take its spec. Default `"live"`. */
  head?: string;
  /** How a live spec is obtained, for every service. Default: each service's own `source`. */
  source?: SourceKind;
  /** Report on stdout: `pretty` (the CLI default), `json` (docs/diff-json.md), `markdown` (a PR comment), `github` (annotations). */
  format: "pretty" | "json" | "markdown" | "github";
  /** Two specs (files or URLs) to compare with no config; none: the configured services. */
  specs?: string[];
}

/** `sync-types diff`: the contract change of each service, judged by the configured policy. Exit 1 when a change fails it. */
export async function runDiff(options: DiffCommandOptions, logger: Logger): Promise<number> {
  const cwd = process.cwd();
  const report = options.specs?.length ? await diffGivenSpecs(options, logger, cwd) : await withSession({ cwd, config: options.config }, (session) => diffServices(session, options, logger, cwd));
  const write = (text: string) => process.stdout.write(text);
  if (options.format === "json") reportDiffJson(report, write);
  else if (options.format === "markdown") reportDiffMarkdown(report, write);
  else if (options.format === "github") reportDiffGithub(report, write);
  else reportDiffPretty(report, logger, { configured: !options.specs?.length });
  return report.exitCode;
}

async function diffGivenSpecs(options: DiffCommandOptions, logger: Logger, cwd: string): Promise<DiffReport> {
  const specs = options.specs ?? [];
  if (specs.length !== 2) throw new UsageError(`diff takes two specs (base and head), got ${specs.length}`, "sync-types diff old.json new.json, or no argument to diff the configured services");
  const configOnly = [options.config && "-c", options.service?.length && "--service", options.base !== undefined && "--base", options.head !== undefined && options.head !== "live" && "--head", options.source && "--source"].filter(Boolean);
  if (configOnly.length > 0) throw new UsageError(`${configOnly.join(", ")} applies to the configured services, not to two given specs`, "drop it, or drop the two spec arguments");
  const { diffTwoSpecs } = await import("./diff-two-specs.js");
  return diffTwoSpecs([specs[0]!, specs[1]!], logger, cwd);
}

async function diffServices(session: Session, options: DiffCommandOptions, logger: Logger, cwd: string): Promise<DiffReport> {
  const { config } = session;
  const head = options.head ?? "live";
  const services = session.select(options.service, head === "live" ? { source: options.source } : undefined);
  const baseFile = options.base === undefined ? undefined : await namesFile(resolve(cwd, options.base));
  if (services.length > 1 && (baseFile || head !== "live")) {
    throw new UsageError("a spec file given as --base or --head belongs to one service", "add --service NAME");
  }
  const results = await mapBounded(services, config.concurrency, async (service): Promise<ServiceDiff> => {
    const result: ServiceDiff = {
      service: service.name,
      spec: relative(process.env["GITHUB_WORKSPACE"] ?? cwd, service.spec),
      base: "",
      head: head === "live" ? `live (${options.source ?? service.source})` : head,
      changes: [],
      failing: [],
      ignored: [],
      error: undefined,
    };
    try {
      const base = await readBase(service, config, options.base, baseFile === true, cwd);
      result.base = base.label;
      logger.status(`${service.name}: obtaining the ${head === "live" ? "live" : "head"} spec`);
      const headSpec = head === "live" ? await liveSpec(session, service, options.source, logger) : await readSpecFile(service, resolve(cwd, head));
      const policy = await session.compare(service, base, headSpec);
      Object.assign(result, { changes: policy.changes, failing: policy.failing, ignored: policy.ignored });
    } catch (error) {
      if (!(error instanceof SyncTypesError) || error instanceof UsageError) throw error;
      result.error = error;
    }
    return result;
  });
  logger.status();
  const exitCode = runExitCode(results.map((r) => r.error?.exitCode), results.some((r) => r.failing.length > 0));
  return { level: config.breaking.level, services: results, expired: expiredIgnores(config.breaking, session.today), exitCode };
}

/** The base spec (`doc` is `undefined` when there is none yet: everything in the head is new) and where it came from. */
interface Base extends BaseSpec {
  label: string;
}

async function readBase(service: ResolvedService, config: ResolvedConfig, base: string | undefined, isPath: boolean, cwd: string): Promise<Base> {
  if (base === undefined || isPath) {
    const file = base === undefined ? service.spec : resolve(cwd, base);
    const label = relative(cwd, file);
    const text = await readTextIfExists(file, base === undefined ? `services.${service.name}.spec` : "--base");
    return { doc: text === undefined ? undefined : parseSpec(service, text, label), text: text ?? "", label };
  }
  const path = `./${relative(config.root, service.spec)}`;
  const label = `${base}:${relative(cwd, service.spec)}`;
  // Loaded for a git ref only: a file pair never pays for execa's start-up.
  const { execa } = await import("execa");
  const shown = await execa("git", ["show", `${base}:${path}`], { cwd: config.root, reject: false, stripFinalNewline: false });
  if (shown.exitCode === 0) return { doc: parseSpec(service, shown.stdout, label), text: shown.stdout, label };
  const reason = String(shown.stderr).trim().split("\n")[0] ?? "";
  if (/does not exist in|exists on disk, but not in/.test(reason)) return { doc: undefined, text: "", label: `${label} (none)` };
  throw new UsageError(`--base ${base}: not a file, and git could not read ${path} at that ref: ${reason}`, "pass a git ref (main, origin/main, HEAD~1) or a spec file");
}

/** What a sync would commit, plugins included: the same session stages (a `contract`'s module first, in a copy; then held to it). */
async function liveSpec(session: Session, service: ResolvedService, source: SourceKind | undefined, logger: Logger): Promise<OpenApiDocument> {
  const { applied: contract, extracted } = await session.applyContractAndObtain(service, { write: false, typecheck: false }, {
    source,
    onLine: (line) => logger.debug("services", `[${service.name}] ${line}`),
    warn: (message) => logger.warn(message),
  });
  const spec = await session.prepare(service, extracted.spec, (message) => logger.warn(message));
  if (contract) await session.enforceContract(contract, spec);
  return spec;
}

async function readSpecFile(service: ResolvedService, file: string): Promise<OpenApiDocument> {
  let text: string;
  await assertRegularFile(file, "--head");
  try {
    text = await readRegularFile(file);
  } catch (error) {
    throw new UsageError(`--head ${file}: ${errorMessage(error)}`, 'pass a spec file, or "live" to ask the service');
  }
  return parseSpec(service, text, file);
}

export function parseSpec(service: ResolvedService, text: string, label: string): OpenApiDocument {
  let raw: Json;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SpecError(service.name, `${label} is not valid JSON: ${errorMessage(error)}`, { hint: "resolve merge conflicts, or run sync-types to rewrite it" });
  }
  return canonicalizeSpec(raw as Json, service.name);
}

/** Anything but a folder (which may share a git ref's name): a FIFO given as --base is refused as such, not taken for a ref. */
async function namesFile(path: string): Promise<boolean> {
  try {
    return !(await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
