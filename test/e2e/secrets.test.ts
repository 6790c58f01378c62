import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { makeProject } from "../helpers/project.js";

const SECRETS = { env: `env-${randomUUID()}`, envFile: `file-${randomUUID()}`, header: `header-${randomUUID()}` };

// The remote service receives the header secret and still fails: the error path is covered too.
const server = createServer((req, res) => res.writeHead(req.headers.authorization === `Bearer ${SECRETS.header}` ? 503 : 401).end());
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
afterAll(() => server.close());

const withSecrets = { env: { API_TOKEN: SECRETS.env }, envFile: "secrets.env" };
const dir = await makeProject({
  // Fails at import (DATABASE_URL is missing), with secrets in its environment.
  broken: { from: "test/fixtures/apps/broken", app: "app:app", source: "import", ...withSecrets },
  "broken-http": { from: "test/fixtures/apps/broken", app: "app:app", ...withSecrets },
  ok: { from: "test/fixtures/apps/ordered", app: "app:app", source: "import", ...withSecrets },
  remote: {
    from: "test/fixtures/apps/ordered",
    source: "url",
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    headers: { Authorization: "Bearer ${SVC_TOKEN}" },
  },
});
await writeFile(join(dir, "secrets.env"), `DB_PASSWORD=${SECRETS.envFile}\nexport SESSION_KEY="${SECRETS.envFile}"\n`);

const TRACEBACK = "RuntimeError: settings: DATABASE_URL is required";
const SUMMARY = "importing app:app failed";

test.each([
  [[], { DEBUG: "sync-types:*" }, TRACEBACK],
  [["--format", "json"], {}, TRACEBACK],
  [["--verbose"], {}, TRACEBACK],
  [["check", "--verbose", "--no-cache"], {}, TRACEBACK],
  [["check", "--format", "github"], {}, SUMMARY],
  [["diff", "--format", "json"], {}, SUMMARY],
])("sync-types %j: failing services are explained, and no secret is printed", async (args, env, explained) => {
  const run = await runCli(args, { cwd: dir, env: { SVC_TOKEN: SECRETS.header, ...env } });
  const output = run.stdout + run.stderr;
  expect(run.code, output).toBe(3);
  expect(output).toContain(explained);
  expect(output).toContain("/openapi.json answered 503");
  for (const secret of Object.values(SECRETS)) expect(output).not.toContain(secret);
});
