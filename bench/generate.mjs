// Generation speed: sync-types (types + client) against openapi-typescript (types only), orval
// and @hey-api/openapi-ts, on the same FastAPI-made specs. Median wall time, peak memory, ratios.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, WORK, benchSpec, measure, table } from "./lib.mjs";

const bin = (name) => join(ROOT, "node_modules", ".bin", name);
const fresh = (name) => {
  const dir = join(WORK, "out", name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
};

const tools = (spec, size) => [
  ["sync-types (types + client)", () => [process.execPath, join(ROOT, "bench/generate-ours.mjs"), spec, fresh(`ours-${size}`)]],
  ["openapi-typescript (types)", () => [bin("openapi-typescript"), spec, "-o", join(fresh(`oat-${size}`), "types.ts")]],
  ["orval (fetch client)", () => {
    const dir = fresh(`orval-${size}`);
    const config = join(dir, "orval.config.cjs");
    writeFileSync(config, `module.exports = { bench: { input: ${JSON.stringify(spec)}, output: { target: ${JSON.stringify(join(dir, "client.ts"))}, client: "fetch" } } };\n`);
    return [bin("orval"), "--config", config];
  }],
  ["@hey-api/openapi-ts (sdk)", () => [bin("openapi-ts"), "-i", spec, "-o", fresh(`hey-${size}`)]],
];

export function benchGenerate({ sizes = [100, 400], runs = 3, slowRuns = 1 } = {}) {
  const rows = [];
  for (const size of sizes) {
    const spec = benchSpec(size);
    const results = [];
    for (const [name, argv] of tools(spec, size)) {
      // hey-api takes minutes on the large spec: one run is enough to place it.
      const n = name.startsWith("@hey-api") && size >= 400 ? slowRuns : runs;
      process.stderr.write(`  generate ${size} resources: ${name} (${n} run${n === 1 ? "" : "s"})…\n`);
      try {
        results.push([name, measure(argv(), { runs: n })]);
      } catch (error) {
        results.push([name, { error: error.message.split("\n")[0] }]);
      }
    }
    const baseline = results.find(([name]) => name.startsWith("openapi-typescript"))[1];
    for (const [name, r] of results) {
      rows.push(r.error
        ? [`${size} res · ${name}`, "failed", "", "", ""]
        : [`${size} res · ${name}`, `${r.seconds.toFixed(2)} s`, `${(r.seconds / baseline.seconds).toFixed(2)}×`, `${r.mb.toFixed(0)} MB`, r.runs]);
    }
  }
  return table(["generation (median)", "wall", "vs openapi-typescript", "peak RSS", "runs"], rows);
}
