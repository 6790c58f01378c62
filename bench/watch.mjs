// Watch latency: save a .py → report printed, median of 10 saves, for an example service and for
// the same service importing pandas; against the floor (app import + app.openapi(), deps already
// imported) and the naive loop (restart uvicorn, poll /openapi.json until it answers).
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ensureVenv } from "../scripts/venv.mjs";
import { ROOT, WORK, median, run, table } from "./lib.mjs";

const SAVES = 10;

async function heavyVenv() {
  const dir = join(WORK, "heavy-env");
  mkdirSync(dir, { recursive: true });
  const base = readFileSync(join(ROOT, "examples/services/estimation-api/requirements.txt"), "utf8");
  writeFileSync(join(dir, "requirements.txt"), `${base.trimEnd()}\npandas==2.3.3\n`);
  return ensureVenv(dir);
}

function makeProject(name, python, heavy) {
  const dir = join(WORK, `watch-${name}`);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(ROOT, "examples/services/estimation-api"), join(dir, "svc"), { recursive: true, filter: (p) => !p.includes(".venv") && !p.includes("__pycache__") });
  if (heavy) {
    const main = join(dir, "svc/app/main.py");
    writeFileSync(main, `import pandas  # noqa: F401  (an ML-style heavy import)\n${readFileSync(main, "utf8")}`);
  }
  writeFileSync(join(dir, "sync-types.config.json"), JSON.stringify({
    services: { svc: { dir: "svc", app: "app.main:app", spec: "svc.openapi.json", output: "out", python } },
  }));
  return dir;
}

function floorSeconds(dir, python, heavy) {
  const code = `import time, fastapi, pydantic${heavy ? ", pandas" : ""}\nt = time.perf_counter()\nimport app.main as m\nm.app.openapi()\nprint(time.perf_counter() - t)`;
  const samples = Array.from({ length: 5 }, () => Number(run([python, "-c", code], { cwd: join(dir, "svc") }).trim()));
  return median(samples);
}

/** Spawn uvicorn, poll its spec, stop it: what a naive watcher pays on every save. */
async function naiveSeconds(dir, python) {
  const samples = [];
  for (let i = 0; i < 5; i++) {
    const port = 18900 + i;
    const started = performance.now();
    const child = spawn(python, ["-m", "uvicorn", "app.main:app", "--port", String(port)], { cwd: join(dir, "svc"), stdio: "ignore", detached: true });
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${port}/openapi.json`).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    samples.push((performance.now() - started) / 1000);
    process.kill(-child.pid, "SIGKILL");
  }
  return median(samples);
}

async function watchSeconds(dir) {
  const cli = spawn(process.execPath, [join(ROOT, "bin/sync-types.js"), "--watch", "--no-serve"], { cwd: dir, env: { ...process.env, NO_COLOR: "1" }, detached: true });
  let output = "";
  cli.stdout.on("data", (c) => (output += c));
  cli.stderr.on("data", (c) => (output += c));
  const waitFor = async (pattern, from) => {
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 2))) {
      if (pattern.test(output.slice(from))) return performance.now();
    }
    throw new Error(`timed out waiting for ${pattern}:\n${output}`);
  };
  try {
    await waitFor(/watching 1 service/, 0);
    const models = join(dir, "svc/app/models.py");
    const original = readFileSync(models, "utf8");
    const samples = [];
    for (let i = 0; i < SAVES; i++) {
      const mark = output.length;
      const started = performance.now();
      writeFileSync(models, i % 2 === 0 ? original.replace("    notes: str | None = None", `    notes: str | None = None\n    extra_${i}: int | None = None`) : original);
      samples.push(((await waitFor(/↻ svc /, mark)) - started) / 1000);
    }
    return median(samples);
  } finally {
    process.kill(-cli.pid, "SIGINT");
  }
}

export async function benchWatch() {
  const rows = [];
  const light = join(ROOT, "examples/services/estimation-api/.venv/bin/python");
  for (const [name, python, heavy] of [["estimation-api", light, false], ["estimation-api + pandas", await heavyVenv(), true]]) {
    process.stderr.write(`  watch: ${name}…\n`);
    const dir = makeProject(name.replaceAll(/\W+/g, "-"), python, heavy);
    const floor = floorSeconds(dir, python, heavy);
    const ours = await watchSeconds(dir);
    const naive = await naiveSeconds(dir, python);
    rows.push([name, `${floor.toFixed(2)} s`, `${ours.toFixed(2)} s`, `+${(ours - floor).toFixed(2)} s`, `${naive.toFixed(2)} s`, `${(naive / ours).toFixed(1)}×`]);
  }
  return table(["save → report (median of 10)", "floor: import + openapi()", "sync-types --watch", "over floor", "naive restart + poll", "naive / ours"], rows);
}
