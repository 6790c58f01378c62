// msw.gen.ts: the fakes behind MSW, for code that calls fetch itself. A real msw/node server
// intercepts global fetch; the generated client is given no fetch option at all.
import { symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setupServer } from "msw/node";
import type { HttpHandler } from "msw";
import { afterAll, beforeAll, expect, test } from "vitest";
import { generateFiles } from "../../../../src/generate/index.js";
import { REPO_ROOT } from "../../../helpers/paths.js";
import { importGenerated, tempDir, typecheck, writeTsconfig } from "../client/support.js";
import { loadSpec, SPECS, type ClientModule } from "./support.js";

const dir = await tempDir("msw");
const files = await generateFiles(await loadSpec(SPECS["estimation-api"]!), { specPath: "spec.json", fakes: { msw: true } });
const sources = Object.fromEntries(files.map((file) => [file.path, file.content]));
await writeFile(join(dir, "package.json"), '{ "type": "module" }\n');
await symlink(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"));
for (const [name, source] of Object.entries(sources)) await writeFile(join(dir, name), source);
const { createHandlers } = await importGenerated<{ createHandlers(baseUrl: string, overrides?: object): HttpHandler[] }>(dir, "msw.gen.ts", sources);
const { createClient } = await importGenerated<ClientModule>(dir, "client.gen.ts", sources);

const BASE = "http://estimation.msw.invalid/v1";
const server = setupServer(...createHandlers(BASE));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

test("msw.gen.ts compiles strict-clean with msw's types (TS 5 and 7)", async () => {
  const tsconfig = await writeTsconfig(dir, ["types.gen.ts", "runtime.gen.ts", "client.gen.ts", "fakes.gen.ts", "msw.gen.ts"], "dom");
  expect(await Promise.all([typecheck("ts5", tsconfig), typecheck("ts7", tsconfig)])).toEqual(["", ""]);
}, 120_000);

test("plain fetch under baseUrl's path is answered by the fake: data, FastAPI's 422 and 404", async () => {
  const health = await fetch(`${BASE}/health`);
  expect([health.status, await health.json()]).toEqual([200, expect.objectContaining({ status: "ok" })]);
  const invalid = await fetch(`${BASE}/estimates?limit=0`);
  expect(await invalid.json()).toEqual({ detail: [expect.objectContaining({ loc: ["query", "limit"], type: "greater_than_equal" })] });
  const missing = await fetch(`${BASE}/nope`);
  expect([missing.status, await missing.json()]).toEqual([404, { detail: "Not Found" }]);
});

test("server.use with typed overrides for one test; the client needs no fetch option", async () => {
  server.use(...createHandlers(BASE, { getEstimate: () => ({ status: 404, body: { detail: "gone" } }) }));
  const client = createClient({ baseUrl: BASE, fetch: undefined }) as unknown as Record<string, (request: object) => Promise<unknown>>;
  const error = (await client["getEstimate"]!({ path: { estimate_id: "0b0f8a3e-57c5-4c2e-9f3b-3c1c2a4e5d6f" } }).catch((e: unknown) => e)) as { status: number; body: unknown };
  expect([error.status, error.body]).toEqual([404, { detail: "gone" }]);
  server.resetHandlers();
});
