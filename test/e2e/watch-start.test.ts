import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { startCli } from "../helpers/cli.js";
import { processesMatching, waitFor } from "../helpers/processes.js";
import { makeProject } from "../helpers/project.js";

const warmExtractors = (marker: string) =>
  processesMatching(marker).filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("warm.py");
    } catch {
      return false;
    }
  });

function collect(cli: ReturnType<typeof startCli>): () => string {
  let output = "";
  cli.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  cli.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return () => output;
}

test("watch start: the first sync is the spec the started server answers; the warm extractor starts after it and dies with the session", { timeout: 120_000 }, async () => {
  const marker = `watch-start-${randomUUID()}`;
  const dir = await makeProject({ "estimation-api": { from: "estimation-api", env: { MARKER: marker } } });
  const cli = startCli(["--watch"], { cwd: dir });
  const output = collect(cli);
  try {
    expect(await waitFor(() => /watching 1 service/.test(output()), 60_000, 20), output()).toBe(true);
    // The server was asked for its spec: the only request anything makes to it at start.
    expect(await waitFor(() => /\[estimation-api\] .*"GET \/openapi\.json HTTP\/1\.1" 200/.test(output()), 10_000), output()).toBe(true);
    expect(output()).toMatch(/estimation-api (operations|generated files refreshed)/);
    const spec = await readFile(join(dir, "contracts/estimation-api.openapi.json"), "utf8");
    expect(spec).toContain('"/estimates"');
    // Stopped while it may still be importing its dependencies: it is the session's all the same.
    expect(await waitFor(() => warmExtractors(marker).length === 1, 30_000, 20), output()).toBe(true);
  } finally {
    cli.kill("SIGINT");
    expect((await cli).exitCode).toBe(130);
  }
  expect(await waitFor(() => processesMatching(marker).length === 0, 5000)).toBe(true);
});

test("watch start: a server that dies while starting leaves the first sync to the service's own interpreter", { timeout: 120_000 }, async () => {
  const marker = `watch-start-dead-${randomUUID()}`;
  const dir = await makeProject({
    "estimation-api": { from: "estimation-api", env: { MARKER: marker }, start: ["{python}", "-c", "import sys; sys.exit('no server today')", "{port}"] },
  });
  const cli = startCli(["--watch"], { cwd: dir });
  const output = collect(cli);
  try {
    expect(await waitFor(() => /watching 1 service/.test(output()), 60_000, 20), output()).toBe(true);
    expect(await waitFor(() => /estimation-api exited \(while starting: no server today\)/.test(output()), 10_000), output()).toBe(true);
    expect(output()).toMatch(/estimation-api (operations|generated files refreshed)/);
    const spec = await readFile(join(dir, "contracts/estimation-api.openapi.json"), "utf8");
    expect(spec).toContain('"/estimates"');
  } finally {
    cli.kill("SIGINT");
    expect((await cli).exitCode).toBe(130);
  }
  expect(await waitFor(() => processesMatching(marker).length === 0, 5000)).toBe(true);
});
