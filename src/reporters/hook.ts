import { relative, resolve } from "node:path";
import { ALLOW_BREAKING_ENV } from "../hook/gate.js";
import type { HookRunResult, StagedCheck } from "../hook/run.js";
import type { Logger } from "../logger.js";
import { packageManagerFor } from "../package-manager.js";
import { letThroughNote } from "./breaking-policy.js";
import { printGroups } from "./diff-pretty.js";
import { describeError } from "./describe-error.js";
import { serviceDiff } from "./sync-pretty.js";

/** What a commit author needs: one line per checked service, then why the commit is refused and the exact commands that fix it. */
export function reportHookRun(run: HookRunResult, logger: Logger): void {
  if (!run.check) {
    return logger.debug("hook", `${run.staged} staged path(s), none of them a service source, spec, generated file or the config: nothing to check`);
  }
  const check = run.check;
  const { report, gate } = check;
  const { paint } = logger;
  const here = (file: string) => relative(process.cwd(), resolve(report.sync.config.root, file));
  for (const warning of report.warnings) logger.warn(warning);
  if (report.callSitesUnchecked) logger.warn(report.callSitesUnchecked);
  const width = Math.max(...report.sync.results.map((r) => r.service.length));
  for (const r of report.sync.results) {
    const name = paint.bold(r.service.padEnd(width));
    const stale = report.stale.find((s) => s.service === r.service);
    const fixed = check.fix?.result.results.some((f) => f.service === r.service && f.status !== "failed");
    const note = check.snapshot.includes(r.service) ? paint.dim("  (unstaged changes to its sources left aside)") : "";
    if (r.status === "failed") {
      logger.info(`${paint.red("✗")} ${name}  ${paint.red("could not be checked")}${note}`);
      for (const line of describeError(r.error!, logger)) logger.info(`    ${line}`);
    } else if (stale && fixed) {
      logger.info(`${paint.cyan("↻")} ${name}  regenerated from its staged sources and staged${note}`);
      for (const file of stale.files) logger.info(`    ${here(file)}`);
    } else if (stale) {
      logger.info(`${paint.red("✗")} ${name}  ${paint.red("stale")}: the staged files differ from what its staged sources generate${note}`);
      for (const file of stale.files) logger.info(`    ${here(file)}`);
    } else {
      logger.info(`${paint.green("✓")} ${name}  staged contract in sync${note}`);
    }
    // Changes since HEAD (what this commit carries) when the gate judged them; else since the staged spec.
    const judged = [...gate.breaking, ...gate.letThrough].find((b) => b.service === r.service) ?? (stale ? r : undefined);
    if (judged?.contract && judged.contract.changes.length > 0) printGroups(serviceDiff(judged), logger, { includeSafe: false, indent: "    " });
  }
  for (const r of check.fix?.result.results.filter((f) => f.status === "failed") ?? []) {
    logger.info(`${paint.red("✗")} ${paint.bold(r.service)}  ${paint.red("could not be regenerated")}`);
    for (const line of describeError(r.error!, logger)) logger.info(`    ${line}`);
  }
  if (gate.letThrough.length > 0) logger.info(paint.dim(`\n${letThroughNote(gate.letThrough.map((r) => r.service))}`));
  if (gate.callSites.length > 0) {
    logger.info(paint.red(`\n${count(gate.callSites.length, "call site")} no longer compile${gate.callSites.length === 1 ? "s" : ""} with the regenerated clients:`));
    for (const site of gate.callSites) {
      logger.info(`  ${paint.bold(`${relative(process.cwd(), site.file)}:${site.line}:${site.column}`)}  ${paint.dim(`TS${site.code}`)}  ${site.message.split("\n")[0]}`);
      logger.info(paint.dim(`    │ ${site.source}`));
    }
  }
  if (gate.rawCalls.length > 0) {
    logger.info(paint.red(`\n${count(gate.rawCalls.length, "raw fetch call")} hit${gate.rawCalls.length === 1 ? "s" : ""} no operation of the spec:`));
    for (const call of gate.rawCalls) logger.info(`  ${paint.bold(`${relative(process.cwd(), call.file)}:${call.line}:${call.column}`)}  ${call.method ?? "?"} ${call.path} (${call.service})`);
  }
  if (run.exitCode === 0) {
    if (gate.blocks) logger.warn(`committing despite the contract problems above: ${ALLOW_BREAKING_ENV} is set`);
    return;
  }
  for (const line of refusal(check, run.configFile, here)) logger.info(line.startsWith("commit refused") ? `\n${paint.red(line)}` : line);
}

function refusal(check: StagedCheck, configFile: string, here: (file: string) => string): string[] {
  const { report, gate } = check;
  if (report.sync.exitCode !== 0 || (check.fix && check.fix.result.exitCode !== 0)) {
    return ["commit refused: a service could not be checked (see above).", "fix it, or skip this check once with git commit --no-verify"];
  }
  const config = configFlag(configFile);
  const stale = report.stale.map((s) => s.service);
  const reasons = [
    ...(stale.length > 0 ? [`the staged contract of ${stale.join(", ")} is stale`] : []),
    ...gate.breaking.map((r) => `${r.service}'s change fails breaking.level "${report.sync.config.breaking.level}"`),
    ...(gate.callSites.length > 0 ? [`${count(gate.callSites.length, "call site")} no longer compile${gate.callSites.length === 1 ? "s" : ""}`] : []),
    ...(gate.rawCalls.length > 0 ? [`${count(gate.rawCalls.length, "raw fetch call")} hit${gate.rawCalls.length === 1 ? "s" : ""} no operation`] : []),
  ];
  const lines = [`commit refused: ${reasons.join("; ")}.`];
  const allow = gate.blocks ? `${ALLOW_BREAKING_ENV}=1 ` : "";
  if (gate.blocks) {
    const what = gate.callSites.length > 0 ? "the changes marked ✗ and the call sites above" : "the changes marked ✗";
    lines.push(`review ${what} (accept a change on purpose with breaking.ignore); ${allow}lets them through.`);
  }
  if (stale.length === 0) return [...lines, `commit anyway: ${allow}git commit …`];
  const files = report.stale.flatMap((s) => s.files.map(here));
  const partial = stale.some((s) => check.snapshot.includes(s)) ? " (once your unstaged changes to it are staged too)" : "";
  const packageManager = packageManagerFor(report.sync.config.root);
  lines.push(`fix: ${allow}${packageManager.run(`hook run --fix${config}`)}   (regenerates from the staged sources and stages the result)`);
  lines.push(` or${partial}: ${packageManager.run(`${config.trimStart()} --service ${stale.join(" ")}`.trimStart())} && git add ${files.join(" ")}`);
  return lines;
}

/** `-c <file>` unless the config has a default name in the current folder, where it is found without it. */
function configFlag(configFile: string): string {
  const rel = relative(process.cwd(), configFile);
  return /^sync-types\.config\.(ts|mts|mjs|js|json)$/.test(rel) ? "" : ` -c ${rel}`;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
