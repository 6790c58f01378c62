import { randomUUID } from "node:crypto";
import { createServer, type Server, type ServerResponse } from "node:http";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, onTestFinished, test } from "vitest";
import { runCli, startCli } from "../helpers/cli.js";
import { isRunning, processesMatching, waitFor } from "../helpers/processes.js";
import { makeProject } from "../helpers/project.js";
import { DAEMON_START } from "../helpers/daemon.js";

const readPids = async (file: string) =>
  (await readFile(file, "utf8").catch(() => "")).split("\n").filter(Boolean).map(Number);

test("a service that never becomes ready: timeout error, and its process is gone", async () => {
  const marker = `never-ready-${randomUUID()}`;
  const dir = await makeProject({
    slow: { from: "test/fixtures/apps/slow-start", app: "app:app", readyTimeoutMs: 1500, env: { SLEEP: "60", MARKER: marker } },
  });
  const pidFile = join(dir, "pids");
  const config = JSON.parse(await readFile(join(dir, "sync-types.config.json"), "utf8"));
  config.services.slow.env.PID_FILE = pidFile;
  config.services.slow.start = ["{python}", "-m", "uvicorn", "{app}", "--port", "{port}", "--app-dir", ".", "--header", `x-marker:${marker}`];
  await writeFile(join(dir, "sync-types.config.json"), JSON.stringify(config));

  const run = await runCli([], { cwd: dir });
  expect(run.code).toBe(3);
  expect(run.stdout).toMatch(/did not answer at http:\/\/127\.0\.0\.1:\d+\/openapi\.json within 1500 ms/);
  expect(run.stdout).toContain("readyTimeoutMs");
  const [pid] = await readPids(pidFile);
  expect(pid).toBeGreaterThan(0);
  expect(isRunning(pid!)).toBe(false);
  expect(processesMatching(marker)).toEqual([]);
});

test("stream models whose import never ends: timeout error, and their process is gone", async () => {
  const marker = `hung-streams-${randomUUID()}`;
  const dir = await makeProject({
    svc: { from: "test/fixtures/apps/ordered", app: "app:app", source: "import", readyTimeoutMs: 5000, env: { MARKER: marker }, streams: { "GET /items": "hung_models:Item" } },
  });
  await writeFile(join(dir, "services/svc/hung_models.py"), "import time\n\ntime.sleep(300)\n");

  const run = await runCli([], { cwd: dir });
  expect(run.code).toBe(3);
  expect(run.stdout).toContain("reading the stream models (services.svc.streams) took longer than 5000 ms and was stopped");
  expect(run.stdout).toContain("readyTimeoutMs");
  expect(processesMatching(marker)).toEqual([]);
});

test.each(["SIGINT", "SIGTERM"] as const)("%s while services start: no python process is left", async (signal) => {
  const marker = `interrupted-${randomUUID()}`;
  const dir = await makeProject({
    one: { from: "test/fixtures/apps/slow-start", app: "app:app" },
    two: { from: "test/fixtures/apps/slow-start", app: "app:app", source: "import" },
  });
  const pidFile = join(dir, "pids");
  const config = JSON.parse(await readFile(join(dir, "sync-types.config.json"), "utf8"));
  for (const name of ["one", "two"]) config.services[name].env = { PID_FILE: pidFile, SLEEP: "60", MARKER: marker };
  config.services.one.start = ["{python}", "-m", "uvicorn", "{app}", "--port", "{port}", "--header", `x-marker:${marker}`];
  await writeFile(join(dir, "sync-types.config.json"), JSON.stringify(config));

  const cli = startCli([], { cwd: dir });
  expect(await waitFor(async () => (await readPids(pidFile)).length === 2, 20_000)).toBe(true);
  const pids = await readPids(pidFile);
  cli.kill(signal);
  const result = await cli;
  expect(result.exitCode).toBe(signal === "SIGINT" ? 130 : 143);
  expect(String(result.stderr)).toContain("stopping services");
  for (const pid of pids) expect(isRunning(pid)).toBe(false);
  expect(processesMatching(marker)).toEqual([]);
});

