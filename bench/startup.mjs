// Start-up of the commands that run the example services, beside their floors, on a copy of the
// examples (its `.ts` config included): one-shot `sync-types --source import` against the slowest
// service's own `import app; app.openapi()` (in a fresh interpreter, as the import source runs
// it), and `sync-types --watch` from start to "watching" against the slowest service's own start
// (uvicorn spawned → /openapi.json answers). Both floors run every service at once, as sync-types
// does (the one-shot is also shown against each import alone). Medians of paired runs. Each also
// with the config as JSON, which sets apart what loading the `.ts` config costs.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { project, withJsonConfig } from "./check.mjs";
import { ROOT, median, table, timeOnce } from "./lib.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SERVICES = ["estimation-api", "content-api"];
const BIN = join(ROOT, "bin/sync-types.js");

const python = (dir, name) => join(dir, "services", name, ".venv/bin/python");

const IMPORT = "import app.main as m; m.app.openapi()";

/** The slowest service's fresh `python -c "import app.main; app.openapi()"`, each alone, process start included. */
function importFloorAlone(dir) {
  return Math.max(...SERVICES.map((name) => timeOnce([python(dir, name), "-c", IMPORT], { cwd: join(dir, "services", name), env: { PYTHONHASHSEED: "0" } }).seconds));
}

/** The same, every service's at once, as sync-types runs them: the slowest one's spawn → exit. */
async function importFloor(dir) {
  const each = await Promise.all(SERVICES.map((name) => new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(python(dir, name), ["-c", IMPORT], { cwd: join(dir, "services", name), env: { ...process.env, PYTHONHASHSEED: "0" }, stdio: "ignore" });
    child.once("error", reject);
    child.once("exit", (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`${name}: ${IMPORT} exited ${code}`))));
  })));
  return Math.max(...each);
}

/** Spawns `argv` and resolves with the seconds until its output matches `pattern`, then kills its process group. */
function secondsUntil(argv, cwd, pattern, probe) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(argv[0], argv.slice(1), { cwd, env: { ...process.env, NO_COLOR: "1" }, detached: true });
    let output = "";
    let done = false;
    let exited = false;
    child.once("exit", () => (exited = true));
    const finish = (error) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      try {
        process.kill(-child.pid, "SIGINT");
      } catch {}
      // The next measurement starts once this run has stopped everything it started: a run still
      // shutting down (its services, warm extractors, the consumer's compiler) would take its CPU.
      const settled = () => (error ? reject(error) : resolve(seconds));
      if (exited) return settled();
      const kill = setTimeout(() => {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {}
      }, 10_000);
      child.once("exit", () => {
        clearTimeout(kill);
        settled();
      });
    };
    const check = async () => {
      if (pattern.test(output) || (probe && (await probe()))) finish();
    };
    const timer = setInterval(check, 5);
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    child.once("exit", () => setTimeout(() => finish(new Error(`${argv.join(" ")} ended before ${pattern}:\n${output}`)), 50));
    setTimeout(() => finish(new Error(`timed out waiting for ${pattern}:\n${output}`)), 120_000);
  });
}

/** The slowest service's uvicorn: spawned → /openapi.json answers (what "ready" means to --watch). */
async function serveFloor(dir) {
  const each = await Promise.all(SERVICES.map((name, i) => {
    const port = 18950 + i;
    const probe = () => fetch(`http://127.0.0.1:${port}/openapi.json`).then((r) => r.ok, () => false);
    return secondsUntil([python(dir, name), "-m", "uvicorn", "app.main:app", "--port", String(port)], join(dir, "services", name), /(?!)/, probe);
  }));
  return Math.max(...each);
}

const settle = () => new Promise((r) => setTimeout(r, 1500));

export async function benchStartup() {
  const ts = project("startup-examples");
  timeOnce(["node", BIN, "--source", "import"], { cwd: ts }); // writes the clients once: later runs find them in sync
  const json = withJsonConfig(ts);
  const rows = { imports: [], importsJson: [], importsAlone: [], importFloor: [], importFloorJson: [], importFloorAlone: [], watch: [], watchJson: [], serveFloor: [] };
  const oneShot = (cwd) => timeOnce(["node", BIN, "--source", "import"], { cwd }).seconds;
  // Each one-shot run right after its own floor run, the three pairs in a rotating order: no row
  // always comes first, or always right after another sync-types run.
  const pairs = [
    async () => (rows.importFloor.push(await importFloor(ts)), rows.imports.push(oneShot(ts))),
    async () => (rows.importFloorJson.push(await importFloor(ts)), rows.importsJson.push(oneShot(json))),
    async () => (rows.importFloorAlone.push(importFloorAlone(ts)), rows.importsAlone.push(oneShot(ts))),
  ];
  for (let run = 0; run < RUNS; run++) {
    process.stderr.write(`  startup, run ${run + 1}…\n`);
    for (let i = 0; i < pairs.length; i++) await pairs[(run + i) % pairs.length]();
    rows.serveFloor.push(await serveFloor(ts));
    await settle();
    rows.watch.push(await secondsUntil(["node", BIN, "--watch"], ts, /watching 2 services/));
    await settle();
    rows.watchJson.push(await secondsUntil(["node", BIN, "--watch"], json, /watching 2 services/));
    await settle();
  }
  const m = (key) => median(rows[key]);
  // The margin is the median of the per-run differences: each run's pair met the same load.
  const margin = (ours, floor) => median(rows[ours].map((seconds, i) => seconds - rows[floor][i]));
  const signed = (seconds) => `${seconds >= 0 ? "+" : "−"}${Math.abs(seconds).toFixed(2)} s`;
  const row = (label, ours, floor, goal, what) => {
    const over = margin(ours, floor);
    return [label, `${m(ours).toFixed(2)} s`, `${m(floor).toFixed(2)} s`, signed(over), `≤ ${signed(goal)}: ${over <= goal ? "met" : "not met"}`, what];
  };
  const importFloorIs = "slowest python -c 'import app; app.openapi()', all at once";
  const aloneIs = "the same, each service alone";
  const serveFloorIs = "slowest uvicorn: spawn → /openapi.json answers";
  return table([`examples, in sync (median of ${RUNS}, paired)`, "sync-types", "floor", "over floor", "goal", "floor is"], [
    row("sync-types --source import (one-shot)", "imports", "importFloor", 0.3, importFloorIs),
    row("  same, config as JSON", "importsJson", "importFloorJson", 0.3, importFloorIs),
    row("  same, against each import alone", "importsAlone", "importFloorAlone", 0.3, aloneIs),
    row("sync-types --watch: start → \"watching\"", "watch", "serveFloor", 0.5, serveFloorIs),
    row("  same, config as JSON", "watchJson", "serveFloor", 0.5, serveFloorIs),
  ]) + `\n(over floor: the median of each run's difference with its own floor run, which ran just before it)`;
}
