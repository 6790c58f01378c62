/**
 * Proof by matrix: for each drift of one extracted estimation-api spec, `check`'s broken call
 * sites equal what the consumer's own `tsc -p` reports once the client is regenerated, under
 * TypeScript 5.9, 6.0 and 7 relying on each version's defaults (no `strict` key: off before 6.0,
 * on since). The spec is extracted once from the real app and served by a tiny server per drift.
 */
import { execa } from "execa";
import { cp, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openConsumerCompiler } from "../../src/check/compiler/index.js";
import { runCli } from "../helpers/cli.js";
import { REPO_ROOT } from "../helpers/paths.js";
import { makeProject } from "../helpers/project.js";

type Report = {
  callSites: { file: string; line: number; column: number; code: number; declaration: string | null; cause: { id: string } | null }[];
  runtimeRisks: { file: string; line: number; column: number; change: { id: string; location: string } }[];
  compilers: { typescript: string; source: string }[];
};
type Spec = { components: { schemas: Record<string, { required?: string[]; properties?: Record<string, unknown>; enum?: string[] }> } };

const VERSIONS = [["ts5", "typescript", "5.9.3"], ["ts6", "typescript6", "6.0.3"], ["ts7", "typescript7", "7.0.2"]] as const;

const CONSUMER = `import type { Estimate, EstimateCreate } from "../../src/clients/estimation-api/index.js";

export const shout = (e: Estimate): string => e.customer.toUpperCase();
export const money = (e: Estimate): string => \`\${e.total} \${e.currency}\`;
export const key = (e: Estimate): string => e.id;
export const lost = (e: Estimate): boolean => e.stage === "closed_lost";
export const draft: EstimateCreate = { customer: "Acme", line_items: [] };
export const named = (e: Estimate): string => e.customer ?? "";
export const again = (customer: string): EstimateCreate => ({ customer, line_items: [] });
`;

const DRIFTS: [string, (spec: Spec) => void][] = [
  ["response field becomes optional", (s) => void (s.components.schemas["Estimate"]!.required = s.components.schemas["Estimate"]!.required!.filter((p) => p !== "customer"))],
  ["response field removed", (s) => void delete s.components.schemas["Estimate"]!.properties!["currency"]],
  ["response field renamed", (s) => {
    const estimate = s.components.schemas["Estimate"]!;
    estimate.properties = Object.fromEntries(Object.entries(estimate.properties!).map(([k, v]) => [k === "id" ? "estimate_id" : k, v]));
    estimate.required = estimate.required!.map((p) => (p === "id" ? "estimate_id" : p));
  }],
  ["request field becomes required", (s) => void s.components.schemas["EstimateCreate"]!.required!.push("notes")],
  ["enum value removed", (s) => void (s.components.schemas["DealStage"]!.enum = s.components.schemas["DealStage"]!.enum!.filter((v) => v !== "closed_lost"))],
];

let dir: string;
let baseline: Spec;
let served: Spec;
let server: Server;
const committed = new Map<string, string>();

