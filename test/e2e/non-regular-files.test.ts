import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, test } from "vitest";
import { BIN } from "../helpers/paths.js";
import { tempTree } from "../helpers/temp-tree.js";

/**
 * Opening a FIFO for reading blocks until a writer comes, in a thread even `process.exit`
 * waits for: before the fix these runs never ended, SIGTERM included. Every path a user names
 * must be refused from its `stat` with exit 2, naming the path and what it is.
 */
const SPEC = JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {} });
const service = (extra: Record<string, unknown> = {}) => ({
  dir: ".",
  app: "app:app",
  spec: "contracts/a.json",
  output: "out",
  source: "url",
  // Nothing answers here: a run that got as far as a service would fail with exit 3, not 2.
  url: "http://127.0.0.1:9",
  ...extra,
});
const config = (services: Record<string, unknown>, extra: Record<string, unknown> = {}) => JSON.stringify({ services, ...extra });

/** A SIGKILL after the bound: the pre-fix run ignores SIGTERM while its open() waits. */
async function run(args: string[], cwd: string) {
  const result = await execa(process.execPath, [BIN, ...args], { cwd, env: { NO_COLOR: "1", FORCE_COLOR: undefined }, reject: false, stdin: "ignore", timeout: 20_000, killSignal: "SIGKILL" });
  return { code: result.exitCode ?? -1, stderr: String(result.stderr), timedOut: result.timedOut };
}

async function project(files: Record<string, string>, fifos: string[]): Promise<string> {
  const dir = await tempTree({ "contracts/.keep": "", "ok.json": SPEC, ...files });
  for (const fifo of fifos) execFileSync("mkfifo", [join(dir, fifo)]);
  return dir;
}

type Case = [name: string, args: string[], files: Record<string, string>, fifos: string[], says: string];
const FIFO = "is a FIFO (named pipe), not a regular file";

const CASES: Case[] = [
  ["generate <fifo>", ["generate", "pipe.json", "-o", "out"], {}, ["pipe.json"], `pipe.json ${FIFO}`],
  ["diff <fifo> <file>", ["diff", "pipe.json", "ok.json"], {}, ["pipe.json"], `pipe.json ${FIFO}`],
  ["diff <file> <fifo>", ["diff", "ok.json", "pipe.json"], {}, ["pipe.json"], `pipe.json ${FIFO}`],
  ["-c <fifo>", ["check", "-c", "pipe.json"], {}, ["pipe.json"], `--config: `],
  ["a sync-types.config.json found upward that is a FIFO", ["check"], {}, ["sync-types.config.json"], `config: `],
  ["a sync-types.config.mjs found upward that is a FIFO (import() would block)", ["check"], {}, ["sync-types.config.mjs"], `config: `],
  ["services.a.spec a FIFO, sync", [], { "sync-types.config.json": config({ a: service() }) }, ["contracts/a.json"], `services.a.spec: `],
  ["services.a.spec a FIFO, check", ["check"], { "sync-types.config.json": config({ a: service() }) }, ["contracts/a.json"], `services.a.spec: `],
  ["services.a.spec a FIFO, diff", ["diff"], { "sync-types.config.json": config({ a: service() }) }, ["contracts/a.json"], `services.a.spec: `],
  ["services.a.spec a FIFO, fake", ["fake"], { "sync-types.config.json": config({ a: service() }) }, ["contracts/a.json"], `services.a.spec: `],
  ["services.a.envFile a FIFO", ["check"], { "sync-types.config.json": config({ a: service({ envFile: "a.env" }) }) }, ["a.env"], `services.a.envFile: `],
  ["typecheck.tsconfig a FIFO", ["check"], { "sync-types.config.json": config({ a: service() }, { typecheck: { tsconfig: "tsconfig.app.json" } }) }, ["tsconfig.app.json"], `typecheck.tsconfig: `],
  ["diff --base <fifo>", ["diff", "--base", "base.json"], { "sync-types.config.json": config({ a: service() }), "contracts/a.json": SPEC }, ["base.json"], `--base: `],
  ["diff --head <fifo>", ["diff", "--head", "head.json"], { "sync-types.config.json": config({ a: service() }), "contracts/a.json": SPEC }, ["head.json"], `--head: `],
  ["pydantic <fifo.ts>", ["pydantic", "contract.ts", "-o", "models.py"], {}, ["contract.ts"], `contract: `],
  ["pydantic <fifo.json>", ["pydantic", "contract.json", "-o", "models.py"], {}, ["contract.json"], `contract: `],
  ["pydantic --tsconfig <fifo>", ["pydantic", "c.ts", "--tsconfig", "tsconfig.json", "-o", "models.py"], { "c.ts": "export interface A { a: string }\n" }, ["tsconfig.json"], `tsconfig: `],
  ["pydantic -o <fifo>", ["pydantic", "c.ts", "-o", "models.py"], { "c.ts": "export interface A { a: string }\n" }, ["models.py"], `-o: `],
];

describe.concurrent("a FIFO given as any user path: exit 2 naming it, never a hang", () => {
  test.for(CASES)("%s", { timeout: 60_000 }, async ([, args, files, fifos, says], { expect }) => {
    const dir = await project(files, fifos);
    const result = await run(args, dir);
    expect(result.timedOut, "the run hung").toBe(false);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(says);
    expect(result.stderr).toContain(`${fifos[0]!.split("/").pop()} ${FIFO}`);
    // A command without a config names no config setting.
    expect(result.stderr).not.toContain("services.spec.");
    expect(existsSync(join(dir, "out")), "nothing is generated").toBe(false);
  });
});

test("a directory, a socket and a device given as a spec are each named for what they are", { timeout: 60_000 }, async () => {
  const dir = await tempTree({ "ok.json": SPEC });
  await mkdir(join(dir, "folder.json"));
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(join(dir, "socket.json"), resolve));
  try {
    for (const [input, kind] of [["folder.json", "a directory"], ["socket.json", "a socket"], ["/dev/null", "a character device"]]) {
      const result = await run(["generate", input!, "-o", "out"], dir);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr).toContain(`${input} is ${kind}, not a regular file`);
    }
  } finally {
    server.close();
  }
  expect(existsSync(join(dir, "out"))).toBe(false);
});
