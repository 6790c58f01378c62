// `sync-types check` on a copy of the examples: cold (--no-cache) and warm cache, in sync and
// after a renamed field (so the consumer type-check runs), with the split between Python
// extraction, generation and type-checking as the check itself reports it.
import { cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, WORK, median, table, timeOnce } from "./lib.mjs";

const RUNS = 5;

function project() {
  const dir = join(WORK, "check-examples");
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(ROOT, "examples"), dir, { recursive: true, filter: (p) => !/[/\\](\.venv|__pycache__|node_modules)([/\\]|$)/.test(p) });
  for (const name of ["estimation-api", "content-api"]) {
    symlinkSync(join(ROOT, "examples/services", name, ".venv"), join(dir, "services", name, ".venv"));
  }
  return dir;
}

function runCheck(dir, args) {
  const started = performance.now();
  const out = join(WORK, "check.json");
  const { seconds } = timeOnce(["sh", "-c", `node ${join(ROOT, "bin/sync-types.js")} check --format json ${args.join(" ")} > ${out}; test $? -le 1`], { cwd: dir });
  const report = JSON.parse(readFileSync(out, "utf8"));
  const obtain = Math.max(...report.services.map((s) => s.timingsMs.obtain)) / 1000;
  const generate = Math.max(...report.services.map((s) => s.timingsMs.generate)) / 1000;
  return { seconds: seconds || (performance.now() - started) / 1000, obtain, generate, typecheck: report.timingsMs.typecheck / 1000 };
}

function row(label, dir, args) {
  const samples = Array.from({ length: RUNS }, () => runCheck(dir, args));
  const m = (key) => median(samples.map((s) => s[key])).toFixed(2);
  return [label, `${m("seconds")} s`, `${m("obtain")} s`, `${m("generate")} s`, `${m("typecheck")} s`];
}

export function benchCheck() {
  const dir = project();
  const rows = [];
  process.stderr.write("  check: in sync…\n");
  rows.push(row("in sync, cold (--no-cache)", dir, ["--no-cache"]));
  rows.push(row("in sync, warm cache", dir, []));
  const models = join(dir, "services/estimation-api/app/models.py");
  writeFileSync(models, readFileSync(models, "utf8").replace("    customer: str = Field(", "    client_name: str = Field("));
  process.stderr.write("  check: drifted…\n");
  rows.push(row("renamed field, cold (--no-cache)", dir, ["--no-cache"]));
  rows.push(row("renamed field, warm cache", dir, []));
  return table(["check on the examples (median of 5)", "wall", "extraction", "generation", "type-check"], rows);
}
