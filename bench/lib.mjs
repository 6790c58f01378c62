// Shared helpers for `npm run bench`: wall time and peak memory of whole commands, medians, tables.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const WORK = join(ROOT, "bench", ".work");
export const PYTHON = join(ROOT, "examples/services/estimation-api/.venv/bin/python");
/** The app generator lives in the workspace's `shared/bench`, beside the checkout or beside its worktree folder. */
export const GEN_APP = process.env.BENCH_GEN_APP
  ?? [join(ROOT, "..", "shared"), join(ROOT, "..", "..", "shared")].map((dir) => join(dir, "bench", "gen_fastapi_app.py")).find(existsSync)
  ?? join(ROOT, "..", "shared", "bench", "gen_fastapi_app.py");

mkdirSync(WORK, { recursive: true });

/** Runs `argv` once under GNU time: wall seconds and peak RSS in MB; throws with its stderr on failure. */
export function timeOnce(argv, options = {}) {
  const result = spawnSync("/usr/bin/time", ["-f", "__TIME__ %e %M", ...argv], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs ?? 30 * 60 * 1000,
  });
  const match = /__TIME__ ([\d.]+) (\d+)/.exec(result.stderr ?? "");
  if (result.status !== 0 || !match) {
    throw new Error(`${argv.join(" ")} failed (${result.status ?? result.signal}):\n${(result.stderr ?? "").slice(-2000)}`);
  }
  return { seconds: Number(match[1]), mb: Number(match[2]) / 1024 };
}

/** Median wall time and the largest peak memory over `runs` runs; `before` runs ahead of each (untimed). */
export function measure(argv, { runs = 3, before = () => {}, ...options } = {}) {
  const samples = Array.from({ length: runs }, () => {
    before();
    return timeOnce(argv, options);
  });
  return summarize(samples);
}

function summarize(samples) {
  return { seconds: median(samples.map((s) => s.seconds)), mb: Math.max(...samples.map((s) => s.mb)), runs: samples.length, samples };
}

/**
 * Paired runs: run i of every command, then run i+1 of every command, so that each command of a
 * comparison meets the same load on a shared machine. `commands`: [name, () => argv, options?].
 * A command that fails is reported as such, the others go on. Returns name → summary (or { error }).
 */
export function measurePaired(commands, { runs = 3, onRun = () => {} } = {}) {
  const samples = new Map(commands.map(([name]) => [name, []]));
  const errors = new Map();
  for (let run = 0; run < runs; run++) {
    for (const [name, argv, options = {}] of commands) {
      if (errors.has(name) || run >= (options.runs ?? runs)) continue;
      onRun(name, run);
      try {
        options.before?.();
        samples.get(name).push(timeOnce(argv(), options));
      } catch (error) {
        errors.set(name, error.message.split("\n")[0]);
      }
    }
  }
  return new Map(commands.map(([name]) => [name, errors.has(name) ? { error: errors.get(name) } : summarize(samples.get(name))]));
}

/** "1.23×", or "" when either side is missing. */
export function ratio(ours, theirs) {
  return ours?.seconds && theirs?.seconds ? `${(ours.seconds / theirs.seconds).toFixed(2)}×` : "";
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Generates the N-resource FastAPI app once and extracts its spec with `app.openapi()`. */
export function benchSpec(resources) {
  const dir = join(WORK, `app-${resources}`);
  const spec = join(dir, "openapi.json");
  if (existsSync(spec)) return spec;
  mkdirSync(dir, { recursive: true });
  run(["python3", GEN_APP, String(resources), join(dir, "main.py")]);
  run([PYTHON, "-c", "import json, main; open('openapi.json', 'w').write(json.dumps(main.app.openapi()))"], { cwd: dir, env: { PYTHONHASHSEED: "0" } });
  return spec;
}

export function run(argv, options = {}) {
  const result = spawnSync(argv[0], argv.slice(1), { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${argv.join(" ")} failed:\n${result.stderr}`);
  return result.stdout;
}

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(all[0]), widths.map((w) => "-".repeat(w)).join("  "), ...all.slice(1).map(line)].join("\n");
}
