// `sync-types fake`: the built bin serves each service's fake from its committed spec, with no
// Python; one port per service, or one port with each service's prefix; reloads on --watch;
// Ctrl-C and SIGTERM close everything.
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { runCli, startCli } from "../helpers/cli.js";
import { EXAMPLES } from "../helpers/paths.js";
import { waitFor } from "../helpers/processes.js";
import { makeProject } from "../helpers/project.js";

/** A project with both example services and their committed specs; `python` points nowhere, so nothing can start one. */
async function project(): Promise<string> {
  const dir = await makeProject({
    "estimation-api": { from: "estimation-api", python: "/nonexistent/python" },
    "content-api": { from: "content-api", python: "/nonexistent/python" },
  });
  await mkdir(join(dir, "contracts"), { recursive: true });
  for (const name of ["estimation-api", "content-api"]) {
    await copyFile(join(EXAMPLES, "contracts", `${name}.openapi.json`), join(dir, "contracts", `${name}.openapi.json`));
  }
  return dir;
}

function start(args: string[], cwd: string) {
  const cli = startCli(["fake", ...args], { cwd });
  let output = "";
  cli.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  cli.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  onTestFinished(() => void cli.kill("SIGKILL"));
  const urls = async () => {
    expect(await waitFor(() => /serving \d+ fakes?/.test(output), 60_000, 50), output).toBe(true);
    return Object.fromEntries([...output.matchAll(/^(\S+) {2}(http:\/\/127\.0\.0\.1:\d+(?:\/\S*)?)$/gm)].map((m) => [m[1]!, m[2]!]));
  };
  return { cli, urls, output: () => output };
}

const refused = (url: string) => fetch(url).then(() => false, () => true);

for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
  test(`serves one port per service; unknown paths are FastAPI's 404; ${signal} exits ${code} and closes every port`, { timeout: 120_000 }, async () => {
    const { cli, urls, output } = start([], await project());
    const served = await urls();
    expect(Object.keys(served)).toEqual(["estimation-api", "content-api"]);
    const health = await fetch(`${served["estimation-api"]}/health`);
    expect([health.status, await health.json()]).toEqual([200, expect.objectContaining({ status: "ok" })]);
    const missing = await fetch(`${served["content-api"]}/estimates`);
    expect([missing.status, await missing.json()]).toEqual([404, { detail: "Not Found" }]);
    const invalid = await fetch(`${served["content-api"]}/generate`, { method: "POST", body: JSON.stringify({ prompt: "" }), headers: { "content-type": "application/json" } });
    expect(await invalid.json()).toEqual({ detail: [expect.objectContaining({ type: "string_too_short", loc: ["body", "prompt"] })] });
    const stream = await fetch(`${served["content-api"]}/generate/stream`, { method: "POST", body: JSON.stringify({ prompt: "hi" }) });
    expect((await stream.text()).match(/^data: /gm)).toHaveLength(2);
    cli.kill(signal);
    const result = await cli;
    expect(result.exitCode, output()).toBe(code);
    for (const url of Object.values(served)) expect(await refused(`${url}/health`)).toBe(true);
  });
}

test("--single-port: each service under its own prefix on one port, streams included; an unknown prefix is FastAPI's 404; --watch reloads one service", { timeout: 120_000 }, async () => {
  const dir = await project();
  const { cli, urls, output } = start(["--single-port", "--watch"], dir);
  const served = await urls();
  expect(/serving 2 fakes on one port/.test(output()), output()).toBe(true);
  const origin = new URL(served["estimation-api"]!).origin;
  expect(served).toEqual({ "estimation-api": `${origin}/estimation-api`, "content-api": `${origin}/content-api` });
  const health = await fetch(`${served["estimation-api"]}/health`);
  expect([health.status, await health.json()]).toEqual([200, expect.objectContaining({ status: "ok" })]);
  // The prefix comes off before the service routes: /estimates is estimation-api's, not content-api's.
  const elsewhere = await fetch(`${served["content-api"]}/estimates`);
  expect([elsewhere.status, await elsewhere.json()]).toEqual([404, { detail: "Not Found" }]);
  const invalid = await fetch(`${served["estimation-api"]}/estimates?limit=0`);
  expect(await invalid.json()).toEqual({ detail: [expect.objectContaining({ loc: ["query", "limit"], type: "greater_than_equal" })] });
  const stream = await fetch(`${served["content-api"]}/generate/stream`, { method: "POST", body: JSON.stringify({ prompt: "hi" }) });
  expect((await stream.text()).match(/^data: /gm)).toHaveLength(2);
  for (const path of ["/", "/nope/health", "/health", "/estimation-apix/health"]) {
    const missing = await fetch(origin + path);
    expect([path, missing.status, await missing.text()]).toEqual([path, 404, '{"detail":"Not Found"}']);
  }

  const file = join(dir, "contracts/estimation-api.openapi.json");
  const spec = JSON.parse(await readFile(file, "utf8")) as { paths: Record<string, unknown> };
  spec.paths["/healthz"] = spec.paths["/health"];
  await writeFile(file, `${JSON.stringify(spec, null, 2)}\n`);
  expect(await waitFor(() => /estimation-api: reloaded/.test(output()), 30_000, 50), output()).toBe(true);
  expect((await fetch(`${served["estimation-api"]}/healthz`)).status).toBe(200);
  expect((await fetch(`${served["content-api"]}/generate/stream`, { method: "POST", body: JSON.stringify({ prompt: "hi" }) })).status).toBe(200);
  cli.kill("SIGTERM");
  expect((await cli).exitCode, output()).toBe(143);
  expect(await refused(`${origin}/estimation-api/health`)).toBe(true);
});

