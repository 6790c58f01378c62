import { expect, test } from "vitest";
import { inlineType, schemaType } from "../../../../src/generate/client/schema-type.js";
import type { Json } from "../../../../src/spec/types.js";

const context = { ref: (key: string) => (key === "Token" ? "Token" : `Model<${key}>`), binary: "Blob" };

const cases: [string, Json, string][] = [
  ["component reference", { $ref: "#/components/schemas/Token" }, "Token"],
  ["escaped pointer", { $ref: "#/components/schemas/a~1b~0c%20d" }, "Model<a/b~c d>"],
  ["other reference", { $ref: "#/components/schemas/Token/properties/x" }, "unknown"],
  ["external reference", { $ref: "https://example.com/s.json" }, "unknown"],
  ["no schema", {}, "unknown"],
  ["false", false, "never"],
  ["primitives", { type: ["string", "integer", "boolean", "null"] }, "string | number | boolean | null"],
  ["binary string (FastAPI ≥ 0.129.1)", { type: "string", contentMediaType: "application/octet-stream" }, "Blob"],
  ["binary string (older FastAPI)", { type: "string", format: "binary" }, "Blob"],
  ["JSON-encoded string stays a string", { type: "string", contentMediaType: "application/json" }, "string"],
  ["const", { const: 'a"b' }, '"a\\"b"'],
  ["enum", { enum: ["s", 1, true, null] }, '"s" | 1 | true | null'],
  ["optional vs nullable", { type: "object", properties: { a: { type: "string" }, b: { anyOf: [{ type: "string" }, { type: "null" }] } }, required: ["b"] }, "{ a?: string; b: string | null }"],
  ["quoted property names", JSON.parse('{"type": "object", "properties": {"a-b": {}, "__proto__": {"type": "integer"}, "": {"type": "string"}}}'), '{ "a-b"?: unknown; __proto__?: number; ""?: string }'],
  ["array of a union", { type: "array", items: { anyOf: [{ $ref: "#/components/schemas/Token" }, { type: "null" }] } }, "(Token | null)[]"],
  ["tuple", { type: "array", prefixItems: [{ type: "string" }, { type: "number" }], items: false }, "[string, number]"],
  ["open tuple", { type: "array", prefixItems: [{ type: "string" }] }, "[string, ...unknown[]]"],
  ["dict", { type: "object", additionalProperties: { type: "integer" } }, "Record<string, number>"],
  ["properties and more", { type: "object", properties: { a: { type: "string" } }, required: ["a"], additionalProperties: true }, "{ a: string } & Record<string, unknown>"],
  ["closed empty object", { type: "object", additionalProperties: false }, "Record<string, never>"],
  ["free-form object (FastAPI's ValidationError.ctx), as types.gen.ts has it", { type: "object" }, "Record<string, unknown>"],
  ["object with no properties", { type: "object", properties: {} }, "Record<string, unknown>"],
  ["allOf", { allOf: [{ $ref: "#/components/schemas/Token" }, { type: "object", properties: { x: { type: "string" } } }] }, "Token & { x?: string }"],
  ["oneOf with discriminator", { oneOf: [{ $ref: "#/components/schemas/Cat" }, { $ref: "#/components/schemas/Dog" }], discriminator: { propertyName: "kind" } }, "Model<Cat> | Model<Dog>"],
  ["unknown in a union absorbs it", { anyOf: [{ type: "string" }, {}] }, "unknown"],
  ["OpenAPI 3.0 nullable", { type: "string", nullable: true }, "string | null"],
  ["a union inside an intersection", { allOf: [{ anyOf: [{ type: "string" }, { type: "number" }] }, { $ref: "#/components/schemas/Token" }] }, "(string | number) & Token"],
];

test.each(cases)("%s", (_name, schema, expected) => {
  expect(schemaType(schema, context)).toBe(expected);
});

test("deep nesting ends in unknown instead of overflowing the stack", () => {
  let schema: Json = { type: "string" };
  for (let i = 0; i < 10_000; i++) schema = { type: "array", items: schema };
  expect(schemaType(schema, context)).toMatch(/^unknown(\[\])+$/);
});

test("inline types: short ones printed, ones with object properties left to types.gen.ts", () => {
  expect(inlineType({ type: "array", items: { $ref: "#/components/schemas/Token" } }, context)).toBe("Token[]");
  expect(inlineType({ type: "object", additionalProperties: { anyOf: [{ type: "string" }, { type: "null" }] } }, context)).toBe("Record<string, string | null>");
  expect(inlineType({ type: "array", items: { type: "object", properties: { a: {} } } }, context)).toBeUndefined();
  let deep: Json = { type: "string" };
  for (let i = 0; i < 10_000; i++) deep = { type: "array", items: deep };
  expect(inlineType(deep, context)).toBeUndefined();
});
