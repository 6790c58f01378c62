// Contract diff speed: the 400-resource FastAPI spec against a copy with a few dozen everyday
// edits. The command users run (`sync-types diff --head FILE`, start-up included, JSON report)
// beside `oasdiff breaking` and `redocly diff` on the same pair, paired runs; then `diffSpecs`
// in process (median of 5, plus the first, cold run), labelled as such.
// oasdiff is a Go binary: taken from PATH, else installed once into bench/.work/tools with
// `go install` when Go is on PATH, else skipped with a line saying so.
// `node bench/diff.mjs` prints the table.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, WORK, benchSpec, measurePaired, median, ratio, table } from "./lib.mjs";

const dist = (path) => import(pathToFileURL(join(ROOT, "dist/src", path)).href);
const OASDIFF_VERSION = "v1.37.0";
const RUNS = 3;

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

/** A project whose one service has `base` as its committed spec: `sync-types diff --head head.json` compares the pair. */
function diffProject(baseText, headText) {
  const dir = join(WORK, "diff-project");
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  writeFileSync(join(dir, "base.json"), baseText);
  writeFileSync(join(dir, "head.json"), headText);
  writeFileSync(join(dir, "sync-types.config.json"), JSON.stringify({ services: { bench: { dir: ".", app: "main:app", spec: "base.json", output: "out" } } }));
  return dir;
}

/** oasdiff from PATH, or from the bench's own tools folder (installed there with Go when needed); else why not. */
function oasdiff() {
  const onPath = spawnSync("oasdiff", ["--version"], { encoding: "utf8" });
  if (onPath.status === 0) return { bin: "oasdiff", version: /\d+\.\d+\.\d+/.exec(onPath.stdout)?.[0] ?? onPath.stdout.trim() };
  const tools = join(WORK, "tools");
  const bin = join(tools, "oasdiff");
  if (!existsSync(bin)) {
    if (spawnSync("go", ["version"]).status !== 0) return { skipped: "not installed and Go is not on PATH: skipped" };
    process.stderr.write(`  diff: installing oasdiff ${OASDIFF_VERSION} with go install (once)…\n`);
    const installed = spawnSync("go", ["install", `github.com/oasdiff/oasdiff@${OASDIFF_VERSION}`], { env: { ...process.env, GOBIN: tools }, encoding: "utf8" });
    if (installed.status !== 0) return { skipped: `go install failed: ${installed.stderr.trim().split("\n").at(-1)}` };
  }
  // A `go install`ed binary calls itself "main": the version it was installed at names it.
  const said = /\d+\.\d+\.\d+/.exec(spawnSync(bin, ["--version"], { encoding: "utf8" }).stdout ?? "")?.[0];
  return { bin, version: said ?? OASDIFF_VERSION.slice(1) };
}

export async function benchDiff({ resources = 400, runs = 5 } = {}) {
  const { canonicalizeSpec, serializeSpec } = await dist("spec/canonical.js");
  const { diffSpecs } = await dist("diff/index.js");
  const base = canonicalizeSpec(JSON.parse(readFileSync(benchSpec(resources), "utf8")), "bench");
  const head = structuredClone(base);
  for (const i of EDITED) for (const [, edit] of EDITS) edit(head, i);
  const baseText = serializeSpec(base);
  const dir = diffProject(baseText, serializeSpec(head));
  const baseFile = join(dir, "base.json");
  const headFile = join(dir, "head.json");

  const redocly = join(ROOT, "node_modules", ".bin", "redocly");
  const redoclyVersion = spawnSync(redocly, ["--version"], { cwd: ROOT, encoding: "utf8" });
  const oas = oasdiff();
  // Both exit 1 on breaking changes, as they should here.
  const upTo1 = (command) => ["sh", "-c", `${command} > /dev/null 2>&1; test $? -le 1`];
  const OURS = "sync-types diff --head head.json --format json";
  const OASDIFF = `oasdiff breaking ${oas.version ?? ""}`.trim();
  const commands = [
    [OURS, () => upTo1(`node "${join(ROOT, "bin/sync-types.js")}" diff --head head.json --format json`), { cwd: dir }],
    ...(oas.bin ? [[OASDIFF, () => upTo1(`"${oas.bin}" breaking "${baseFile}" "${headFile}"`), { cwd: dir }]] : []),
    ...(redoclyVersion.status === 0 ? [[`redocly diff ${redoclyVersion.stdout.trim().split("\n").at(-1)}`, () => upTo1(`"${redocly}" diff "${baseFile}" "${headFile}"`), { cwd: dir }]] : []),
  ];
  const results = measurePaired(commands, { runs: RUNS, onRun: (name, run) => process.stderr.write(`  diff, run ${run + 1}: ${name}…\n`) });
  const ours = results.get(OURS);
  const rows = [...results].map(([name, r]) => r.error
    ? [name, `failed: ${r.error.slice(0, 60)}`, "", "", ""]
    : [name, seconds(r.seconds), `${r.mb.toFixed(0)} MB`, name === OURS ? "" : ratio(ours, r), r.runs]);
  if (!oas.bin) rows.push(["oasdiff breaking", oas.skipped, "", "", ""]);
  if (redoclyVersion.status !== 0) rows.push(["redocly diff", "not installed: skipped", "", "", ""]);

  const times = [];
  let changes = [];
  for (let run = 0; run <= runs; run++) {
    const started = performance.now();
    changes = diffSpecs(base, head, { baseText });
    times.push((performance.now() - started) / 1000);
  }
  const [cold, ...warm] = times;
  rows.push([`in process: diffSpecs only (median of ${runs})`, seconds(median(warm)), "", "", runs]);
  rows.push(["in process: diffSpecs only, first run", seconds(cold), "", "", 1]);

  const edits = `${EDITED.length * EDITS.length} edits (${EDITS.map(([name]) => name).join(", ")}) on ${EDITED.length} of ${resources} resources`;
  return `${edits} → ${changes.length} changes\n\n${table([`diff of the ${resources}-resource spec (median, paired runs)`, "wall", "peak RSS", "sync-types ÷ it", "runs"], rows)}`;
}

const seconds = (s) => `${s.toFixed(3)} s`;

if (import.meta.url === pathToFileURL(process.argv[1]).href) console.log(await benchDiff());
