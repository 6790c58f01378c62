// Generation speed, as users run it: `sync-types generate spec.json -o dir` (types + client,
// validation included, CLI start-up included) against `openapi-typescript spec.json -o types.ts`
// (types only), orval and @hey-api/openapi-ts, on the same FastAPI-made specs. Paired runs
// (every tool's run i before anyone's run i+1), median wall time, peak memory, ratios.
// The cold row is a spec seen for the first time (the content cache emptied before each run);
// the warm row is the same command again, as in a loop that regenerates an unchanged spec. The
// in-process row (no start-up, no validation) is labelled as such.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, WORK, benchSpec, measurePaired, ratio, table } from "./lib.mjs";

const bin = (name) => join(ROOT, "node_modules", ".bin", name);
const fresh = (name) => {
  const dir = join(WORK, "out", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** A folder of its own to run `sync-types generate` in: its content cache lands in its node_modules/.cache. */
function generateHome(name) {
  const dir = join(WORK, `generate-home-${name}`);
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  return { dir, clearCache: () => rmSync(join(dir, "node_modules", ".cache"), { recursive: true, force: true }) };
}

const OURS = "sync-types generate (types + client), cold";
const OAT = "openapi-typescript (types)";

const tools = (spec, size) => {
  const cold = generateHome(`cold-${size}`);
  const warm = generateHome(`warm-${size}`);
  const warmOut = join(WORK, "out", `ours-warm-${size}`);
  const ours = (out) => [process.execPath, join(ROOT, "bin/sync-types.js"), "generate", spec, "-o", out, "--quiet"];
  let primed = false;
  const prime = () => {
    if (primed) return;
    warm.clearCache();
    spawnSync(ours(warmOut)[0], ours(warmOut).slice(1), { cwd: warm.dir, stdio: "ignore" });
    primed = true;
  };
  return [
    [OURS, () => ours(fresh(`ours-${size}`)), { cwd: cold.dir, before: cold.clearCache }],
    [OAT, () => [bin("openapi-typescript"), spec, "-o", join(fresh(`oat-${size}`), "types.ts")]],
    ["sync-types generate, same spec again (warm cache)", () => ours(warmOut), { cwd: warm.dir, before: prime }],
    ["in process: generateFiles only (no start-up, no validation)", () => [process.execPath, join(ROOT, "bench/generate-ours.mjs"), spec, fresh(`ours-inproc-${size}`)]],
    ["orval (fetch client)", () => {
      const dir = fresh(`orval-${size}`);
      const config = join(dir, "orval.config.cjs");
      writeFileSync(config, `module.exports = { bench: { input: ${JSON.stringify(spec)}, output: { target: ${JSON.stringify(join(dir, "client.ts"))}, client: "fetch" } } };\n`);
      return [bin("orval"), "--config", config];
    }],
    // hey-api takes minutes on the large spec: one run is enough to place it.
    ["@hey-api/openapi-ts (sdk)", () => [bin("openapi-ts"), "-i", spec, "-o", fresh(`hey-${size}`)], size >= 400 ? { runs: 1 } : {}],
  ];
};

export function benchGenerate({ sizes = [100, 400], runs = 3 } = {}) {
  const rows = [];
  for (const size of sizes) {
    const spec = benchSpec(size);
    const results = measurePaired(tools(spec, size), {
      runs,
      onRun: (name, run) => process.stderr.write(`  generate ${size} resources, run ${run + 1}: ${name}…\n`),
    });
    const baseline = results.get(OAT);
    for (const [name, r] of results) {
      rows.push(r.error
        ? [`${size} res · ${name}`, `failed: ${r.error.slice(0, 60)}`, "", "", ""]
        : [`${size} res · ${name}`, `${r.seconds.toFixed(2)} s`, ratio(r, baseline), `${r.mb.toFixed(0)} MB`, r.runs]);
    }
  }
  return table(["generation (median, paired runs)", "wall", "vs openapi-typescript", "peak RSS", "runs"], rows);
}
