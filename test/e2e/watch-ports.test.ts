import { randomUUID } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { freePort } from "../../src/services/ports.js";
import { startCli } from "../helpers/cli.js";
import { processesMatching, waitFor } from "../helpers/processes.js";
import { makeProject } from "../helpers/project.js";

async function answers(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/openapi.json`).catch(() => undefined);
  return response?.status === 200;
}

test("watch serves a fixed port there, and keeps every port, auto ones included, across a config reload", { timeout: 120_000 }, async () => {
  const marker = `watch-ports-${randomUUID()}`;
  const fixed = await freePort();
  const dir = await makeProject({
    pinned: { from: "estimation-api", port: fixed, env: { MARKER: marker } },
    floating: { from: "content-api", env: { MARKER: marker } },
  });
  const cli = startCli(["--watch"], { cwd: dir });
  let output = "";
  cli.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  cli.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const banner = async (from: number) => {
    const pattern = /watching 2 services · pinned → http:\/\/127\.0\.0\.1:(\d+) · floating → http:\/\/127\.0\.0\.1:(\d+)/;
    const ok = await waitFor(() => pattern.test(output.slice(from)), 60_000, 100);
    expect(ok, `waiting for the banner in:\n${output.slice(from)}`).toBe(true);
    const [, pinned, floating] = pattern.exec(output.slice(from))!;
    return { pinned: Number(pinned), floating: Number(floating) };
  };
  try {
    const first = await banner(0);
    expect(first.pinned).toBe(fixed);
    expect(await waitFor(() => answers(fixed), 30_000, 200), output).toBe(true);
    expect(await waitFor(() => answers(first.floating), 30_000, 200), output).toBe(true);

    const configFile = join(dir, "sync-types.config.json");
    const config = JSON.parse(await readFile(configFile, "utf8"));
    config.services.floating.readyTimeoutMs = 20_000;
    const mark = output.length;
    await writeFile(configFile, JSON.stringify(config, null, 2));
    expect(await waitFor(() => output.slice(mark).includes("config changed: restarting"), 30_000, 100), output).toBe(true);
    const second = await banner(mark);
    expect(second).toEqual(first);
    expect(await waitFor(() => answers(first.floating), 30_000, 200), output.slice(mark)).toBe(true);
    expect(await waitFor(() => answers(fixed), 30_000, 200), output.slice(mark)).toBe(true);
  } finally {
    cli.kill("SIGINT");
    await cli;
  }
  expect(await waitFor(() => processesMatching(marker).length === 0, 5000)).toBe(true);
});
