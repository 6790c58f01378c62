import { expect, test } from "vitest";
import { holdToContract } from "../../../src/contract/conform.js";
import type { Json, JsonObject, OpenApiDocument } from "../../../src/spec/types.js";

const money = { type: "object", properties: { amount: { type: "number" }, currency: { type: "string" } }, required: ["amount", "currency"] };
const estimate = {
  type: "object",
  properties: { id: { type: "string" }, total: { $ref: "#/components/schemas/Money" }, note: { type: "string" }, region: { anyOf: [{ type: "string" }, { type: "null" }] } },
  required: ["id", "total", "region"],
};
const contract = { schemas: { Money: money, Estimate: estimate, Unused: { type: "string" } } };
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A FastAPI-shaped spec: POST /estimates takes and returns an Estimate, GET /health uses no contract type. */
const json = (schema: Json) => ({ content: { "application/json": { schema } } });
const createEstimate = { post: { requestBody: { required: true, ...json(ref("Estimate")) }, responses: { "200": { description: "OK", ...json(ref("Estimate")) } } } };

function spec(schemas: Record<string, unknown>): OpenApiDocument {
  return {
    openapi: "3.1.0",
    paths: {
      "/estimates": createEstimate,
      "/health": { get: { responses: { "200": { description: "OK", ...json({ type: "string" }) } } } },
    },
    components: { schemas: schemas as JsonObject },
  };
}
const withTitles = (schema: Record<string, unknown>, title: string) => ({ ...schema, title, description: "as the service documents it" });

test("a service using the generated models implements the contract: titles and descriptions are not contract", () => {
  expect(holdToContract(contract, spec({ Money: withTitles(money, "Money"), Estimate: withTitles(estimate, "Estimate") }))).toEqual([]);
});

test("FastAPI's -Input/-Output halves stand for the contract type", () => {
  expect(holdToContract(contract, spec({ Money: money, "Estimate-Input": estimate, "Estimate-Output": estimate }))).toEqual([]);
});

test.each<[string, Record<string, unknown>, { location: string; rule: string }[]]>([
  ["a field missing in a nested type (a local Money without currency)", { ...money, properties: { amount: { type: "number" } }, required: ["amount"] }, [{ location: "Money.currency", rule: "response-required-property-removed" }]],
  ["a field whose type changed", { ...money, properties: { ...money.properties, amount: { type: "string" } } }, [{ location: "Money.amount", rule: "response-type-changed" }]],
])("a redefined type breaks it: %s", (_name, localMoney, want) => {
  const breaches = holdToContract(contract, spec({ Money: localMoney, Estimate: estimate }));
  expect(breaches.map(({ location, rule }) => ({ location, rule }))).toEqual(want);
  // Named by the model and the operations that reach it through Estimate.
  expect(breaches.every((b) => b.subject === "Money" && b.operations.join() === "POST /estimates")).toBe(true);
});

test.each<[string, Record<string, unknown>, string]>([
  ["an optional field made required", { ...estimate, required: [...estimate.required, "note"] }, "Estimate.note"],
  ["an optional, non-nullable field made nullable (the absent-field-as-null surprise)", { ...estimate, properties: { ...estimate.properties, note: { anyOf: [{ type: "string" }, { type: "null" }] } } }, "Estimate.note"],
  ["a required nullable field made non-nullable", { ...estimate, properties: { ...estimate.properties, region: { type: "string" } } }, "Estimate.region"],
  ["a required field made optional", { ...estimate, required: ["id", "region"] }, "Estimate.total"],
  ["an extra field the contract does not have", { ...estimate, properties: { ...estimate.properties, extra: { type: "integer" } } }, "Estimate.extra"],
])("equivalence both ways: %s", (_name, local, location) => {
  const breaches = holdToContract(contract, spec({ Money: money, Estimate: local }));
  expect(breaches.map((b) => b.location)).toEqual([location]);
  expect(breaches[0]!.operations).toEqual(["POST /estimates"]);
});

test("a contract type the service does not use is not required of it", () => {
  expect(holdToContract({ schemas: { Unused: { type: "string" } } }, spec({ Money: money, Estimate: estimate }))).toEqual([]);
});

test("an OpenAPI contract: every operation must exist, with requests no narrower and responses no wider", () => {
  const operations = {
    "/estimates": createEstimate,
    "/estimates/{id}": { delete: { parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "204": { description: "gone" } } } },
  };
  const breaches = holdToContract({ schemas: { Money: money, Estimate: estimate }, operations }, spec({ Money: money, Estimate: estimate }));
  expect(breaches.map((b) => [b.rule, b.subject])).toEqual([["operation-removed", "DELETE /estimates/{id}"]]);
});
