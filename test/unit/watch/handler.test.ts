import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { Batcher } from "../../../src/watch/batcher.js";
import { planChanges, unchangedStatus, watchTargets } from "../../../src/watch/handler.js";
import type { ResolvedConfig } from "../../../src/config/types.js";

const service = (name: string, watch = ["**/*.py", "pyproject.toml", "requirements*.txt"]) => ({
  name,
  dir: `/repo/services/${name}`,
  spec: `/repo/contracts/${name}.openapi.json`,
  output: `/repo/web/src/clients/${name}`,
  watch,
});
const config = {
  file: "/repo/sync-types.config.ts",
  services: [service("estimation-api"), service("content-api", ["app/**/*.py"])],
  typecheck: { tsconfig: ["/repo/web/tsconfig.json"] },
} as unknown as ResolvedConfig;

test.each<[string, string[], { reloadConfig?: boolean; resync?: string[]; typecheck?: boolean }]>([
  ["a model saved", ["/repo/services/estimation-api/app/models.py"], { resync: ["estimation-api"] }],
  ["requirements changed", ["/repo/services/estimation-api/requirements.txt"], { resync: ["estimation-api"] }],
  ["a checkout touching 100 files of both services: one resync each, in config order", [
    ...Array.from({ length: 50 }, (_, i) => `/repo/services/content-api/app/m${i}.py`),
    ...Array.from({ length: 50 }, (_, i) => `/repo/services/estimation-api/app/m${i}.py`),
  ], { resync: ["estimation-api", "content-api"] }],
  ["a file outside the service's own globs", ["/repo/services/content-api/scripts/seed.py"], {}],
  ["the venv, caches and git are never contract", [
    "/repo/services/estimation-api/.venv/lib/python3.11/site-packages/x.py",
    "/repo/services/estimation-api/app/__pycache__/models.cpython-311.py",
  ], {}],
  ["a consumer call site", ["/repo/web/src/main.ts"], { typecheck: true }],
  ["our own generated output never loops back", ["/repo/web/src/clients/estimation-api/client.gen.ts", "/repo/contracts/content-api.openapi.json"], {}],
  ["the config file", ["/repo/sync-types.config.ts", "/repo/services/estimation-api/app/x.py"], { reloadConfig: true, resync: ["estimation-api"] }],
  ["a README", ["/repo/services/estimation-api/README.md"], {}],
])("%s", (_name, paths, want) => {
  expect(planChanges(paths, watchTargets(config))).toEqual({ reloadConfig: false, resync: [], typecheck: false, ...want });
});

const contractConfig = {
  ...config,
  services: [{ ...service("quotes"), contract: "/repo/web/src/contracts/quote.ts", pydantic: "/repo/services/quotes/app/contract_models.py" }],
} as unknown as ResolvedConfig;

test.each<[string, string[], ReadonlyMap<string, readonly string[]> | undefined, { resync?: string[]; typecheck?: boolean }]>([
  ["the contract, before its first generation", ["/repo/web/src/contracts/quote.ts"], undefined, { resync: ["quotes"], typecheck: true }],
  ["a file the contract imports, as its last generation said", ["/repo/web/src/contracts/money.ts"], new Map([["quotes", ["/repo/web/src/contracts/quote.ts", "/repo/web/src/contracts/money.ts"]]]), { resync: ["quotes"], typecheck: true }],
  ["the module sync-types writes never loops back", ["/repo/services/quotes/app/contract_models.py"], undefined, {}],
  ["another Python file of the service", ["/repo/services/quotes/app/main.py"], undefined, { resync: ["quotes"] }],
])("a TypeScript-owned contract: %s", (_name, paths, contractFiles, want) => {
  expect(planChanges(paths, watchTargets(contractConfig, contractFiles))).toEqual({ reloadConfig: false, resync: [], typecheck: false, ...want });
});

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

test("the batcher coalesces a burst into one batch and queues events that arrive while it runs", async () => {
  const batches: string[][] = [];
  let release!: () => void;
  const batcher = new Batcher(async (paths) => {
    batches.push([...paths].sort());
    if (batches.length === 1) await new Promise<void>((r) => (release = r));
  }, { quietMs: 50, maxWaitMs: 200 });

  for (let i = 0; i < 100; i++) batcher.add(`/f${i % 3}`);
  await vi.advanceTimersByTimeAsync(49);
  expect(batches).toEqual([]);
  await vi.advanceTimersByTimeAsync(1);
  expect(batches).toEqual([["/f0", "/f1", "/f2"]]);

  batcher.add("/late");
  batcher.add("/late");
  await vi.advanceTimersByTimeAsync(500);
  expect(batches).toHaveLength(1); // still running the first batch
  release();
  await vi.advanceTimersByTimeAsync(1);
  expect(batches).toEqual([["/f0", "/f1", "/f2"], ["/late"]]);
});

test("a steady stream of events still flushes after maxWaitMs", async () => {
  const batches: number[] = [];
  const batcher = new Batcher(async (paths) => void batches.push(paths.size), { quietMs: 50, maxWaitMs: 200 });
  for (let t = 0; t < 300; t += 20) {
    batcher.add(`/f${t}`);
    await vi.advanceTimersByTimeAsync(20);
  }
  expect(batches[0]).toBeGreaterThan(0);
  expect(batches[0]).toBeLessThan(15);
  batcher.dispose();
});

test.each<[string, number, { ok: boolean; text: string }]>([
  ["no call site known broken: in sync", 0, { ok: true, text: "in sync" }],
  ["a syntax error fixed while a call site is still broken: never \"in sync\"", 1, { ok: false, text: "contract unchanged · 1 call site still failing" }],
  ["several", 3, { ok: false, text: "contract unchanged · 3 call sites still failing" }],
])("a resync that wrote nothing, %s", (_name, failing, want) => {
  expect(unchangedStatus(failing)).toEqual(want);
});
