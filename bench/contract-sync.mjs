// What a TypeScript-owned contract adds to a sync (the generator alone: pydantic.mjs): `sync-types -s content-api` on a copy of the
// examples, warm, with its `contract` + `pydantic` keys and with them taken out (the app still
// imports the committed module), paired run by run; and the module generated cold, the
// generator's cache emptied first (TypeScript + ts-json-schema-generator + datamodel-code-generator).
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { project } from "./check.mjs";
import { ROOT, measurePaired, table } from "./lib.mjs";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

export function benchContractSync() {
  const dir = project("contract-sync-examples");
  const config = readFileSync(join(dir, "sync-types.config.ts"), "utf8");
  writeFileSync(join(dir, "python-owned.config.ts"), config.replace(/^\s*(contract|pydantic): .*\n/gm, ""));
  const sync = (file) => () => ["node", join(ROOT, "bin/sync-types.js"), "-c", file, "-s", "content-api"];
  const own = sync("sync-types.config.ts");
  // Fills the spec and module caches, and checks the copy is in sync before anything is timed.
  measurePaired([["warm-up", own, { cwd: dir }]], { runs: 1 });
  // The copy's own node_modules holds every cache of the run; only the generated modules go.
  const emptyModuleCache = () => rmSync(join(dir, "node_modules/.cache/sync-types/pydantic"), { recursive: true, force: true });
  const results = measurePaired([
    ["contract", own, { cwd: dir }],
    ["no contract", sync("python-owned.config.ts"), { cwd: dir }],
    ["contract, module cold", own, { cwd: dir, before: emptyModuleCache }],
  ], { runs: RUNS });
  const warm = results.get("contract");
  const base = results.get("no contract");
  const cold = results.get("contract, module cold");
  const s = (r) => (r.error ? r.error : `${r.seconds.toFixed(2)} s`);
  return table([`sync-types -s content-api on the examples (median of ${RUNS})`, "wall", "added by the contract"], [
    ["Python owns the contract (no `contract` key)", s(base), ""],
    ["TypeScript owns it, warm (module unchanged)", s(warm), warm.error || base.error ? "" : `${(warm.seconds - base.seconds).toFixed(2)} s`],
    ["TypeScript owns it, module generated cold", s(cold), cold.error || base.error ? "" : `${(cold.seconds - base.seconds).toFixed(2)} s`],
  ]);
}
