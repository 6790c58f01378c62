import { readFile, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { startCli } from "../helpers/cli.js";
import { waitFor } from "../helpers/processes.js";
import { makeProject } from "../helpers/project.js";
import { listeningAddresses } from "../helpers/sockets.js";

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
