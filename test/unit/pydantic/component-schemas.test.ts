import { describe, expect, it } from "vitest";
import { componentsFromDefinitions, sortedSchemas } from "../../../src/pydantic/component-schemas.js";

const object = (properties: Record<string, unknown>, required = Object.keys(properties)) => ({ type: "object", properties, required, additionalProperties: false });

describe("componentsFromDefinitions", () => {
  it.each([
    ["refs point at components", { A: { $ref: "#/definitions/B" }, B: { type: "string" } }, { A: { $ref: "#/components/schemas/B" }, B: { type: "string" } }],
    ["a draft-07 tuple becomes prefixItems", { T: { type: "array", items: [{ type: "string" }, { type: "number" }], minItems: 2, maxItems: 2 } }, { T: { type: "array", prefixItems: [{ type: "string" }, { type: "number" }], minItems: 2, maxItems: 2 } }],
    ["a same-typed tuple (items + equal bounds) becomes prefixItems", { T: { type: "array", items: { type: "number" }, minItems: 2, maxItems: 2 } }, { T: { type: "array", prefixItems: [{ type: "number" }, { type: "number" }], minItems: 2, maxItems: 2 } }],
    ["an array with different bounds stays an array", { T: { type: "array", items: { type: "number" }, minItems: 1, maxItems: 3 } }, { T: { type: "array", items: { type: "number" }, minItems: 1, maxItems: 3 } }],
    ["closed objects are open, as TS object types are", { O: object({ a: { type: "string" } }) }, { O: { type: "object", properties: { a: { type: "string" } }, required: ["a"] } }],
  ])("%s", (_name, given, want) => {
    expect(componentsFromDefinitions(given as never)).toEqual(want);
  });

  it("gives a union of objects with a distinct required constant a discriminator, lifting inline members under names of their own", () => {
    const got = componentsFromDefinitions({
      Circle: object({ kind: { type: "string", const: "circle" }, r: { type: "number" } }),
      Shape: { anyOf: [{ $ref: "#/definitions/Circle" }, object({ kind: { type: "string", const: "square-box" }, side: { type: "number" } })] },
    } as never);
    expect(got.Shape).toEqual({ oneOf: [{ $ref: "#/components/schemas/Circle" }, { $ref: "#/components/schemas/ShapeSquareBox" }], discriminator: { propertyName: "kind" } });
    expect(got.ShapeSquareBox).toMatchObject({ properties: { kind: { const: "square-box" } } });
  });

  it("leaves a union without a distinct constant alone", () => {
    const members = [object({ kind: { type: "string", const: "a" } }), object({ kind: { type: "string", const: "a" }, x: { type: "number" } })];
    const got = componentsFromDefinitions({ U: { anyOf: members } } as never);
    expect(got.U!.anyOf).toHaveLength(2);
    expect(got.U!.discriminator).toBeUndefined();
  });

  it("keeps property order (the model's field order) while sortedSchemas sorts every key", () => {
    const got = componentsFromDefinitions({ O: object({ z: { type: "string" }, a: { type: "number" } }) } as never);
    expect(Object.keys(got.O!.properties as object)).toEqual(["z", "a"]);
    expect(Object.keys(sortedSchemas(got).O!.properties as object)).toEqual(["a", "z"]);
  });
});

describe("formats", () => {
  it("moves a nullable string's format (and its string bounds) onto the string member, lifted to a named component", () => {
    const got = componentsFromDefinitions({ O: object({ id: { type: ["string", "null"], format: "uuid", minLength: 3, description: "Parent." } }) } as never);
    expect(got.O!.properties).toEqual({ id: { description: "Parent.", anyOf: [{ $ref: "#/components/schemas/Uuid" }, { type: "null" }] } });
    expect(got.Uuid).toEqual({ type: "string", format: "uuid", minLength: 3 });
  });

  it("leaves a non-nullable formatted field, and a nullable enum, as they are", () => {
    const given = { O: object({ at: { type: "string", format: "date-time" }, e: { type: ["string", "null"], format: "x", enum: ["a", null] } }) };
    expect(componentsFromDefinitions(given as never).O!.properties).toEqual(given.O.properties);
  });
});
