import { existsSync } from "node:fs";
import { readFile, symlink } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { countingServer } from "../helpers/counting-server.js";
import { tempTree } from "../helpers/temp-tree.js";

/**
 * `externalRefs`: the per-service opt-in. Allowed local files are inlined into the committed
 * spec, which is then self-contained; anything else (outside the globs, through a symlink,
 * a URL) is refused, and the service sends no request but the one for its spec.
 */
const MONEY = { type: "object", properties: { amount: { type: "number" }, currency: { $ref: "#/$defs/Currency" } }, required: ["amount"], $defs: { Currency: { type: "string", enum: ["EUR", "USD"] } } };
const SECRET = { type: "object", properties: { TOP_SECRET_FILE_CONTENT: { type: "string" } } };

const specNaming = (ref: string) => (url: string) => ({
  openapi: "3.1.0",
  info: { title: "prices", version: "1" },
  paths: { "/price": { get: { operationId: "get_price_price_get", responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Price" } } } } } } } },
  components: { schemas: { Price: { type: "object", properties: { total: { $ref: ref.replace("{url}", url) } }, required: ["total"] } } },
});

async function project(ref: string, externalRefs: string[]) {
  const server = await countingServer(specNaming(ref));
  const outside = await tempTree({ "secret.json": JSON.stringify(SECRET) });
  const dir = await tempTree({
    "shared/schemas/money.json": JSON.stringify(MONEY),
    "shared/secret.json": JSON.stringify(SECRET),
    "sync-types.config.json": JSON.stringify({
      services: { prices: { dir: ".", source: "url", url: server.url, spec: "contracts/prices.openapi.json", output: "src/clients/prices", externalRefs } },
    }),
  });
  await symlink(join(outside, "secret.json"), join(dir, "shared/schemas/link.json"));
  return { dir, server, run: () => runCli([], { cwd: dir }) };
}

test("an allowed file is inlined: the committed spec names no file, the client has its types", async () => {
  const { dir, server, run } = await project("../shared/schemas/money.json", ["shared/schemas/*.json"]);
  const result = await run();
  expect(result.code, result.stdout + result.stderr).toBe(0);
  const spec = JSON.parse(await readFile(join(dir, "contracts/prices.openapi.json"), "utf8"));
  expect(spec.components.schemas.Price.properties.total).toEqual({ ...MONEY, properties: { ...MONEY.properties, currency: MONEY.$defs.Currency } });
  const types = await readFile(join(dir, "src/clients/prices/types.gen.ts"), "utf8");
  expect(types).toMatch(/currency\?: "EUR" \| "USD"/);
  expect(server.requests).toEqual(["GET /openapi.json"]);
});

test.for([
  ["a file outside the globs", "../shared/secret.json", "is not matched by services.prices.externalRefs"],
  ["a symlink inside the globs to a file outside", "../shared/schemas/link.json", "is not matched by services.prices.externalRefs"],
  ["a path that leaves the globs with ..", "../shared/schemas/../secret.json", "is not matched by services.prices.externalRefs"],
  ["a URL", "{url}/money.json", "a URL; a spec never makes sync-types send a request"],
] as const)("%s is refused, nothing is read or written", async ([, ref, says]) => {
  const { dir, server, run } = await project(ref, ["shared/schemas/*.json"]);
  const result = await run();
  expect(result.code, result.stdout + result.stderr).toBe(3);
  expect(result.stdout + result.stderr).toContain("#/components/schemas/Price/properties/total");
  expect(result.stdout + result.stderr).toContain(says);
  expect(result.stdout + result.stderr).not.toContain("TOP_SECRET_FILE_CONTENT");
  expect(server.requests).toEqual(["GET /openapi.json"]);
  expect(existsSync(join(dir, "contracts"))).toBe(false);
});

test("a URL as an allowed glob is a config error", async () => {
  const { dir, run } = await project("../shared/schemas/money.json", ["https://example.com/*.json"]);
  const result = await run();
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toContain('services.prices.externalRefs.0: expected a local file glob relative to the config file, got the URL "https://example.com/*.json"');
  expect(existsSync(join(dir, "contracts"))).toBe(false);
});
