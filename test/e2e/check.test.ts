import { readFile, writeFile, mkdir, rm, symlink } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { execa } from "execa";
import { runCli } from "../helpers/cli.js";
import { REPO_ROOT } from "../helpers/paths.js";
import { makeProject } from "../helpers/project.js";

/** A consumer project calling estimation-api through its generated types. */
const CONSUMER = `import type { Estimate, EstimateCreate } from "./clients/estimation-api/index.js";

export function describeEstimate(estimate: Estimate): string {
  return \`\${estimate.customer}: \${estimate.total} \${estimate.currency}\`;
}

export const draft: EstimateCreate = {
  customer: "Acme",
  line_items: [{ sku: "SEAT", quantity: 2, pricing: { kind: "fixed", amount: 10 } }],
  stage: "prospect",
  currency: "EUR",
  discount_percent: 0,
  tags: [],
};

export const isOpen = (estimate: Estimate): boolean => estimate.stage !== "closed_won" && estimate.stage !== "closed_lost";
`;

const TSCONFIG = {
  compilerOptions: { strict: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", noEmit: true, types: [] },
  include: ["src"],
};

async function editModels(dir: string, from: string | RegExp, to: string): Promise<void> {
  const file = join(dir, "services/estimation-api/app/models.py");
  const text = await readFile(file, "utf8");
  const edited = text.replace(from, to);
  expect(edited).not.toBe(text);
  await writeFile(file, edited);
}

describe("sync-types check on a copy of estimation-api", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeProject({ "estimation-api": { from: "estimation-api", source: "import" } }, { typecheck: { tsconfig: "tsconfig.json" } });
    await mkdir(join(dir, "src"), { recursive: true });
    await writeFile(join(dir, "src/consumer.ts"), CONSUMER);
    await writeFile(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG));
    // The consumer's own TypeScript, as an app would have it in its devDependencies.
    await mkdir(join(dir, "node_modules"));
    await symlink(join(REPO_ROOT, "node_modules/typescript"), join(dir, "node_modules/typescript"));
    expect((await runCli([], { cwd: dir })).code).toBe(0);
  });

  test("nothing changed -> exit 0, and the consumer compiles", async () => {
    const { ConsumerProject } = await import("../../src/check/typecheck.js");
    expect(new ConsumerProject(join(dir, "tsconfig.json")).check()).toEqual([]);
    const run = await runCli(["check"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.stdout).toContain("all contracts in sync");
    expect(run.code).toBe(0);
    // Unchanged Python sources: the second check reuses the extracted spec; --no-cache does not.
    expect((await runCli(["check"], { cwd: dir })).stdout).toMatch(/in sync\s+\(sources unchanged: cached spec\)/);
    expect((await runCli(["check", "--no-cache"], { cwd: dir })).stdout).not.toContain("cached spec");
  });

  test("a renamed Pydantic field -> exit 1, stale files and the exact call site", async () => {
    await editModels(dir, "    customer: str = Field(min_length=1, max_length=200)", "    client_name: str = Field(min_length=1, max_length=200)");
    const before = await readFile(join(dir, "contracts/estimation-api.openapi.json"), "utf8");
    const run = await runCli(["check"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ estimation-api\s+stale/);
    expect(run.stdout).not.toContain("cached spec");
    expect(run.stdout).toContain("contracts/estimation-api.openapi.json");
    expect(run.stdout).toContain("src/clients/estimation-api/types.gen.ts");
    expect(run.stdout).toContain("src/consumer.ts:4:22");
    expect(run.stdout).toContain("Property 'customer' does not exist");
    expect(run.stdout).toContain("src/consumer.ts:8:3");
    // The breaking changes, and each call site tied to the change it comes from.
    expect(run.stdout).toContain("✗ response-required-property-removed  Estimate.customer");
    expect(run.stdout).toContain("✗ request-required-property-added  EstimateCreate.client_name");
    expect(run.stdout).toMatch(/src\/consumer\.ts:4:22[^\n]*\n[^\n]*\n\s+caused by response-required-property-removed at Estimate\.customer \(estimation-api\)/);
    expect(run.stdout).toMatch(/src\/consumer\.ts:8:3[^\n]*\n[^\n]*\n\s+caused by request-property-removed at EstimateCreate\.customer \(estimation-api\)/);
    expect(run.stdout).toContain("fix: review the breaking changes marked ✗ (accept one on purpose with breaking.ignore), then run `npx sync-types` and commit the result, then fix the call sites above.");
    expect(run.stderr).toBe("");
    // check writes nothing
    expect(await readFile(join(dir, "contracts/estimation-api.openapi.json"), "utf8")).toBe(before);

    const github = await runCli(["check", "--format", "github"], { cwd: dir });
    expect(github.code).toBe(1);
    expect(github.stdout).toMatch(/^::error file=src\/consumer\.ts,line=4,col=22,title=sync-types%3A call site breaks \(TS2339\)::Property 'customer'/m);

    const json = JSON.parse((await runCli(["check", "--format", "json"], { cwd: dir })).stdout);
    expect(json.callSites.map((c: { file: string; line: number }) => `${c.file}:${c.line}`)).toEqual(["src/consumer.ts:4", "src/consumer.ts:8"]);
    expect(json.callSites[0].cause).toEqual({ id: "response-required-property-removed", location: "Estimate.customer" });
    expect(json.services[0].breaking).toHaveLength(3);
    await editModels(dir, "    client_name: str = Field(min_length=1, max_length=200)", "    customer: str = Field(min_length=1, max_length=200)");
  });

  test("an added optional field -> exit 1 for stale files only, then 0 after sync-types", async () => {
    await editModels(dir, "    notes: str | None = None\n", "    notes: str | None = None\n    owner: str | None = None\n");
    const run = await runCli(["check"], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ estimation-api\s+stale/);
    expect(run.stdout).not.toContain("call site");
    expect(run.stdout).toContain("2 safe changes (additions)"); // on EstimateCreate and on Estimate
    expect(run.stdout).toContain("fix: run `npx sync-types` and commit the result.");
    expect((await runCli([], { cwd: dir })).code).toBe(0);
    expect((await runCli(["check"], { cwd: dir })).code).toBe(0);
  });

  test.each([
    ["TypeScript 5", "node_modules/typescript/bin/tsc"],
    ["TypeScript 7 (native tsc)", "node_modules/typescript7/bin/tsc"],
  ])("after sync-types writes the new client, plain tsc fails at the drifted call site (%s)", async (_name, tsc) => {
    const compile = () => execa(join(REPO_ROOT, tsc), ["-p", join(dir, "tsconfig.json")], { reject: false });
    expect((await compile()).exitCode).toBe(0);
    await editModels(dir, "    customer: str = Field(min_length=1, max_length=200)", "    client_name: str = Field(min_length=1, max_length=200)");
    try {
      expect((await runCli([], { cwd: dir })).code).toBe(0);
      const broken = await compile();
      expect(broken.exitCode).not.toBe(0);
      expect(broken.stdout).toMatch(/src\/consumer\.ts[(:]4[,:]22\)?:? ?-? ?error TS2339: Property 'customer' does not exist/);
    } finally {
      await editModels(dir, "    client_name: str = Field(min_length=1, max_length=200)", "    customer: str = Field(min_length=1, max_length=200)");
      expect((await runCli([], { cwd: dir })).code).toBe(0);
    }
    expect((await compile()).exitCode).toBe(0);
  });

  test("a new enum value: still compiles, so the uses of it are listed as runtime risks", async () => {
    await editModels(dir, '    closed_lost = "closed_lost"\n', '    closed_lost = "closed_lost"\n    on_hold = "on_hold"\n');
    try {
      const run = await runCli(["check"], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("! response-enum-value-added  DealStage: may now also be \"on_hold\"");
      expect(run.stdout).not.toContain("no longer compile");
      expect(run.stdout).toMatch(/2 call sites still compile but use what a change may break at run time:\n\s+src\/consumer\.ts:16:65\s+response-enum-value-added at DealStage \(estimation-api, runtime may\)/);
    } finally {
      await editModels(dir, '    on_hold = "on_hold"\n', "");
    }
  });

  test("request-side call sites are tied to their change too, and the markdown fix names them", async () => {
    // Calls through the client: a query parameter passed by name, and a call with no arguments.
    await writeFile(join(dir, "src/calls.ts"), `import { createClient } from "./clients/estimation-api/index.js";
const api = createClient({ baseUrl: "http://127.0.0.1:8101" });
export const byCustomer = () => api.listEstimates({ query: { customer: "acme", limit: 5 } });
export const everything = () => api.listEstimates();
`);
    const main = join(dir, "services/estimation-api/app/main.py");
    const text = await readFile(main, "utf8");
    // `customer` is no longer a query parameter; `region` is, and required.
    const edited = text
      .replace('    customer: Annotated[str | None, Query(max_length=200, description="Case-insensitive substring")] = None,\n', "")
      .replace("def list_estimates(\n", "def list_estimates(\n    region: Annotated[str, Query()],\n")
      .replace("(customer is None or customer.lower() in e.customer.lower())", "True");
    expect(edited).toContain("    region: Annotated[str, Query()],\n");
    expect(edited).not.toMatch(/customer is None|Case-insensitive/);
    await writeFile(main, edited);
    try {
      const run = await runCli(["check"], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/src\/calls\.ts:3:\d+[^\n]*\n[^\n]*\n\s+caused by request-parameter-removed at GET \/estimates -> query\.customer \(estimation-api\)/);
      expect(run.stdout).toMatch(/src\/calls\.ts:4:\d+[^\n]*\n[^\n]*\n\s+caused by request-required-parameter-added at GET \/estimates -> query\.region \(estimation-api\)/);
      const markdown = await runCli(["check", "--format", "markdown"], { cwd: dir });
      expect(markdown.stdout).toContain("Fix: review the breaking changes marked ✗ (accept one on purpose with breaking.ignore), then run `npx sync-types` and commit the result, then fix the call sites above.");
    } finally {
      await writeFile(main, text);
      await rm(join(dir, "src/calls.ts"));
    }
  }, 120_000);

  test("the consumer without TypeScript of its own: checked with the bundled one, and said so", async () => {
    await editModels(dir, "    customer: str = Field(min_length=1, max_length=200)", "    client_name: str = Field(min_length=1, max_length=200)");
    await rm(join(dir, "node_modules"), { recursive: true });
    try {
      const run = await runCli(["check", "--format", "json"], { cwd: dir });
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout);
      expect(report.compilers).toEqual([{ tsconfig: "tsconfig.json", typescript: "5.9.3", source: "bundled" }]);
      expect(report.warnings).toEqual([expect.stringMatching(/^no typescript found from .*: call sites are checked with sync-types' bundled TypeScript 5\.9\.3/)]);
      expect(report.callSites.map((c: { line: number; code: number }) => `${c.line}:${c.code}`)).toContain("4:2339");
    } finally {
      await mkdir(join(dir, "node_modules"));
      await symlink(join(REPO_ROOT, "node_modules/typescript"), join(dir, "node_modules/typescript"));
      await editModels(dir, "    client_name: str = Field(min_length=1, max_length=200)", "    customer: str = Field(min_length=1, max_length=200)");
    }
  }, 120_000);

  test("no tsconfig configured or found: check says call sites were NOT checked", async () => {
    const configFile = join(dir, "sync-types.config.json");
    const config = await readFile(configFile, "utf8");
    const { typecheck: _, ...rest } = JSON.parse(config);
    await writeFile(configFile, JSON.stringify(rest));
    await rm(join(dir, "tsconfig.json"));
    try {
      const run = await runCli(["check"], { cwd: dir });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain("warning call sites were NOT checked: no typecheck.tsconfig in the config and no tsconfig.json in");
    } finally {
      await writeFile(configFile, config);
      await writeFile(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG));
    }
  }, 120_000);

  test("service down (url source, nothing listening) -> exit 3", async () => {
    const run = await runCli(["check", "--source", "url"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('source "url" needs "url"');
    const config = JSON.parse(await readFile(join(dir, "sync-types.config.json"), "utf8"));
    config.services["estimation-api"].url = "http://127.0.0.1:9";
    await writeFile(join(dir, "sync-types.config.json"), JSON.stringify(config));
    const down = await runCli(["check", "--source", "url"], { cwd: dir });
    expect(down.code).toBe(3);
    expect(down.stdout).toContain("nothing answered at http://127.0.0.1:9/openapi.json");
  });
});
