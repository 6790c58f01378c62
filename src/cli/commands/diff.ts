import { execa } from "execa";
import { readFile, stat } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { loadConfig } from "../../config/index.js";
import type { ResolvedConfig, ResolvedService, SourceKind } from "../../config/types.js";
import { diffSpecs } from "../../diff/index.js";
import { evaluatePolicy, expiredIgnores } from "../../diff/policy.js";
import type { DiffReport, ServiceDiff } from "../../diff/report.js";
import { ExitCode, SpecError, SyncTypesError, UsageError, errorMessage } from "../../errors.js";
import type { Logger } from "../../logger.js";
import { runHook, sortPlugins, type Plugin } from "../../plugins.js";
import { reportDiffGithub } from "../../reporters/diff-github.js";
import { reportDiffJson } from "../../reporters/diff-json.js";
import { reportDiffMarkdown } from "../../reporters/diff-markdown.js";
import { reportDiffPretty } from "../../reporters/diff-pretty.js";
import { mapBounded, selectServices } from "../../pipeline.js";
import { obtainSpec } from "../../services/index.js";
import { canonicalizeSpec } from "../../spec/canonical.js";
import { inlineExternalRefs } from "../../spec/external-refs.js";
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
}

/** `sync-types diff`: the contract change of each service, judged by the configured policy. Exit 1 when a change fails it. */
export async function runDiff(options: DiffCommandOptions, logger: Logger): Promise<number> {
  const cwd = process.cwd();
  let config = await loadConfig({ cwd, ...(options.config ? { config: options.config } : {}) });
  const plugins = sortPlugins(config.plugins);
  config = await runHook(plugins, "configResolved", config, (p, c) => p.configResolved?.(c));
  const services = selectServices(config, options.service);
  const head = options.head ?? "live";
  const baseFile = options.base === undefined ? undefined : await isFile(resolve(cwd, options.base));
  if (services.length > 1 && (baseFile || head !== "live")) {
    throw new UsageError("a spec file given as --base or --head belongs to one service", "add --service NAME");
  }

  const today = new Date();
  const expired = expiredIgnores(config.breaking, today);
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
      const headSpec = head === "live" ? await liveSpec(service, options.source, plugins, logger) : await readSpecFile(service, resolve(cwd, head));
      const baseSpec = base.doc ?? { openapi: headSpec.openapi, paths: {} };
      const changes = await runHook(plugins, "diffDone", diffSpecs(baseSpec, headSpec, { baseText: base.text }), (p, c) => p.diffDone?.({ service, changes: c }));
      const policy = evaluatePolicy(changes, config.breaking, today);
      Object.assign(result, { changes: policy.changes, failing: policy.failing, ignored: policy.ignored });
    } catch (error) {
      if (!(error instanceof SyncTypesError) || error instanceof UsageError) throw error;
      result.error = error;
    }
    return result;
  });
  logger.status();

  const report: DiffReport = { level: config.breaking.level, services: results, expired, exitCode: exitCodeOf(results) };
  const write = (text: string) => process.stdout.write(text);
  if (options.format === "json") reportDiffJson(report, write);
  else if (options.format === "markdown") reportDiffMarkdown(report, write);
  else if (options.format === "github") reportDiffGithub(report, write);
  else reportDiffPretty(report, logger);
  return report.exitCode;
}

interface Base {
  /** `undefined` when there is no spec yet: everything in the head is new. */
  doc: OpenApiDocument | undefined;
  text: string;
  label: string;
}

async function readBase(service: ResolvedService, config: ResolvedConfig, base: string | undefined, isPath: boolean, cwd: string): Promise<Base> {
  if (base === undefined || isPath) {
    const file = base === undefined ? service.spec : resolve(cwd, base);
    const label = relative(cwd, file);
    const text = await readTextIfExists(file);
    return { doc: text === undefined ? undefined : parseSpec(service, text, label), text: text ?? "", label };
  }
  const path = `./${relative(config.root, service.spec)}`;
  const label = `${base}:${relative(cwd, service.spec)}`;
  const shown = await execa("git", ["show", `${base}:${path}`], { cwd: config.root, reject: false, stripFinalNewline: false });
  if (shown.exitCode === 0) return { doc: parseSpec(service, shown.stdout, label), text: shown.stdout, label };
  const reason = String(shown.stderr).trim().split("\n")[0] ?? "";
  if (/does not exist in|exists on disk, but not in/.test(reason)) return { doc: undefined, text: "", label: `${label} (none)` };
  throw new UsageError(`--base ${base}: not a file, and git could not read ${path} at that ref: ${reason}`, "pass a git ref (main, origin/main, HEAD~1) or a spec file");
}

async function liveSpec(service: ResolvedService, source: SourceKind | undefined, plugins: Plugin[], logger: Logger): Promise<OpenApiDocument> {
  const raw = await obtainSpec(service, {
    source,
    onLine: (line) => logger.debug("services", `[${service.name}] ${line}`),
    warn: (message) => logger.warn(message),
  });
  const spec = canonicalizeSpec(await inlineExternalRefs(raw, service), service.name);
  // Compare with what a sync would commit, plugins included.
  return runHook(plugins, "specReady", spec, (p, s) => p.specReady?.({ service, spec: s }));
}

async function readSpecFile(service: ResolvedService, file: string): Promise<OpenApiDocument> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UsageError(`--head ${file}: ${errorMessage(error)}`, 'pass a spec file, or "live" to ask the service');
  }
  return parseSpec(service, text, file);
}

function parseSpec(service: ResolvedService, text: string, label: string): OpenApiDocument {
  let raw: Json;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SpecError(service.name, `${label} is not valid JSON: ${errorMessage(error)}`, { hint: "resolve merge conflicts, or run sync-types to rewrite it" });
  }
  return canonicalizeSpec(raw as Json, service.name);
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}


/** A failed service (3, or 70 for a bug) outranks a failing change (1). */
function exitCodeOf(results: ServiceDiff[]): number {
  const errors = results.flatMap((r) => (r.error ? [r.error.exitCode] : []));
  if (errors.includes(ExitCode.internal)) return ExitCode.internal;
  if (errors.length > 0) return errors[0]!;
  return results.some((r) => r.failing.length > 0) ? ExitCode.contract : ExitCode.ok;
}
