import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { ContractBreachError } from "../../../src/contract/breach-error.js";
import type { ContractModule } from "../../../src/contract/generator.js";
import { enforceContract, type ContractService } from "../../../src/contract/stage.js";
import { BUILD, cacheDir, contentKey, writeCacheEntry } from "../../../src/services/cache.js";
import type { JsonObject, OpenApiDocument } from "../../../src/spec/types.js";

const money = { type: "object", properties: { amount: { type: "number" }, currency: { type: "string" } }, required: ["amount", "currency"] };
const module = { schemas: { Money: money } } as unknown as ContractModule;
const ref = { $ref: "#/components/schemas/Money" };
const spec = (schema: object): OpenApiDocument => ({
  openapi: "3.1.0",
  paths: { "/price": { get: { responses: { "200": { description: "OK", content: { "application/json": { schema: ref } } } } } } },
  components: { schemas: { Money: schema as JsonObject } },
});
/** A local Money without `currency`: a breach. */
const breaching = spec({ ...money, properties: { amount: { type: "number" } }, required: ["amount"] });

async function project(): Promise<{ root: string; service: ContractService; held: string }> {
  const root = await mkdtemp(join(tmpdir(), "sync-types-verdict-"));
  const held = join(cacheDir(root), "contract-held");
  onTestFinished(async () => {
    await Promise.all([rm(root, { recursive: true, force: true }), rm(held, { recursive: true, force: true })]);
  });
  // No app: a breach names no route file, so nothing is started.
  const service = { name: "quotes", dir: root, contract: join(root, "quote.ts"), pydantic: join(root, "contract_models.py") } as ContractService;
  return { root, service, held };
}

test("`cache: false` (check --no-cache) judges afresh: a recorded verdict for the pair is not taken on trust", async () => {
  const { root, service } = await project();
  // A verdict recorded under the same build stamp by a judge since fixed (a dev build, a hand-edited cache):
  // --no-cache is how a user gets past it.
  const key = contentKey("contract-held", BUILD, JSON.stringify([module.schemas, null]), JSON.stringify(breaching));
  await writeCacheEntry(cacheDir(root), "contract-held", key, true);
  await expect(enforceContract(service, module, breaching, root, root)).resolves.toBeUndefined();
  await expect(enforceContract(service, module, breaching, root, root, false)).rejects.toBeInstanceOf(ContractBreachError);
});

test("`cache: false` records no verdict; the default records a pair that holds", async () => {
  const { root, service, held } = await project();
  await enforceContract(service, module, spec(money), root, root, false);
  expect(await readdir(held).catch(() => [])).toEqual([]);
  await enforceContract(service, module, spec(money), root, root);
  expect(await readdir(held)).toHaveLength(1);
});
