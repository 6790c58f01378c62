import { readFile, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { runCli, startCli } from "../helpers/cli.js";
import { startFakeServer } from "../helpers/fake-server.js";
import { waitFor } from "../helpers/processes.js";
import { makeProject } from "../helpers/project.js";
import { listeningAddresses } from "../helpers/sockets.js";

const SPEC = { openapi: "3.1.0", info: { title: "remote", version: "1" }, paths: {} };

test("the default start command binds the service to 127.0.0.1 only", async () => {
  const dir = await makeProject({ svc: { from: "test/fixtures/apps/slow-spec", app: "app:app" } });
  const pidFile = join(dir, "pids");
  const config = JSON.parse(await readFile(join(dir, "sync-types.config.json"), "utf8"));
  // Building the spec takes 3 s: the server is listening meanwhile, and its socket can be read.
  config.services.svc.env = { PID_FILE: pidFile, SPEC_DELAY: "3" };
  await writeFile(join(dir, "sync-types.config.json"), JSON.stringify(config));

  const cli = startCli([], { cwd: dir });
  let pid = 0;
  expect(await waitFor(async () => (pid = Number((await readFile(pidFile, "utf8").catch(() => "")).trim())) > 0, 20_000)).toBe(true);
  expect(await waitFor(() => listeningAddresses(pid).length > 0, 20_000)).toBe(true);

  expect(listeningAddresses(pid)).toEqual([expect.stringMatching(/^127\.0\.0\.1:\d+$/)]);
  const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
  expect(argv.slice(argv.indexOf("--host"), argv.indexOf("--host") + 2)).toEqual(["--host", "127.0.0.1"]);
  const result = await cli;
  expect(result.exitCode, String(result.stdout)).toBe(0);
});

// A non-loopback address of this machine stands in for a remote host: a real second origin off loopback.
const external = Object.values(networkInterfaces()).flat().find((i) => i && !i.internal && i.family === "IPv4")?.address;

test.skipIf(external === undefined)("a loopback url redirecting off loopback warns, naming the new origin, and sends it no secret", async () => {
  const remote = await startFakeServer((_, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(SPEC)), external);
  const local = await startFakeServer((_, res) => res.writeHead(302, { location: `http://ops:s3cret-pw@${external}:${remote.port}/spec?token=t0ken-in-url` }).end());
  const dir = await makeProject({
    svc: { from: "test/fixtures/apps/ordered", source: "url", url: local.origin, headers: { "X-Api-Key": "${SVC_KEY}" } },
  });
  const run = await runCli(["diff"], { cwd: dir, env: { SVC_KEY: "k3y-value" } });
  expect(run.code, run.stdout + run.stderr).toBe(0);
  expect(run.stderr).toBe(
    `warning svc: ${local.origin} redirected to ${remote.origin}, which is not a loopback address: the spec travels over the network; the headers and credentials configured for ${local.origin} are not sent there`,
  );
  expect(remote.requests.map((r) => [r.path, r.headers["x-api-key"], r.headers.authorization])).toEqual([["/spec?token=t0ken-in-url", undefined, undefined]]);
  expect(local.requests.map((r) => r.headers["x-api-key"])).toEqual(["k3y-value"]);
});
