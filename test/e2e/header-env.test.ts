import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { countingServer } from "../helpers/counting-server.js";
import { makeProject } from "../helpers/project.js";

/**
 * A `${VAR}` header whose variable fetch cannot send (a line break inside, a character beyond
 * Latin-1, a control character) or that is not set: the user's environment is wrong, not the
 * service. Exit 2 naming the header and the variable, before any service starts or is asked,
 * and the value never printed. Before the fix: exit 3, "nothing answered", the other service started.
 */
const SECRET = `tok-${randomUUID()}`;
const server = await countingServer(() => ({ openapi: "3.1.0", info: { title: "remote", version: "1" }, paths: {} }));
const dir = await makeProject({
  remote: { from: "test/fixtures/apps/ordered", source: "url", url: server.url, headers: { Authorization: "Bearer ${SVC_TOKEN}" }, readyTimeoutMs: 5000 },
  // Runs first in config order; its start command leaves a mark, so a service started before the check shows.
  local: { from: "test/fixtures/apps/ordered", app: "app:app", start: ["/bin/sh", "-c", "touch ../../local-started; exec sleep 30", "{port}"], readyTimeoutMs: 5000 },
});
const MARK = join(dir, "local-started");

const VALUES: [string, string | undefined, string][] = [
  ["a line break inside", `${SECRET}\nX-Injected: 1`, "holds a line break"],
  ["a character beyond Latin-1", `${SECRET}€`, "holds a character beyond Latin-1"],
  ["a control character", `${SECRET}\u0001`, "holds a control character"],
];
const COMMANDS = [[], ["check"], ["diff"], ["--format", "json"]];

describe("an unsendable ${VAR} header value is a config error", () => {
  test.for(VALUES.flatMap(([name, value, says]) => COMMANDS.map((args) => [name, args, value, says] as const)))("%s: sync-types %j", { timeout: 60_000 }, async ([, args, value, says]) => {
    const run = await runCli(args, { cwd: dir, env: { SVC_TOKEN: value! } });
    const output = run.stdout + run.stderr;
    expect(run.code, output).toBe(2);
    expect(output).toContain(`services.remote.headers.Authorization: the environment variable SVC_TOKEN ${says}, which an HTTP header cannot carry (its value is not shown)`);
    expect(output).toContain("hint:");
    expect(output).not.toContain(SECRET);
    expect(server.requests).toEqual([]);
    expect(existsSync(MARK), "a service started before the headers were checked").toBe(false);
  });
});

test("an unset variable: exit 2 naming it, nothing started or asked", { timeout: 60_000 }, async () => {
  const run = await runCli(["check"], { cwd: dir, env: { SVC_TOKEN: undefined as unknown as string } });
  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr).toContain("services.remote.headers.Authorization: needs the environment variable SVC_TOKEN, which is not set");
  expect(server.requests).toEqual([]);
  expect(existsSync(MARK)).toBe(false);
});

test("a trailing newline (a token read from a file) is sent as fetch trims it; a service not asked over url is not checked", { timeout: 60_000 }, async () => {
  const run = await runCli(["diff", "-s", "remote"], { cwd: dir, env: { SVC_TOKEN: `${SECRET}\n` } });
  expect(run.code, run.stderr).toBe(0);
  expect(server.requests).toEqual(["GET /openapi.json"]);
  expect(run.stdout + run.stderr).not.toContain(SECRET);
  const other = await runCli(["-s", "local", "--source", "import"], { cwd: dir, env: { SVC_TOKEN: "a\nb" } });
  expect(other.code, other.stderr).toBe(0);
});
