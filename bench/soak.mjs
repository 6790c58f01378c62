// Watch soak: scripted saves on a copy of examples/services/estimation-api against a running
// `sync-types --watch --no-serve`, mixing contract edits, comment-only edits, syntax errors,
// import errors and crashes at import. Reports what each save got, the watcher's memory at start
// and end, whether it is still alive, and whether `sync-types check` passes once the original
// file is back. Minutes long, so not in vitest (test/e2e/soak.test.ts runs a short one).
// `node bench/soak.mjs [saves]`, or `node bench/run.mjs --only=soak`.
import { spawn, spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { PYTHON, ROOT, median, table } from "./lib.mjs";

const BIN = join(ROOT, "bin/sync-types.js");
const ANCHOR = "    notes: str | None = None";
const FAILED = /✗ svc importing app\.main:app failed[\s\S]*watching: the next save retries/;
const SYNCED = /^(↻|✓) svc /m;

/** What a save does to models.py, how often, and the report it must get. */
const KINDS = [
  { kind: "contract edit", weight: 40, edit: (src, n) => src.replace(ANCHOR, `${ANCHOR}\n    soak_${n % 7}: int | None = None`), expect: SYNCED },
  { kind: "comment edit", weight: 10, edit: (src, n) => `# soak ${n}\n${src}`, expect: SYNCED },
  { kind: "syntax error", weight: 20, edit: (src) => `${src}\nbroken = (\n`, expect: /SyntaxError/ },
  { kind: "import error", weight: 15, edit: (src) => `import soak_missing_module\n${src}`, expect: /ModuleNotFoundError: No module named 'soak_missing_module'/ },
  { kind: "crash at import", weight: 15, edit: (src, n) => `${src}\nraise RuntimeError("soak crash ${n}")\n`, expect: /RuntimeError: soak crash \d+/ },
];

/** Deterministic, so a failing sequence can be replayed. */
function* kinds(seed) {
  const total = KINDS.reduce((sum, k) => sum + k.weight, 0);
  for (let x = seed; ; ) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    let roll = x % total;
    yield KINDS.find((k) => (roll -= k.weight) < 0);
  }
}

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

/** Live processes carrying `marker` in their environment: the services and extractors of this run. */
function processesWith(marker) {
  return readdirSync("/proc").filter((p) => /^\d+$/.test(p)).filter((p) => {
    try {
      return readFileSync(`/proc/${p}/environ`, "utf8").includes(marker) && !/\) Z/.test(readFileSync(`/proc/${p}/stat`, "utf8"));
    } catch {
      return false;
    }
  }).length;
}

function makeProject(env) {
  const dir = mkdtempSync(join(tmpdir(), "sync-types-soak-"));
  cpSync(join(ROOT, "examples/services/estimation-api"), join(dir, "svc"), { recursive: true, filter: (p) => !/\/(\.venv|__pycache__)(\/|$)/.test(p) });
  writeFileSync(join(dir, "sync-types.config.json"), JSON.stringify({
    services: { svc: { dir: "svc", app: "app.main:app", spec: "svc.openapi.json", output: "out", python: PYTHON, env } },
  }));
  return dir;
}

/**
 * Runs the soak and returns its figures. Every save waits for its own report, so each report
 * is attributed to the save that caused it.
 */
