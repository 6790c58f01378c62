import { randomUUID } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { execa } from "execa";
import { expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { startFakeServer } from "../helpers/fake-server.js";
import { makeProject } from "../helpers/project.js";

/**
 * `url` services whose URL holds `user:password@`, whose headers name `${VAR}` secrets and whose
 * redirects carry signed query strings, through every command and format, working and failing:
 * none of those secrets may reach stdout or stderr.
 */
const SECRETS = { password: `pw-${randomUUID()}`, key: `key-${randomUUID()}`, signature: `sig-${randomUUID()}` };
const SPEC = JSON.stringify({ openapi: "3.1.0", info: { title: "remote", version: "1" }, paths: {} });
const BASIC = `Basic ${Buffer.from(`deploy:${SECRETS.password}`).toString("base64")}`;

const other = await startFakeServer((req, res) => {
  if (req.url?.startsWith("/spec")) return void res.writeHead(200, { "content-type": "application/json" }).end(SPEC);
  res.writeHead(500).end(`failed for ${req.url}`);
});
const home = await startFakeServer((req, res) => {
  const authorized = req.headers.authorization === BASIC && req.headers["x-api-key"] === SECRETS.key;
  const echo = `key ${req.headers["x-api-key"]} with ${req.headers.authorization}`;
  switch (req.url) {
    case "/basic":
      return void res.writeHead(req.headers.authorization === BASIC ? 200 : 401).end(req.headers.authorization === BASIC ? SPEC : echo);
    case "/ok":
      return void res.writeHead(authorized ? 200 : 401, { "content-type": "application/json" }).end(authorized ? SPEC : echo);
    case "/moved":
      return void res.writeHead(307, { location: `${other.origin}/spec?X-Amz-Signature=${SECRETS.signature}` }).end();
    case "/moved-broken":
      return void res.writeHead(302, { location: `${other.origin}/fail?sig=${SECRETS.signature}` }).end();
    case "/unauthorized":
      return void res.writeHead(401).end(echo);
    case "/broken":
      return void res.writeHead(500).end(echo);
    case "/html":
      return void res.writeHead(200, { "content-type": "text/html" }).end(`<html>${echo}</html>`);
  }
});
const closedPort = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const { port } = probe.address() as { port: number };
    probe.close(() => resolve(port));
  });
});

const remote = (openapiPath: string, port = home.port) => ({
  from: "test/fixtures/apps/ordered",
  source: "url",
  url: `http://deploy:${SECRETS.password}@127.0.0.1:${port}`,
  openapiPath,
  headers: { "X-Api-Key": "${SVC_KEY}" },
  readyTimeoutMs: 5000,
});

/** A project whose config is staged, so that `hook run` checks every service. */
async function gitProject(services: Record<string, ReturnType<typeof remote>>): Promise<string> {
  const dir = await makeProject(services);
  for (const args of [["init", "-q"], ["add", "sync-types.config.json"]]) await execa("git", args, { cwd: dir });
  return dir;
}
const answering = await gitProject({ ok: remote("/ok"), moved: remote("/moved") });
const failing = await gitProject({
  unauthorized: remote("/unauthorized"),
  broken: remote("/broken"),
  html: remote("/html"),
  "moved-broken": remote("/moved-broken"),
  refused: remote("/openapi.json", closedPort),
});

const RUNS: [string[], Record<string, string>][] = [
  [[], {}],
  [["--format", "json"], {}],
  [["--verbose"], {}],
  [[], { DEBUG: "sync-types:*" }],
  [["check"], {}],
  [["check", "--format", "json"], {}],
  [["check", "--format", "github"], {}],
  [["check", "--format", "markdown"], {}],
  [["check", "--verbose", "--no-cache"], {}],
  [["diff"], {}],
  [["diff", "--format", "json"], {}],
  [["diff", "--format", "markdown"], {}],
  [["diff", "--format", "github"], {}],
  [["hook", "run", "--verbose"], {}],
];

/** Output as read: the markdown reporters write `*` and `<` as character references. */
const readable = (output: string) => output.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));

function expectNoSecret(output: string): void {
  for (const secret of [...Object.values(SECRETS), BASIC.slice("Basic ".length)]) expect(readable(output)).not.toContain(secret);
}

/** Each failing service, as every format words it (JSON escapes the quotes of the HTML excerpt). */
const EXPLAINED = [
  `${home.origin}/unauthorized answered 401`,
  `${home.origin}/broken answered 500`,
  `${home.origin}/html did not return JSON (it returned an HTML page): `,
  `${home.origin}/moved-broken (redirected to ${other.origin}/fail?sig=***) answered 500`,
  `nothing answered at http://127.0.0.1:${closedPort}/openapi.json`,
];

test.each(RUNS)("sync-types %j %j: failures explained, no secret printed", async (args, env) => {
  const run = await runCli(args, { cwd: failing, env: { SVC_KEY: SECRETS.key, ...env } });
  const output = readable(run.stdout + run.stderr);
  expect(run.code, output).toBe(3);
  for (const explained of EXPLAINED) expect(output).toContain(explained);
  // What the server echoed of the key and the Basic credentials it was sent.
  if (!args.includes("json")) expect(output).toContain('(it returned an HTML page): "<html>key *** with Basic ***</html>"');
  expectNoSecret(output);
});

// Fewer runs: each one generates the clients, which takes seconds; failures above print more.
test.each([
  [[], {}],
  [["--format", "json"], {}],
  [["--verbose"], { DEBUG: "sync-types:*" }],
  [["check", "--format", "github"], {}],
  [["diff", "--format", "markdown"], {}],
  [["hook", "run", "--verbose"], {}],
] as [string[], Record<string, string>][])("sync-types %j %j: services that answer work, no secret printed", async (args, env) => {
  // The hook judges what is staged: the files the first run wrote.
  if (args[0] === "hook") await execa("git", ["add", "-A"], { cwd: answering });
  const run = await runCli(args, { cwd: answering, env: { SVC_KEY: SECRETS.key, ...env } });
  const output = run.stdout + run.stderr;
  expect(run.code, output).toBe(0);
  expect(run.stderr).toContain(`moved: ${home.origin} redirected to ${other.origin}; the headers and credentials configured for ${home.origin} are not sent there`);
  expectNoSecret(output);
});

test("the redirect target got none of the secrets, only the signed URL it was sent to", () => {
  const atOther = other.requests.filter((r) => r.path.startsWith("/spec"));
  expect(atOther.length).toBeGreaterThan(0);
  for (const { path, headers } of atOther) {
    expect(path).toBe(`/spec?X-Amz-Signature=${SECRETS.signature}`);
    expect([headers.authorization, headers["x-api-key"]]).toEqual([undefined, undefined]);
  }
});

test.each([
  ["/basic", 0, "written"],
  ["/html", 3, `error ${home.origin}/html did not return JSON (it returned an HTML page): "<html>key undefined with Basic ***</html>"`],
])("sync-types generate <url with credentials>%s: exit %i, no secret printed or written", async (path, code, says) => {
  const url = `http://deploy:${SECRETS.password}@127.0.0.1:${home.port}${path}`;
  const run = await runCli(["generate", url, "-o", "out"], { cwd: answering });
  expect(run.code, run.stdout + run.stderr).toBe(code);
  expect(run.stdout + run.stderr).toContain(says);
  expectNoSecret(run.stdout + run.stderr);
  if (code === 0) for (const file of await readdir(join(answering, "out"))) expectNoSecret(await readFile(join(answering, "out", file), "utf8"));
});