test("--single-port --port N: that one port; a taken port is a usage error", { timeout: 120_000 }, async () => {
  const dir = await project();
  const first = start(["--service", "content-api"], dir);
  const port = Number(new URL((await first.urls())["content-api"]!).port);
  const clash = await runCli(["fake", "--single-port", "--port", String(port)], { cwd: dir });
  expect([clash.code, clash.stderr]).toEqual([2, expect.stringContaining(`fakes: cannot listen on port ${port}`)]);
});

test("--service: only that service; --port 0 and a taken port are usage errors naming the port", { timeout: 120_000 }, async () => {
  const dir = await project();
  const zero = await runCli(["fake", "--port", "0"], { cwd: dir });
  expect([zero.code, zero.stderr]).toEqual([2, expect.stringContaining("--port: expected a port number (1-65535)")]);
  const first = start(["--service", "content-api"], dir);
  const port = Number(new URL((await first.urls())["content-api"]!).port);
  const clash = await runCli(["fake", "--service", "estimation-api", "--port", String(port)], { cwd: dir });
  expect(clash.code).toBe(2);
  expect(clash.stderr).toContain(`estimation-api: cannot listen on port ${port}`);
  expect(Object.keys(await first.urls())).toEqual(["content-api"]);
});

test("--watch: a change to the committed spec is served without a restart", { timeout: 120_000 }, async () => {
  const dir = await project();
  const { urls, output } = start(["--watch", "--service", "estimation-api"], dir);
  const url = (await urls())["estimation-api"]!;
  expect((await fetch(`${url}/health`)).status).toBe(200);
  const file = join(dir, "contracts/estimation-api.openapi.json");
  const spec = JSON.parse(await readFile(file, "utf8")) as { paths: Record<string, unknown> };
  spec.paths["/healthz"] = spec.paths["/health"];
  delete spec.paths["/health"];
  await writeFile(file, `${JSON.stringify(spec, null, 2)}\n`);
  expect(await waitFor(() => /estimation-api: reloaded/.test(output()), 30_000, 50), output()).toBe(true);
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
  expect((await fetch(`${url}/health`)).status).toBe(404);
  await writeFile(file, "{ not json");
  expect(await waitFor(() => /kept the previous fake/.test(output()), 30_000, 50), output()).toBe(true);
  expect((await fetch(`${url}/healthz`)).status).toBe(200);
});

test("a service without a committed spec: exit 3, naming the file and the fix", { timeout: 60_000 }, async () => {
  const dir = await makeProject({ "estimation-api": { from: "estimation-api", python: "/nonexistent/python" } });
  const result = await runCli(["fake"], { cwd: dir });
  expect(result.code).toBe(3);
  expect(result.stderr).toContain("estimation-api.openapi.json");
  expect(result.stderr).toContain("run `sync-types` once to write it");
});

test("generate --fakes writes fakes.gen.ts as an owned file; generating without it removes it", { timeout: 120_000 }, async () => {
  const dir = await project();
  const spec = join(dir, "contracts/content-api.openapi.json");
  const out = join(dir, "out");
  const first = await runCli(["generate", spec, "-o", out, "--fakes"], { cwd: dir });
  expect(first.code, first.stderr).toBe(0);
  expect(await readFile(join(out, "fakes.gen.ts"), "utf8")).toMatch(/^\/\/ generated by sync-types — do not edit; source: /);
  expect(await readFile(join(out, "sync-types.manifest.json"), "utf8")).toContain('"fakes.gen.ts"');
  const second = await runCli(["generate", spec, "-o", out], { cwd: dir });
  expect(second.code, second.stderr).toBe(0);
  expect(await readFile(join(out, "fakes.gen.ts"), "utf8").catch(() => "removed")).toBe("removed");
});
