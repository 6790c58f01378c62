// Sampled values, schema by schema: examples and defaults first, then formats, bounds, lengths,
// patterns, unions and recursion, each checked against the schema with ajv (JSON Schema 2020-12).
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { expect, test } from "vitest";
import { matchingString } from "../../../../src/generate/fakes/pattern.js";
import { sampleValue } from "../../../../src/generate/fakes/sample.js";
import type { Json, OpenApiDocument } from "../../../../src/spec/types.js";

const ajv = new Ajv2020({ strict: false, validateFormats: true });
(formats as unknown as { default: (ajv: Ajv2020) => void }).default(ajv);

function sample(schema: Json, schemas: Record<string, Json> = {}, warnings: string[] = []): Json {
  const spec = { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {}, components: { schemas } } as unknown as OpenApiDocument;
  return sampleValue(schema, "seed", { spec, where: "GET /x → 200 → body", warn: (message) => warnings.push(message) });
}

test.each<[string, Json]>([
  ["uuid", { type: "string", format: "uuid" }],
  ["date-time", { type: "string", format: "date-time" }],
  ["date", { type: "string", format: "date" }],
  ["email", { type: "string", format: "email" }],
  ["uri", { type: "string", format: "uri" }],
  ["lengths", { type: "string", minLength: 12, maxLength: 14 }],
  ["a short maximum", { type: "string", maxLength: 2 }],
  ["integer bounds", { type: "integer", minimum: 5, maximum: 7 }],
  ["exclusive bounds", { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 0.5 }],
  ["multipleOf", { type: "integer", minimum: 10, multipleOf: 5 }],
  ["negative range", { type: "integer", maximum: -3 }],
  ["enum", { enum: ["a", "b"] }],
  ["const", { const: 3 }],
  ["nullable", { anyOf: [{ type: "integer", minimum: 1 }, { type: "null" }] }],
  ["list bounds", { type: "array", items: { type: "integer" }, minItems: 3, maxItems: 3 }],
  ["map", { type: "object", additionalProperties: { type: "boolean" } }],
  ["sku pattern", { type: "string", pattern: "^[A-Z0-9-]+$", minLength: 1, maxLength: 64 }],
  ["language code", { type: "string", pattern: "^[a-z]{2}$" }],
  ["alternation and groups", { type: "string", pattern: "^(?:usd|eur)-\\d{3}(\\.\\d{2})?$" }],
  ["lookahead", { type: "string", pattern: "^(?!^[-+.]*$)[+-]?0*\\d*\\.?\\d*$" }],
  ["escapes in a class", { type: "string", pattern: "^[\\w.-]+@[\\w-]+\\.com$" }],
])("%s: valid for the schema", (_name, schema) => {
  const warnings: string[] = [];
  const value = sample(schema, {}, warnings);
  expect(ajv.validate(schema as object, value), JSON.stringify(value)).toBe(true);
  expect(warnings).toEqual([]);
});

test("example, then examples, then default win over generation", () => {
  expect(sample({ type: "integer", example: 41, examples: [42], default: 43 })).toBe(41);
  expect(sample({ type: "integer", examples: [42], default: 43 })).toBe(42);
  expect(sample({ type: "integer", default: 43 })).toBe(43);
});

test("a discriminated union sets the tag of the variant it samples", () => {
  const schemas = {
    Cat: { type: "object", properties: { pet_type: { type: "string" }, meows: { type: "integer" } }, required: ["pet_type", "meows"] },
    Dog: { type: "object", properties: { pet_type: { type: "string" } }, required: ["pet_type"] },
  };
  const union = { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }], discriminator: { propertyName: "pet_type", mapping: { cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" } } };
  expect(sample(union, schemas)).toMatchObject({ pet_type: "cat", meows: expect.any(Number) });
});

test("recursion ends: a self-referencing model nests a bounded number of times", () => {
  const schemas = { Node: { type: "object", properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#/components/schemas/Node" } } }, required: ["name"] } };
  const text = JSON.stringify(sample({ $ref: "#/components/schemas/Node" }, schemas));
  expect(text.match(/"name"/g)!.length).toBeLessThanOrEqual(4);
  const cycle = { A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } };
  expect(sample({ $ref: "#/components/schemas/A" }, cycle)).toBeNull();
});

test("a pattern outside the generator's subset is a generation-time warning naming where and the fix", () => {
  const warnings: string[] = [];
  sample({ type: "string", pattern: "^(a)\\1$" }, {}, warnings);
  expect(warnings).toEqual([expect.stringContaining('fakes: GET /x → 200 → body: no sample for pattern "^(a)\\\\1$"; give the field an example')]);
});

test("the same seed gives the same value; another seed, another one", () => {
  const schema: Json = { type: "string", format: "uuid" };
  expect(sample(schema)).toBe(sample(schema));
  const spec = { openapi: "3.1.0", paths: {} } as unknown as OpenApiDocument;
  expect(sampleValue(schema, "other", { spec, where: "", warn: () => {} })).not.toBe(sample(schema));
});

test("matchingString refuses what it cannot read, and checks what it makes", () => {
  const pick = () => 0;
  expect(matchingString("(", pick)).toBeUndefined();
  expect(matchingString("^(?<year>\\d{4})$", pick)).toBeUndefined();
  expect(matchingString("^ab{2,3}c$", pick)).toMatch(/^ab{2,3}c$/);
});