describe("a start command that leaves a daemon holding the service's stdout/stderr", () => {
  const project = (marker: string) =>
    makeProject({ svc: { from: "test/fixtures/apps/ordered", app: "app:app", env: { MARKER: marker }, start: DAEMON_START } });

  test("the run ends once the spec is fetched, names the daemon, and stops it", { timeout: 60_000 }, async () => {
    const marker = `daemon-${randomUUID()}`;
    const run = await runCli([], { cwd: await project(marker) });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warning svc: a process left the service's process group and was stopped with it: \d+ \(sleep 300\)/);
    expect(await waitFor(() => processesMatching(marker).length === 0, 3000)).toBe(true);
  });

  test("one SIGINT while it runs stops everything: exit 130", { timeout: 60_000 }, async () => {
    const marker = `daemon-int-${randomUUID()}`;
    const cli = startCli([], { cwd: await project(marker) });
    onTestFinished(() => void cli.kill("SIGKILL"));
    expect(await waitFor(() => processesMatching(marker).length >= 2, 30_000)).toBe(true);
    cli.kill("SIGINT");
    expect((await cli).exitCode).toBe(130);
    expect(await waitFor(() => processesMatching(marker).length === 0, 3000)).toBe(true);
  });
});

test("a fixed port already in use is refused before anything starts", async () => {
  const server = createServer((_, res) => res.end("{}"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const dir = await makeProject({ ordered: { from: "test/fixtures/apps/ordered", app: "app:app", port } });
    const run = await runCli([], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(`port ${port} on 127.0.0.1 is already in use`);
  } finally {
    server.close();
  }
});

describe("url source against a fake server", () => {
  let server: Server;
  let port = 0;
  const routes: Record<string, (req: import("node:http").IncomingMessage) => [number, string]> = {
    "/html": () => [200, "<!DOCTYPE html><html><body>Login</body></html>"],
    "/boom": () => [500, "Internal Server Error"],
    "/garbage": () => [200, "{ not json"],
    "/swagger": () => [200, JSON.stringify({ swagger: "2.0", info: { title: "x", version: "1" }, paths: {} })],
    "/secret": (req) =>
      req.headers.authorization === "Bearer s3cr3t-value"
        ? [200, JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {} })]
        : [401, "no"],
  };
  const SPEC = JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {} });
  /** Responses that go wrong after the headers. */
  const broken: Record<string, (res: ServerResponse) => void> = {
    "/slow-body": (res) => res.writeHead(200, { "content-type": "application/json" }).write(SPEC.slice(0, 20)),
    "/truncated": (res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(SPEC.length) });
      res.write(SPEC.slice(0, 20), () => res.destroy());
    },
    "/truncated-ended": (res) => res.writeHead(200, { "content-type": "application/json" }).end(SPEC.slice(0, 20)),
  };
  const started = new Promise<void>((resolve) => {
    server = createServer((req, res) => {
      if (broken[req.url ?? ""]) return broken[req.url!]!(res);
      const [status, body] = routes[req.url ?? ""]?.(req) ?? [404, "not found"];
      res.writeHead(status).end(body);
    });
    server.listen(0, "127.0.0.1", () => {
      port = (server.address() as { port: number }).port;
      resolve();
    });
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  test.each([
    ["/html", "did not return JSON (it returned an HTML page)"],
    ["/boom", "answered 500"],
    ["/garbage", "did not return JSON"],
    ["/swagger", "Swagger 2.0 is not supported"],
    ["/missing", "answered 404"],
    ["/slow-body", "/slow-body did not finish sending its spec within 1500 ms"],
    ["/truncated", "/truncated hung up before its spec was complete"],
    ["/truncated-ended", '/truncated-ended did not return JSON: "{\\"openapi\\":\\"3.1.0\\",\\""'],
  ])("%s -> exit 3: %s", async (path, message) => {
    await started;
    const dir = await makeProject({
      svc: { from: "test/fixtures/apps/ordered", app: "app:app", source: "url", url: `http://127.0.0.1:${port}`, openapiPath: path, readyTimeoutMs: 1500 },
    });
    const run = await runCli([], { cwd: dir });
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(message);
  });

  test("auth headers come from the environment and are never printed", async () => {
    await started;
    const dir = await makeProject({
      svc: {
        from: "test/fixtures/apps/ordered",
        app: "app:app",
        source: "url",
        url: `http://127.0.0.1:${port}`,
        openapiPath: "/secret",
        headers: { Authorization: "Bearer ${SVC_TOKEN}" },
      },
    });
    // The environment is wrong, not the service: a config error, before anything is asked.
    const missing = await runCli([], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("services.svc.headers.Authorization: needs the environment variable SVC_TOKEN");

    const ok = await runCli(["--verbose"], { cwd: dir, env: { SVC_TOKEN: "s3cr3t-value" } });
    expect(ok.code).toBe(0);
    expect(ok.stdout + ok.stderr).not.toContain("s3cr3t-value");
  });
});
