import { execa } from "execa";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { CONTENT_PYTHON, EXAMPLES, FIXTURE_PYTHON, REPO_ROOT } from "../helpers/paths.js";
import { startUvicorn } from "../helpers/uvicorn.js";

const NODE_APP = join(EXAMPLES, "node-app/tsconfig.json");

test("the committed example contracts and clients are exactly what sync-types produces", async () => {
  const run = await runCli(["check", "--no-cache", "--source", "import", "-c", "examples/sync-types.config.ts"], { cwd: REPO_ROOT });
  expect(run.stdout).toContain("all contracts in sync");
  expect(run.code).toBe(0);
});

test.each([
  ["TypeScript 5", "node_modules/typescript/bin/tsc"],
  ["TypeScript 7 (native tsc)", "node_modules/typescript7/bin/tsc"],
])("the example Node app compiles under strict, exactOptionalPropertyTypes, isolatedDeclarations… with %s", async (_name, tsc) => {
  const result = await execa(join(REPO_ROOT, tsc), ["-p", NODE_APP, "--noEmit"], { reject: false });
  expect(result.stdout).toBe("");
  expect(result.exitCode).toBe(0);
});

describe("the example Node app against both live services", async () => {
  const [estimation, content] = await Promise.all([
    startUvicorn({ cwd: join(EXAMPLES, "services/estimation-api"), python: FIXTURE_PYTHON, app: "app.main:app" }),
    startUvicorn({ cwd: join(EXAMPLES, "services/content-api"), python: CONTENT_PYTHON, app: "app.main:app" }),
  ]);

  test("prices a deal, reads a typed 404, streams SSE tokens and JSON Lines events, uploads, embeds", async () => {
    const out = await mkdtemp(join(tmpdir(), "sync-types-node-app-"));
    await execa(join(REPO_ROOT, "node_modules/typescript7/bin/tsc"), ["-p", NODE_APP, "--outDir", out]);
    const run = await execa(process.execPath, [join(out, "main.js")], {
      env: { ESTIMATION_API_URL: estimation.baseUrl, CONTENT_API_URL: content.baseUrl },
      reject: false,
    });
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^estimate [0-9a-f-]{36}: 1250\.00 EUR \(proposal\)$/m);
    expect(run.stdout).toContain("missing estimate → 404, as declared");
    expect(run.stdout).toMatch(/^summary: \S+( \S+)+$/m);
    expect(run.stdout).toContain("job: queued 0% → running");
    expect(run.stdout).toMatch(/succeeded 100%$/m);
    expect(run.stdout).toContain("embeddings: 2 × 256");
    expect(run.stdout).toContain("proposals tagged q4: 1");
    expect(run.exitCode).toBe(0);
  });
});
