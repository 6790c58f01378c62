// The zod plugin's validating client against the real estimation-api under uvicorn: its
// responses pass, and schemas from a spec that drifted from the service reject them.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { canonicalizeSpec } from "../../../src/spec/canonical.js";
import type { Json, OpenApiDocument } from "../../../src/spec/types.js";
import { EXAMPLES } from "../../helpers/paths.js";
import { startUvicorn } from "../../helpers/uvicorn.js";
import { tempDir } from "../generate/client/support.js";
import { importSchemas, writeWithSchemas } from "./zod-support.js";

const SERVICE = join(EXAMPLES, "services/estimation-api");
const server = await startUvicorn({ cwd: SERVICE, python: join(SERVICE, ".venv/bin/python"), app: "app.main:app" });
const spec = canonicalizeSpec((await (await fetch(`${server.baseUrl}/openapi.json`)).json()) as Json, "estimation-api");
const root = await tempDir("zod-live");

const estimate = {
  customer: "Acme",
  discount_percent: "12.5",
  line_items: [
    { sku: "SETUP", pricing: { kind: "fixed", amount: "1500" } },
    { sku: "API", quantity: 2, pricing: { kind: "usage", unit: "api_call", unit_price: "0.02", estimated_units: 1000 } },
    { sku: "STORAGE", pricing: { kind: "tiered", unit: "gb_month", estimated_units: 120, tiers: [{ up_to: 100, unit_price: "0.10" }, { up_to: null, unit_price: "0.05" }] } },
  ],
};

/** The generated files for `spec`, with schemas.gen.ts made from `schemaSpec`, imported. */
async function load(name: string, schemaSpec: OpenApiDocument) {
  const dir = join(root, name);
  await mkdir(dir);
  return importSchemas(dir, await writeWithSchemas(dir, spec, schemaSpec));
}

describe("createValidatingClient against the running estimation-api", () => {
  test("real responses pass, each pricing kind of the discriminated union, Decimals and datetimes; a declared 404 is still an ApiError", async () => {
    const client = (await load("real", spec)).createValidatingClient({ baseUrl: server.baseUrl });
    const created = (await client.createEstimate!({ body: estimate })) as { id: string; total: string; line_items: { subtotal: string }[] };
    expect(created.line_items.map((item) => item.subtotal)).toEqual(["1500.00", "40.00", "11.00"]);
    expect(await client.getEstimate!({ path: { estimate_id: created.id } })).toEqual(created);
    expect(await client.listEstimates!({ query: { customer: "acm" } })).toEqual([created]);
    expect(await client.changeStage!({ path: { estimate_id: created.id }, body: { stage: "qualified" } })).toMatchObject({ stage: "qualified" });
    expect(await client.health!()).toMatchObject({ status: "ok", estimates: 1 });
    const missing = await client.getEstimate!({ path: { estimate_id: "00000000-0000-4000-8000-000000000000" } }).catch((error: unknown) => error);
    expect(missing).toMatchObject({ name: "ApiError", status: 404, declared: true });
  });

  test("schemas from a spec that renamed a field reject the service's real response, naming method, status and field", async () => {
    const drifted = structuredClone(spec) as unknown as { components: { schemas: Record<string, { properties: Record<string, Json>; required: string[] }> } };
    const model = drifted.components.schemas["Estimate"]!;
    model.properties = Object.fromEntries(Object.entries(model.properties).map(([key, value]) => [key === "customer" ? "client_name" : key, value]));
    model.required = model.required.map((key) => (key === "customer" ? "client_name" : key));
    const generated = await load("drifted", drifted as unknown as OpenApiDocument);

    const error = await generated.createValidatingClient({ baseUrl: server.baseUrl }).createEstimate!({ body: estimate }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(generated.ResponseValidationError);
    expect(error).toMatchObject({ operation: "createEstimate", status: 201, issues: [{ path: ["client_name"] }] });
    expect((error as Error).message).toMatch(/^createEstimate: the 201 response does not match the spec\n.*\n *→ at client_name/);
  });
});
