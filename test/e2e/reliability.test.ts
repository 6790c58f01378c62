import { randomUUID } from "node:crypto";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import { runCli, startCli } from "../helpers/cli.js";
import { processesMatching, waitFor } from "../helpers/processes.js";
import { makeProject } from "../helpers/project.js";
import { DAEMON_START } from "../helpers/daemon.js";

const FILES = ["contracts/svc.openapi.json", "src/clients/svc/types.gen.ts", "src/clients/svc/client.gen.ts", "src/clients/svc/runtime.gen.ts", "src/clients/svc/index.ts", "src/clients/svc/sync-types.manifest.json"];

async function setVersion(dir: string, version: string, marker: string, source: string): Promise<void> {
  const file = join(dir, "sync-types.config.json");
  const config = JSON.parse(await readFile(file, "utf8"));
  config.services.svc.env = { APP_VERSION: version, MARKER: marker };
  config.services.svc.source = source;
  await writeFile(file, JSON.stringify(config));
}

const read = async (dir: string) => Promise.all(FILES.map((f) => readFile(join(dir, f), "utf8").catch(() => undefined)));

/** Deterministic pseudo-random delays, so a failure can be replayed. */
function* delays(seed: number): Generator<number> {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield 30 + (x % 1400);
  }
}

test("50 runs killed at random moments: no orphan process and no torn file", { timeout: 300_000 }, async () => {
  const marker = `killed-${randomUUID()}`;
  const dir = await makeProject({ svc: { from: "test/fixtures/apps/ordered", app: "app:app" } });
  // The two complete generations every file must match, byte for byte, after any kill.
  const versions: (string | undefined)[][] = [];
  for (const version of ["1.0.0", "2.0.0"]) {
    await setVersion(dir, version, marker, "import");
    expect((await runCli([], { cwd: dir })).code).toBe(0);
    versions.push(await read(dir));
  }

  const delay = delays(42);
  for (let i = 0; i < 50; i++) {
    await setVersion(dir, i % 2 ? "1.0.0" : "2.0.0", marker, i % 3 ? "import" : "http");
    const cli = startCli([], { cwd: dir });
    await new Promise((r) => setTimeout(r, delay.next().value));
    cli.kill(i % 2 ? "SIGINT" : "SIGTERM");
    const result = await cli;
    // Killed before node installed its handlers, the process just dies of the signal: nothing was started yet.
    expect([0, 130, 143, undefined], String(result.stderr)).toContain(result.exitCode);
    expect(await waitFor(() => processesMatching(marker).length === 0, 3000)).toBe(true);
    const files = await read(dir);
    files.forEach((content, f) => expect([versions[0]![f], versions[1]![f]]).toContain(content));
  }
  // No temp file is left behind either.
  for (const folder of ["contracts", "src/clients/svc"]) {
    expect((await readdir(join(dir, folder))).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }
});

test("two runs at once on the same project: both succeed and the files are whole (atomic last-writer-wins)", async () => {
  const dir = await makeProject({ svc: { from: "test/fixtures/apps/ordered", app: "app:app", source: "import" } });
  const [a, b] = await Promise.all([runCli([], { cwd: dir }), runCli(["--source", "http"], { cwd: dir })]);
  expect([a.code, b.code]).toEqual([0, 0]);
  const files = await read(dir);
  expect((await runCli([], { cwd: dir })).stdout).toMatch(/✓ svc\s+unchanged/);
  expect(await read(dir)).toEqual(files);
});

describe("SIGKILL of sync-types: the watchdog stops what it started", () => {
  /**
   * SIGKILLs `cli` `ms` after `ready` holds, then expects every process of the run gone, the
   * watchdog included. Gone within ~0.3 s on an idle machine; the 10 s allowed is for a CI box
   * where the test files run side by side (the watchdog's own start-up then takes seconds).
   */
  async function killAndCount(cli: ReturnType<typeof startCli>, marker: string, ready: () => boolean | Promise<boolean>, ms: number): Promise<void> {
    onTestFinished(() => {
      cli.kill("SIGKILL");
      // Survivors of a failed assertion must not outlive the test either.
      for (const pid of processesMatching(marker)) process.kill(pid, "SIGKILL");
    });
    expect(await waitFor(ready, 60_000, 25)).toBe(true);
    await new Promise((r) => setTimeout(r, ms));
    cli.kill("SIGKILL");
    await cli;
    const watchdog = `watchdog-main.js ${cli.pid}-`;
    await waitFor(() => processesMatching(marker).length === 0 && processesMatching(watchdog).length === 0, 10_000);
    expect(processesMatching(marker)).toEqual([]);
    expect(processesMatching(watchdog)).toEqual([]);
  }
  const started = () => true;

  test("an http run killed at 5 seeded moments (start-up, readiness, generation): 0 survivors", { timeout: 300_000 }, async () => {
    const marker = `sigkill-http-${randomUUID()}`;
    const dir = await makeProject({ "estimation-api": { from: "estimation-api", env: { MARKER: marker } } });
    const delay = delays(7);
    for (let i = 0; i < 5; i++) {
      const cli = startCli([], { cwd: dir });
      // The first moment falls in start-up; the others once the service runs, spread over readiness and generation.
      const ready = i === 0 ? started : () => processesMatching(marker).length > 0;
      await killAndCount(cli, marker, ready, i === 0 ? 200 : (delay.next().value * 2) % 2500);
    }
  });

  test("--watch with its services and warm extractors: 0 survivors", { timeout: 180_000 }, async () => {
    const marker = `sigkill-watch-${randomUUID()}`;
    const dir = await makeProject({
      "estimation-api": { from: "estimation-api", env: { MARKER: marker } },
      "content-api": { from: "content-api", env: { MARKER: marker } },
    });
    const delay = delays(11);
    for (const ready of [() => processesMatching(marker).length > 0, () => processesMatching(marker).length >= 4]) {
      const cli = startCli(["--watch"], { cwd: dir });
      await killAndCount(cli, marker, ready, delay.next().value);
    }
  });

  test("a start command that leaves a setsid daemon: the daemon dies too", { timeout: 120_000 }, async () => {
    const marker = `sigkill-daemon-${randomUUID()}`;
    const dir = await makeProject({
      svc: { from: "test/fixtures/apps/ordered", app: "app:app", env: { MARKER: marker }, start: DAEMON_START },
    });
    const cli = startCli([], { cwd: dir });
    await killAndCount(cli, marker, () => processesMatching(marker).length >= 2, 100);
  });
});
