// `sync-types check` on a copy of the examples: cold (--no-cache) and warm cache, in sync and
// after a renamed field (so the consumer type-check runs), with the split between Python
// extraction, generation and type-checking as the check itself reports it, each beside the CLI's
// own start-up (`sync-types --version`, run paired with it). The warm in-sync check is also run
// with the same config as JSON, which isolates what loading the `.ts` config costs. Then, for a
// consumer on TypeScript 7, check's call-site phase beside that consumer's own `tsc --noEmit`.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, WORK, median, table, timeOnce } from "./lib.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** A copy of the examples (venvs linked, not copied) in bench/.work/NAME. */
export function project(name = "check-examples") {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(ROOT, "examples"), dir, { recursive: true, filter: (p) => !/[/\\](\.venv|__pycache__|node_modules)([/\\]|$)/.test(p) });
  // Its own node_modules: the spec and content caches of the run land in it, not in the checkout's.
  mkdirSync(join(dir, "node_modules"));
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

const version = (dir) => timeOnce(["node", join(ROOT, "bin/sync-types.js"), "--version"], { cwd: dir }).seconds;

/** RUNS checks, each followed by a `--version` run in the same folder: the pair meets the same load. */
function row(label, dir, args) {
  runCheck(dir, args); // fills the caches a warm row relies on; a cold row ignores them
  const samples = Array.from({ length: RUNS }, () => ({ ...runCheck(dir, args), floor: version(dir) }));
  const m = (key) => median(samples.map((s) => s[key]));
  const times = median(samples.map((s) => s.seconds / s.floor));
  return [label, `${m("seconds").toFixed(2)} s`, `${times.toFixed(1)}×`, `${m("obtain").toFixed(2)} s`, `${m("generate").toFixed(2)} s`, `${m("typecheck").toFixed(2)} s`, `${m("floor").toFixed(2)} s`];
}

/** The same project with its config as JSON: exactly what its `.ts` config evaluates to (the examples' config has no plugins). */
export function withJsonConfig(dir) {
  const copy = `${dir}-json`;
  rmSync(copy, { recursive: true, force: true });
  cpSync(dir, copy, { recursive: true, verbatimSymlinks: true });
  const file = join(copy, "sync-types.config.ts");
  const script = `const { loadConfigFile } = await import(${JSON.stringify(join(ROOT, "dist/src/config/load.js"))});
process.stdout.write(JSON.stringify(await loadConfigFile(${JSON.stringify(file)}), null, 2));`;
  const loaded = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: copy, encoding: "utf8" });
  if (loaded.status !== 0) throw new Error(`cannot evaluate ${file}: ${loaded.stderr}`);
  rmSync(file);
  writeFileSync(join(copy, "sync-types.config.json"), `${loaded.stdout}\n`);
  return copy;
}

export function benchCheck() {
  const dir = project();
  const rows = [];
  // BENCH_CHECK=ts7: only the TypeScript 7 comparison (the in-sync and cold rows take minutes).
  if (process.env.BENCH_CHECK === "ts7") return benchTypeScript7(renameField(dir));
  process.stderr.write("  check: in sync…\n");
  rows.push(row("in sync, cold (--no-cache)", dir, ["--no-cache"]));
  rows.push(row("in sync, warm cache", dir, []));
  rows.push(row("in sync, warm cache, config as JSON", withJsonConfig(dir), []));
  renameField(dir);
  process.stderr.write("  check: drifted…\n");
  rows.push(row("renamed field, cold (--no-cache)", dir, ["--no-cache"]));
  rows.push(row("renamed field, warm cache", dir, []));
  const main = table([`check on the examples (median of ${RUNS})`, "wall", "÷ --version", "extraction", "generation", "type-check", "--version"], rows);
  return `${main}\n\n${benchTypeScript7(dir)}`;
}

function renameField(dir) {
  const models = join(dir, "services/estimation-api/app/models.py");
  writeFileSync(models, readFileSync(models, "utf8").replace("    customer: str = Field(", "    client_name: str = Field("));
  return dir;
}

/**
 * The drifted examples with node-app on TypeScript 7 (its own node_modules/typescript): the
 * call-site phase `check` reports against the consumer's own `tsc --noEmit` on the same project.
 */
function benchTypeScript7(dir) {
  const modules = join(dir, "node-app/node_modules");
  mkdirSync(modules, { recursive: true });
  symlinkSync(join(ROOT, "node_modules/typescript7"), join(modules, "typescript"));
  process.stderr.write("  check: TypeScript 7 consumer…\n");
  try {
    // Interleaved, so that both sides of a pair meet the same load on a shared machine.
    const phase = [];
    const tsc = [];
    for (let run = 0; run < RUNS; run++) {
      phase.push(runCheck(dir, []).typecheck);
      tsc.push(timeOnce([join(modules, "typescript/bin/tsc"), "-p", "node-app/tsconfig.json", "--noEmit"], { cwd: dir }).seconds);
    }
    return table([`TypeScript 7 consumer, renamed field (median of ${RUNS}, interleaved)`, "seconds"], [
      ["check: call-site phase (tsgo API: overlay, verdicts, attribution)", `${median(phase).toFixed(2)} s`],
      ["the consumer's own tsc --noEmit", `${median(tsc).toFixed(2)} s`],
      ["ratio, median of the per-run ratios", `${median(phase.map((p, i) => p / tsc[i])).toFixed(2)}×`],
    ]);
  } finally {
    rmSync(modules, { recursive: true, force: true });
  }
}
