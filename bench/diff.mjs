// Contract diff speed: the 400-resource FastAPI spec against a copy with a few dozen everyday
// edits. `diffSpecs` in process (median of 5, plus the first, cold run), a whole cold process
// (read both files, diff, JSON report) and, side by side, `redocly diff` when it is installed.
// `node bench/diff.mjs` prints the table; `node bench/diff.mjs --once BASE HEAD` is one diff run.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, WORK, benchSpec, measure, median, table } from "./lib.mjs";

const dist = (path) => import(pathToFileURL(join(ROOT, "dist/src", path)).href);

/** Six everyday edits, each applied to six resources spread over the spec: 36 edits. */
const EDITS = [
  ["new required request property", (spec, i) => spec.components.schemas[`Res${i}Create`].required.push("description")],
  ["enum member added", (spec, i) => spec.components.schemas[`Res${i}Status`].enum.push("deleted")],
  ["route deleted", (spec, i) => delete spec.paths[`/res${i}/{item_id}`].delete],
  ["response field made optional", (spec, i) => {
    const model = spec.components.schemas[`Res${i}`];
    model.required = model.required.filter((name) => name !== "version");
  }],
  ["required query parameter added", (spec, i) => spec.paths[`/res${i}`].get.parameters.push({ name: "tenant", in: "query", required: true, schema: { type: "string" } })],
  ["constraint tightened", (spec, i) => (spec.components.schemas[`Res${i}Create`].properties.name.maxLength = 100)],
];
const EDITED = Array.from({ length: 6 }, (_, k) => k * 60 + 7);

export async function benchDiff({ resources = 400, runs = 5 } = {}) {
  const { canonicalizeSpec, serializeSpec } = await dist("spec/canonical.js");
  const { diffSpecs } = await dist("diff/index.js");
  const base = canonicalizeSpec(JSON.parse(readFileSync(benchSpec(resources), "utf8")), "bench");
  const head = structuredClone(base);
  for (const i of EDITED) for (const [, edit] of EDITS) edit(head, i);
  const baseFile = join(WORK, `diff-${resources}-base.json`);
  const headFile = join(WORK, `diff-${resources}-head.json`);
  writeFileSync(baseFile, serializeSpec(base));
  writeFileSync(headFile, serializeSpec(head));

  const baseText = serializeSpec(base);
  const times = [];
  let changes = [];
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    changes = diffSpecs(base, head, { baseText });
    times.push((performance.now() - started) / 1000);
  }
  const [cold, ...warm] = times;
  const process = measure([globalThis.process.execPath, join(ROOT, "bench/diff.mjs"), "--once", baseFile, headFile], { runs: 3 });

  const rows = [
    [`sync-types diffSpecs, in process (median of ${runs})`, seconds(median(warm)), ""],
    ["sync-types diffSpecs, first run in process", seconds(cold), ""],
    ["sync-types: node, read, diff, JSON report (median of 3)", seconds(process.seconds), `${process.mb.toFixed(0)} MB`],
    redoclyRow(baseFile, headFile),
  ];
  const edits = `${EDITED.length * EDITS.length} edits (${EDITS.map(([name]) => name).join(", ")}) on ${EDITED.length} of ${resources} resources`;
  return `${edits} → ${changes.length} changes\n\n${table(["diff of the 400-resource spec", "wall", "peak RSS"], rows)}`;
}

/** `redocly diff` (@redocly/cli, a devDependency) side by side; it exits 1 when it finds major changes. */
function redoclyRow(baseFile, headFile) {
  const redocly = join(ROOT, "node_modules", ".bin", "redocly");
  const probe = spawnSync(redocly, ["--version"], { cwd: ROOT, encoding: "utf8" });
  if (probe.status !== 0) return ["redocly diff", "not installed: skipped", ""];
  try {
    const result = measure(["sh", "-c", `"${redocly}" diff "${baseFile}" "${headFile}" > /dev/null 2>&1; test $? -le 1`], { runs: 3 });
    return [`redocly diff ${probe.stdout.trim().split("\n").at(-1)} (median of 3)`, seconds(result.seconds), `${result.mb.toFixed(0)} MB`];
  } catch (error) {
    return ["redocly diff", `failed: ${error.message.split("\n")[0]}`, ""];
  }
}

const seconds = (s) => `${s.toFixed(3)} s`;

async function once(baseFile, headFile) {
  // The modules `sync-types diff` loads, not the whole public API (which brings the generators).
  const { canonicalizeSpec } = await dist("spec/canonical.js");
  const { diffSpecs } = await dist("diff/index.js");
  const { reportDiffJson } = await dist("reporters/diff-json.js");
  const baseText = readFileSync(baseFile, "utf8");
  const base = canonicalizeSpec(JSON.parse(baseText), "bench");
  const head = canonicalizeSpec(JSON.parse(readFileSync(headFile, "utf8")), "bench");
  const changes = diffSpecs(base, head, { baseText });
  let bytes = 0;
  const service = { service: "bench", spec: baseFile, base: baseFile, head: headFile, changes, failing: [], ignored: [], error: undefined };
  reportDiffJson({ level: "types", services: [service], expired: [], exitCode: 0 }, (text) => (bytes += text.length));
  return bytes;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf("--once");
  if (at >= 0) await once(process.argv[at + 1], process.argv[at + 2]);
  else console.log(await benchDiff());
}
