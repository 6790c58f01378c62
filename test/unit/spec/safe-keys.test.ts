import { expect, test } from "vitest";
import { generateTypes } from "../../../src/generate/types.js";
import { serializeSpec } from "../../../src/spec/canonical.js";
import type { OpenApiDocument } from "../../../src/spec/types.js";
import { withSafeKeys } from "../../../src/spec/safe-keys.js";
import { validateSpec } from "../../../src/spec/validate.js";

/** Keys named like Object.prototype members: Redocly crashed on some (an uncaught TypeError) and misjudged `constructor`. */
const NAMES = ["constructor", "hasOwnProperty", "valueOf", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString", "__proto__"];

function spec(extra: Record<string, unknown> = {}): OpenApiDocument {
  const properties = Object.fromEntries(NAMES.map((name) => [name, { type: "string" }]));
  return JSON.parse(JSON.stringify({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/cars": {
        get: {
          operationId: "constructor",
          responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/constructor" } } } } },
        },
      },
    },
    components: {
      schemas: {
        // An F1 API's Pydantic model may well have a `constructor` field.
        constructor: { type: "object", properties, required: NAMES, ...extra },
        valueOf: {
          oneOf: [{ $ref: "#/components/schemas/constructor" }],
          discriminator: { propertyName: "hasOwnProperty", mapping: { toString: "#/components/schemas/constructor" } },
        },
      },
    },
  })) as OpenApiDocument;
}

test("validation accepts keys named like Object.prototype members", async () => {
  const doc = spec();
  expect(await validateSpec(doc, serializeSpec(doc), "t.json")).toEqual([]);
});

test("problems under such keys are reported at their real pointer", async () => {
  const doc = spec({ additionalProperties: { $ref: "#/components/schemas/Missing" } });
  const problems = await validateSpec(doc, serializeSpec(doc), "t.json");
  expect(problems.map((p) => [p.severity, p.pointer])).toEqual([["error", "#/components/schemas/constructor/additionalProperties"]]);
});

test("types keep those names, required and unsuffixed", async () => {
  const types = await generateTypes(spec());
  for (const name of NAMES.filter((n) => n !== "hasOwnProperty")) expect(types).toMatch(new RegExp(`\\n\\s+${name}: string;`));
  // The discriminator: its property and mapping key come back under their own names.
  expect(types).toMatch(/\n\s+hasOwnProperty: "toString";/);
  expect(types).toContain('components["schemas"]["constructor"]');
  expect(types).not.toContain("sync_types");
});

test("a spec that already holds the suffix gets another one: its own text comes back unchanged", async () => {
  const doc = spec({ description: "x*__sync_types_key__/ and __sync_types_key2__" });
  const safe = withSafeKeys(doc)!;
  const renamed = JSON.stringify(safe.doc);
  expect(renamed).toContain('"constructor__sync_types_key3__"');
  expect(safe.restore("#/components/schemas/constructor__sync_types_key3__/properties/valueOf__sync_types_key3__")).toBe("#/components/schemas/constructor/properties/valueOf");
  const types = await generateTypes(doc);
  expect(types).toContain("x*__sync_types_key__/ and __sync_types_key2__");
  expect(types).not.toContain("key3");
});
