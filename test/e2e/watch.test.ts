import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { startCli } from "../helpers/cli.js";
import { processesMatching, waitFor } from "../helpers/processes.js";
import { FIXTURE_PYTHON, REPO_ROOT } from "../helpers/paths.js";
import { makeProject } from "../helpers/project.js";

const CONSUMER = `import type { Estimate } from "./clients/estimation-api/index.js";
export const label = (estimate: Estimate): string => estimate.customer.toUpperCase();
`;

test("watch: a model edit rewrites the client and reports the broken call site; a syntax error recovers; SIGINT leaves no process", { timeout: 120_000 }, async () => {
  const marker = `watch-${randomUUID()}`;
  const dir = await makeProject(
    { "estimation-api": { from: "estimation-api", env: { MARKER: marker } } },
    { typecheck: { tsconfig: "tsconfig.json" } },
  );
  await mkdir(join(dir, "src"), { recursive: true });
  await writeFile(join(dir, "src/consumer.ts"), CONSUMER);
  await writeFile(join(dir, "tsconfig.json"), JSON.stringify({
    compilerOptions: { strict: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", noEmit: true, types: [] },
    include: ["src"],
  }));

  const cli = startCli(["--watch"], { cwd: dir });
  let output = "";
  cli.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  cli.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const seen = async (pattern: RegExp, from: number) => {
    const ok = await waitFor(() => pattern.test(output.slice(from)), 40_000, 100);
    expect(ok, `waiting for ${pattern} in:\n${output.slice(from)}`).toBe(true);
  };
  try {
    await seen(/watching 1 service · estimation-api → http:\/\/127\.0\.0\.1:\d+/, 0);
    await seen(/estimation-api (created|in sync|operations)/, 0);
    const models = join(dir, "services/estimation-api/app/models.py");
    const original = await readFile(models, "utf8");

    let mark = output.length;
    await writeFile(models, original.replace("    customer: str = Field(", "    client_name: str = Field("));
    await seen(/↻ estimation-api operations \+0 −0 ~\d+.* written/, mark);
    await seen(/src\/consumer\.ts:2:63 Property 'customer' does not exist/, mark);
    expect(await readFile(join(dir, "src/clients/estimation-api/types.gen.ts"), "utf8")).toContain("client_name: string");

    mark = output.length;
    await writeFile(models, `${original}\nbroken = (\n`);
    await seen(/✗ estimation-api importing app\.main:app failed[\s\S]*SyntaxError: '\(' was never closed[\s\S]*watching: the next save retries/, mark);

    mark = output.length;
    await writeFile(models, original);
    await seen(/↻ estimation-api operations/, mark);
    await seen(/✓ 1 call site fixed/, mark);
    expect(processesMatching(marker).length).toBeGreaterThanOrEqual(2); // the server and the warm extractor

    // A broken config is reported and the previous one stays; a valid edit reloads cleanly.
    const configFile = join(dir, "sync-types.config.json");
    const config = await readFile(configFile, "utf8");
    mark = output.length;
    await writeFile(configFile, config.replace('"app": "app.main:app"', '"app": "app.main"'));
    await seen(/config not reloaded[\s\S]*services\.estimation-api\.app: expected "module:attr"[\s\S]*still watching with the previous config/, mark);
    mark = output.length;
    await writeFile(configFile, config.replace('"readyTimeoutMs"', '"readyTimeoutMs"').replace('"app": "app.main:app"', '"app": "app.main:app", "readyTimeoutMs": 20000'));
    await seen(/config changed: restarting[\s\S]*estimation-api in sync[\s\S]*watching 1 service/, mark);
  } finally {
    cli.kill("SIGINT");
    const result = await cli;
    expect(result.exitCode).toBe(130);
  }
  expect(await waitFor(() => processesMatching(marker).length === 0, 5000)).toBe(true);
});

test("watch: services that a plugin adds in configResolved (pm2) are watched, as sync sees them", { timeout: 60_000 }, async () => {
  const marker = `watch-pm2-${randomUUID()}`;
  const dir = await makeProject({ scratch: { from: "estimation-api" } });
  // The services come only from the pm2 file: the config names none.
  await rm(join(dir, "sync-types.config.json"));
  await writeFile(join(dir, "ecosystem.config.cjs"), `module.exports = { apps: [{
  name: "estimation-api", cwd: "services/scratch", interpreter: ${JSON.stringify(FIXTURE_PYTHON)},
  interpreter_args: "-m uvicorn", script: "app.main:app", args: ["--port", "8799"], env: { MARKER: ${JSON.stringify(marker)} },
}] };
`);
  await writeFile(join(dir, "sync-types.config.mjs"), `import { pm2 } from ${JSON.stringify(join(REPO_ROOT, "dist/plugins/pm2/index.js"))};
export default { services: {}, plugins: [pm2()] };
`);
  const cli = startCli(["--watch", "--no-serve"], { cwd: dir });
  let output = "";
  cli.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  cli.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    const ok = await waitFor(() => /watching 1 service/.test(output) && /estimation-api (in sync|operations)/.test(output), 40_000, 100);
    expect(ok, output).toBe(true);
    expect(await readFile(join(dir, "contracts/estimation-api.openapi.json"), "utf8")).toContain('"/estimates"');
  } finally {
    cli.kill("SIGINT");
    expect((await cli).exitCode).toBe(130);
  }
  expect(await waitFor(() => processesMatching(marker).length === 0, 5000)).toBe(true);
});