beforeAll(async () => {
  dir = await makeProject({ "estimation-api": { from: "estimation-api", source: "import" } }, {
    typecheck: { tsconfig: VERSIONS.map(([folder]) => `${folder}/tsconfig.json`) },
  });
  await writeFile(join(dir, "package.json"), JSON.stringify({ type: "module" }));
  for (const [folder, pkg] of VERSIONS) {
    await mkdir(join(dir, folder, "src"), { recursive: true });
    await mkdir(join(dir, folder, "node_modules"));
    await symlink(join(REPO_ROOT, "node_modules", pkg), join(dir, folder, "node_modules/typescript"));
    await writeFile(join(dir, folder, "src/consumer.ts"), CONSUMER);
    // Only what the generated ESM client needs; everything else, `strict` included, is the version's default.
    await writeFile(join(dir, folder, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", noEmit: true }, include: ["src"] }));
  }
  expect((await runCli([], { cwd: dir })).code).toBe(0);
  const specText = await readFile(join(dir, "contracts/estimation-api.openapi.json"), "utf8");
  baseline = JSON.parse(specText) as Spec;
  for (const file of ["contracts/estimation-api.openapi.json", "src/clients/estimation-api"]) committed.set(file, join(dir, ".committed", file));
  for (const [file, copy] of committed) await cp(join(dir, file), copy, { recursive: true });

  served = baseline;
  server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(served)));
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const configFile = join(dir, "sync-types.config.json");
  const config = JSON.parse(await readFile(configFile, "utf8"));
  Object.assign(config.services["estimation-api"], { source: "url", url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
  await writeFile(configFile, JSON.stringify(config));
  for (const [folder] of VERSIONS) expect(await ownTsc(folder), `${folder} compiles before any drift`).toEqual([]);
}, 180_000);

afterAll(() => new Promise<void>((closed) => (server ? server.close(() => closed()) : closed())));

/** The consumer's own compiler, as its `tsc -p` reports: `file:line:code`. */
async function ownTsc(folder: string): Promise<string[]> {
  const tsc = join(dir, folder, "node_modules/typescript/bin/tsc");
  const run = await execa(tsc, ["-p", `${folder}/tsconfig.json`, "--pretty", "false"], { cwd: dir, reject: false });
  const found = [...run.stdout.matchAll(/^(\S+?)(?:\((\d+),\d+\)|:(\d+):\d+)(?::| -) error TS(\d+)/gm)].map((m) => `${m[1]}:${m[2] ?? m[3]}:${m[4]}`);
  expect(found.length > 0, `tsc exit ${run.exitCode} with no parsable diagnostic:\n${run.stdout}${run.stderr}`).toBe(run.exitCode !== 0);
  return found.sort();
}

/** What `check` says each call site of `folder` used, and which still-compiling ones a change puts at risk. */
function analysed(report: Report, folder: string): { callSites: string[]; runtimeRisks: string[] } {
  const own = (file: string) => file.startsWith(`${folder}/`);
  return {
    callSites: report.callSites.filter((c) => own(c.file)).map((c) => `${c.line}:${c.column} TS${c.code} ${c.declaration} ${c.cause?.id}`).sort(),
    runtimeRisks: report.runtimeRisks.filter((r) => own(r.file)).map((r) => `${r.line}:${r.column} ${r.change.id} ${r.change.location}`).sort(),
  };
}

describe.each(DRIFTS)("%s", (_name, drift) => {
  test("check's broken call sites are the consumer's own tsc diagnostics, per TypeScript version", async () => {
    served = structuredClone(baseline);
    drift(served);
    try {
      const check = await runCli(["check", "--format", "json"], { cwd: dir });
      expect(check.code, check.stderr).toBe(1);
      const report = JSON.parse(check.stdout) as Report;
      expect(report.compilers.map((c) => `${c.typescript} ${c.source}`)).toEqual(VERSIONS.map(([, , version]) => `${version} consumer`));
      // 7 answers what a call site used from its own checker, 6.0 from a bundled program: same defaults, same answers.
      expect(analysed(report, "ts7"), "attribution and runtime risks under 7 vs 6.0").toEqual(analysed(report, "ts6"));
      expect((await runCli([], { cwd: dir })).code).toBe(0);
      for (const [folder] of VERSIONS) {
        const own = await ownTsc(folder);
        const checked = report.callSites.filter((c) => c.file.startsWith(`${folder}/`)).map((c) => `${c.file}:${c.line}:${c.code}`).sort();
        expect(checked, `check vs ${folder}'s own tsc`).toEqual(own);
        // What watch re-runs after each save, on the files just written: the same verdict.
        const compiler = await openConsumerCompiler(join(dir, folder, "tsconfig.json"), () => undefined);
        try {
          const watched = compiler.check(new Map(), (f) => f.startsWith(join(dir, "src/clients/")))
            .map((d) => `${d.file.slice(dir.length + 1)}:${d.line}:${d.code}`).sort();
          expect(watched, `watch vs ${folder}'s own tsc`).toEqual(own);
        } finally {
          compiler.close();
        }
      }
    } finally {
      for (const [file, copy] of committed) {
        await rm(join(dir, file), { recursive: true, force: true });
        await cp(copy, join(dir, file), { recursive: true });
      }
    }
  }, 120_000);
});

test("the matrix is not trivially equal: an optional response field breaks 6.0 and 7 (strict by default) but not 5.9", async () => {
  served = structuredClone(baseline);
  DRIFTS[0]![1](served);
  try {
    const report = JSON.parse((await runCli(["check", "--format", "json"], { cwd: dir })).stdout) as Report;
    expect(report.callSites.map((c) => `${c.file.split("/")[0]} TS${c.code}`).sort()).toEqual(["ts6 TS18048", "ts7 TS18048"]);
    // Nor is the analysis: 7 ties the call site to its declaration and change, and finds the use that still compiles.
    expect(analysed(report, "ts7")).toEqual({
      callSites: ["3:47 TS18048 components.schemas.Estimate.customer response-property-became-optional"],
      runtimeRisks: ["8:49 response-property-became-optional Estimate.customer"],
    });
    expect(analysed(report, "ts5").runtimeRisks).toEqual(["3:49 response-property-became-optional Estimate.customer", "8:49 response-property-became-optional Estimate.customer"]);
  } finally {
    served = baseline;
  }
}, 60_000);