export async function runSoak({ saves = 1000, seed = 7, reportTimeoutMs = 30_000, onProgress = () => {} } = {}) {
  const marker = `soak-${randomUUID()}`;
  const secret = `soak-secret-${randomUUID()}`;
  const dir = makeProject({ SOAK_MARKER: marker, SOAK_SECRET: secret });
  const models = join(dir, "svc/app/models.py");
  const original = readFileSync(models, "utf8");
  const started = performance.now();
  const cli = spawn(process.execPath, [BIN, "--watch", "--no-serve"], { cwd: dir, env: { ...process.env, NO_COLOR: "1" }, detached: true });
  let output = "";
  cli.stdout.on("data", (c) => (output += c));
  cli.stderr.on("data", (c) => (output += c));
  const exited = new Promise((resolve) => cli.once("exit", (code, signal) => resolve(code ?? signal)));
  const waitFor = async (test, from, ms = reportTimeoutMs) => {
    for (const deadline = Date.now() + ms; Date.now() < deadline; await new Promise((r) => setTimeout(r, 5))) {
      const text = output.slice(from);
      if (test(text)) return text;
      if (cli.exitCode !== null) return undefined;
    }
    return undefined;
  };
  const reported = (text) => SYNCED.test(text) || FAILED.test(text);

  const counts = Object.fromEntries(KINDS.map((k) => [k.kind, { saves: 0, expected: 0 }]));
  const mismatches = [];
  const latencies = [];
  const rss = [];
  let maxProcesses = 0;
  try {
    if (!(await waitFor((t) => /watching 1 service/.test(t), 0, 120_000))) throw new Error(`the watcher did not start:\n${output}`);
    const sample = () => {
      rss.push(rssMb(cli.pid));
      maxProcesses = Math.max(maxProcesses, processesWith(marker));
    };
    sample();
    const sequence = kinds(seed);
    for (let i = 0; i < saves; i++) {
      const { kind, edit, expect } = sequence.next().value;
      const mark = output.length;
      const saved = performance.now();
      writeFileSync(models, edit(original, i));
      const report = await waitFor(reported, mark);
      counts[kind].saves++;
      if (report !== undefined) latencies.push(performance.now() - saved);
      if (report !== undefined && expect.test(report)) counts[kind].expected++;
      else mismatches.push({ save: i, kind, report: report ?? "(no report)" });
      if (i % 50 === 49) {
        sample();
        onProgress(i + 1);
      }
    }
    const mark = output.length;
    writeFileSync(models, original);
    const recovered = (await waitFor((t) => SYNCED.test(t), mark)) !== undefined;
    sample();
    const alive = cli.exitCode === null;
    const check = spawnSync(process.execPath, [BIN, "check"], { cwd: dir, env: { ...process.env, NO_COLOR: "1" }, encoding: "utf8" });
    process.kill(-cli.pid, "SIGINT");
    const exitCode = await exited;
    // A killed child can linger a moment before it is reaped: count after sync-types' own grace period.
    await new Promise((r) => setTimeout(r, 1500));
    return {
      saves,
      counts,
      mismatches,
      recovered,
      alive,
      checkCode: check.status,
      checkOutput: check.stdout + check.stderr,
      exitCode,
      leftovers: processesWith(marker),
      maxProcesses,
      rss: { startMb: rss[0], endMb: rss.at(-1), peakMb: Math.max(...rss), samplesMb: rss },
      latencyMs: { median: median(latencies), p95: [...latencies].sort((a, b) => a - b)[Math.floor(latencies.length * 0.95)] },
      secretPrinted: output.includes(secret) || check.stdout.includes(secret) || check.stderr.includes(secret),
      wallSeconds: (performance.now() - started) / 1000,
      output,
    };
  } finally {
    if (cli.exitCode === null) process.kill(-cli.pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The soak as a table for `npm run bench`. */
export async function benchSoak({ saves = 1000 } = {}) {
  const r = await runSoak({ saves, onProgress: (n) => n % 100 === 0 && process.stderr.write(`  soak: ${n}/${saves} saves\n`) });
  const mb = (v) => `${v.toFixed(0)} MB`;
  const expected = Object.values(r.counts).reduce((sum, c) => sum + c.expected, 0);
  const rows = [
    ...Object.entries(r.counts).map(([kind, c]) => [`${kind}`, `${c.saves} saves, ${c.expected} reported as expected`]),
    ["all saves", `${r.saves} saves, ${expected} reported as expected, ${r.mismatches.length} not`],
    ["save → report", `median ${(r.latencyMs.median / 1000).toFixed(2)} s, p95 ${(r.latencyMs.p95 / 1000).toFixed(2)} s`],
    ["RSS of sync-types --watch", `${mb(r.rss.startMb)} at start → ${mb(r.rss.endMb)} at end (peak ${mb(r.rss.peakMb)}, ${r.rss.endMb >= r.rss.startMb ? "+" : ""}${mb(r.rss.endMb - r.rss.startMb)})`],
    ["RSS every 100 saves", r.rss.samplesMb.filter((_, i) => i % 2 === 0).map((m) => m.toFixed(0)).join(" ")],
    ["service processes during the run", `at most ${r.maxProcesses} (the warm extractor)`],
    ["watcher alive after the last save", r.alive ? "yes" : "NO"],
    ["original restored → in sync", r.recovered ? "yes" : "NO"],
    ["`sync-types check` afterwards", `exit ${r.checkCode}`],
    ["Ctrl-C", `exit ${r.exitCode}, ${r.leftovers} processes left`],
    ["secret from env printed", r.secretPrinted ? "YES" : "no"],
    ["wall time", `${(r.wallSeconds / 60).toFixed(1)} min`],
  ];
  const failures = r.mismatches.slice(0, 3).map((m) => `\nsave ${m.save} (${m.kind}) got:\n${m.report.slice(0, 600)}`).join("");
  return `${table([`watch soak (${saves} saves)`, "result"], rows)}${failures}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(await benchSoak({ saves: Number(process.argv[2] ?? 1000) }));
}
