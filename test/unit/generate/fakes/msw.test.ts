// msw.gen.ts: the fakes behind MSW, for code that calls fetch itself. A real msw/node server
// intercepts global fetch; the generated client is given no fetch option at all.
import { copyFile, mkdir, symlink, writeFile } from "node:fs/promises";
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
type Handler = (baseUrl: string, resolver?: (request: { path: Record<string, string>; body: unknown }) => unknown) => HttpHandler;
const { createHandlers, fakeHandlers } = await importGenerated<{ createHandlers(baseUrl: string, overrides?: object): HttpHandler[]; fakeHandlers: Record<string, Handler> }>(dir, "msw.gen.ts", sources);
const { createClient } = await importGenerated<ClientModule>(dir, "client.gen.ts", sources);

const BASE = "http://estimation.msw.invalid/v1";
const server = setupServer(...createHandlers(BASE));
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

test("msw.gen.ts compiles strict-clean with msw's types; a handler per operation rejects wrong fields, enums, statuses and methods (TS 5 and 7)", async () => {
  await copyFile(join(REPO_ROOT, "test/fixtures/fakes/estimation-msw.ts"), join(dir, "estimation-msw.ts"));
  const tsconfig = await writeTsconfig(dir, ["types.gen.ts", "runtime.gen.ts", "client.gen.ts", "fakes.gen.ts", "msw.gen.ts", "estimation-msw.ts"], "dom");
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

const ID = "0b0f8a3e-57c5-4c2e-9f3b-3c1c2a4e5d6f";

test("a handler per operation answers only its method and path; everything else falls through to the next handler", async () => {
  const seen: unknown[] = [];
  server.use(
    fakeHandlers["getEstimate"]!(BASE, ({ path }) => ({ status: 404, body: { detail: `no ${path["estimate_id"]}` } })),
    fakeHandlers["changeStage"]!(BASE, ({ path, body }) => {
      seen.push([path["estimate_id"], body]);
      return { status: 404, body: { detail: "moved" } };
    }),
  );
  try {
    const one = await fetch(`${BASE}/estimates/${ID}`);
    expect([one.status, await one.json()]).toEqual([404, { detail: `no ${ID}` }]);
    // Same path, another method: getEstimate's handler passes, the default handlers answer.
    const deleted = await fetch(`${BASE}/estimates/${ID}`, { method: "DELETE" });
    expect(deleted.status).toBe(204);
    const listed = await fetch(`${BASE}/estimates`);
    expect([listed.status, Array.isArray(await listed.json())]).toEqual([200, true]);
    // getEstimate's handler looks at this PATCH first; its body still reaches changeStage's resolver.
    const moved = await fetch(`${BASE}/estimates/${ID}/stage`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ stage: "closed_won" }) });
    expect([moved.status, await moved.json(), seen]).toEqual([404, { detail: "moved" }, [[ID, { stage: "closed_won" }]]]);
  } finally {
    server.resetHandlers();
  }
});

test("a handler per operation validates like FastAPI: a bad request is its 422, the resolver never called", async () => {
  let called = false;
  server.use(
    fakeHandlers["changeStage"]!(BASE, () => {
      called = true;
      return { status: 404, body: { detail: "unreachable" } };
    }),
  );
  try {
    const invalid = await fetch(`${BASE}/estimates/not-a-uuid/stage`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ stage: "lost_forever" }) });
    const { detail } = (await invalid.json()) as { detail: { loc: unknown[]; type: string }[] };
    expect([invalid.status, detail.map((problem) => [problem.loc, problem.type]), called]).toEqual([422, [[["path", "estimate_id"], "uuid_parsing"], [["body", "stage"], "enum"]], false]);
  } finally {
    server.resetHandlers();
  }
});

test("without a resolver a handler per operation answers that operation's default data; the handlers are keyed as FakeOverrides", async () => {
  const only = setupServer(fakeHandlers["health"]!(BASE));
  expect(Object.keys(fakeHandlers).sort()).toEqual(["changeStage", "createEstimate", "deleteEstimate", "getEstimate", "health", "listEstimates"]);
  server.close();
  only.listen({ onUnhandledRequest: "error" });
  try {
    const health = await fetch(`${BASE}/health`);
    expect([health.status, await health.json()]).toEqual([200, expect.objectContaining({ status: "ok" })]);
    await expect(fetch(`${BASE}/estimates`)).rejects.toThrow();
  } finally {
    only.close();
    server.listen({ onUnhandledRequest: "error" });
  }
});

test("groupByTag: handlers are keyed \"<group>.<method>\" and typed from the grouped client (TS 5 and 7)", async () => {
  const grouped = join(dir, "grouped");
  await mkdir(grouped);
  const spec = await loadSpec(join(REPO_ROOT, "test/fixtures/full-stack-template/openapi.json"));
  for (const file of await generateFiles(spec, { specPath: "spec.json", fakes: { msw: true }, groupByTag: true })) await writeFile(join(grouped, file.path), file.content);
  await copyFile(join(REPO_ROOT, "test/fixtures/fakes/grouped-msw.ts"), join(grouped, "grouped-msw.ts"));
  const tsconfig = await writeTsconfig(grouped, ["types.gen.ts", "runtime.gen.ts", "client.gen.ts", "fakes.gen.ts", "msw.gen.ts", "grouped-msw.ts"], "dom");
  expect(await Promise.all([typecheck("ts5", tsconfig), typecheck("ts7", tsconfig)])).toEqual(["", ""]);
}, 120_000);
