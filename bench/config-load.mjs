// Load of a `.ts` config in a fresh Node process, as the CLI does before anything else: never
// loaded before, and unchanged since the last load (its stripped source cached by content). Usage: node bench/config-load.mjs [other-checkout] (compares its dist too).
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { median, ROOT, WORK } from "./lib.mjs";

const RUNS = 5;
const service = `{ dir: "svc", app: "app.main:app", spec: "a.json", output: "out" }`;

/** A project whose config imports `from`, with node_modules/sync-types pointing at `checkout`. */
function project(name, checkout, from) {
  const dir = join(WORK, `config-load-${name}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(checkout, join(dir, "node_modules/sync-types"));
  writeFileSync(join(dir, "sync-types.config.ts"), `import { defineConfig } from "${from}";\nconst port: number = 8000;\nexport default defineConfig({ services: { a: { ...${service}, port } } });\n`);
  return dir;
}

/** Milliseconds from calling loadConfigFile to its result, in a fresh process. */
function coldLoadMs(checkout, dir) {
  const script = `const { loadConfigFile } = await import(${JSON.stringify(join(checkout, "dist/src/config/load.js"))});
const t = performance.now(); await loadConfigFile(${JSON.stringify(join(dir, "sync-types.config.ts"))});
process.stdout.write(String(performance.now() - t));`;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: dir, encoding: "utf8" });
  if (run.status !== 0) throw new Error(run.stderr);
  return Number(run.stdout);
}

const cases = [
  ["this checkout, import from \"sync-types/config\"", ROOT, "sync-types/config"],
  ["this checkout, import from \"sync-types\"", ROOT, "sync-types"],
];
if (process.argv[2]) cases.push([`${process.argv[2]}, import from "sync-types"`, resolve(process.argv[2]), "sync-types"]);
// The scale of this machine right now: a loaded machine slows every figure alike.
const bare = Array.from({ length: RUNS }, () => {
  const started = performance.now();
  spawnSync(process.execPath, ["-e", "0"]);
  return performance.now() - started;
});
console.log(`node start-up alone (for scale): median ${(median(bare) / 1000).toFixed(2)} s`);
// Cold: the config never loaded before (its stripped source not cached); unchanged: loaded before.
const cache = (dir) => join(dir, "node_modules/.cache");
for (const [label, checkout, from] of cases) {
  const dir = project(cases.findIndex((c) => c[0] === label), checkout, from);
  const cold = [];
  const unchanged = [];
  for (let run = 0; run < RUNS; run++) {
    rmSync(cache(dir), { recursive: true, force: true });
    cold.push(coldLoadMs(checkout, dir));
    unchanged.push(coldLoadMs(checkout, dir));
  }
  const show = (samples) => `median ${(median(samples) / 1000).toFixed(2)} s (${samples.map((s) => Math.round(s)).join(", ")} ms)`;
  console.log(`${label}: fresh process, config never loaded: ${show(cold)}; unchanged config: ${show(unchanged)}`);
}
