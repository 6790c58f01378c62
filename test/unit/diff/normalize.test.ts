import { describe, expect, test } from "vitest";
import { diffSpecs } from "../../../src/diff/index.js";
import { SchemaReader } from "../../../src/diff/normalize.js";
import { detectRenames } from "../../../src/diff/renames.js";
import type { Json, OpenApiDocument } from "../../../src/spec/types.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ "application/json": { schema } });

/** POST /items sends `request`, GET /items/{id} and POST /items return `response`. */
function spec(schemas: Record<string, Json>, request: Json = ref("Item"), response: Json = ref("Item")): OpenApiDocument {
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/items": { post: { operationId: "create_item_items_post", requestBody: { required: true, content: json(request) }, responses: { "200": { description: "OK", content: json(response) } } } },
      "/items/{id}": { get: { operationId: "get_item_items__id__get", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "200": { description: "OK", content: json(response) } } } },
    },
    components: { schemas },
  };
}

const item = (extra: Record<string, Json> = {}, required = ["name"]) => ({
  type: "object", title: "Item", required, properties: { name: { type: "string", title: "Name" }, ...extra },
});
const summary = (doc: OpenApiDocument, head: OpenApiDocument) =>
  diffSpecs(doc, head).map((c) => `${c.direction} ${c.id} @ ${c.location} [${c.operations.join(", ")}]`);

describe("FastAPI normalization", () => {
  test.each<[string, Json]>([
    ["anyOf with null", { anyOf: [{ type: "string", maxLength: 3 }, { type: "null" }], title: "Note" }],
    ["a type list with null", { type: ["string", "null"], maxLength: 3 }],
    ["OpenAPI 3.0 nullable", { type: "string", nullable: true, maxLength: 3 }],
  ])("%s is a nullable string", (_name, schema) => {
    const node = new SchemaReader(spec({})).read(schema, "/x");
    expect(node.nullable).toBe(true);
    expect([...node.types!]).toEqual(["string"]);
    expect(node.constraints.maxLength).toBe(3);
    expect(node.union).toBeUndefined();
  });

  test("a nullable reference keeps the reference and the usage site's default", () => {
    const node = new SchemaReader(spec({ Status: { type: "string", enum: ["a"] } })).read({ anyOf: [ref("Status"), { type: "null" }], default: "a" }, "/x");
    expect(node.ref?.name).toBe("Status");
    expect(node.nullable).toBe(true);
    expect(node.default).toEqual({ value: "a" });
  });

  test("const is a one-value enum; allOf of one schema is that schema", () => {
    const reader = new SchemaReader(spec({ Kind: { type: "string", const: "cat" } }));
    expect(reader.read({ type: "string", const: "cat" }, "/x").enum).toEqual(["cat"]);
    expect(reader.resolved(reader.read({ allOf: [ref("Kind")], description: "why" }, "/x")).enum).toEqual(["cat"]);
  });

  test("anyOf [X, null] and X | None are the same contract: moving between them is only nullability", () => {
    const before = spec({ Item: item({ note: { anyOf: [{ type: "string" }, { type: "null" }] } }) });
    const after = spec({ Item: item({ note: { type: "string" } }) });
    expect(summary(before, after)).toEqual(["request request-became-non-nullable @ Item.note [POST /items]"]);
    expect(summary(after, before)).toEqual(["response response-became-nullable @ Item.note [GET /items/{id}, POST /items]"]);
  });

  test("titles, descriptions and examples are not contract", () => {
    const before = spec({ Item: item({ price: { type: "number", title: "Price" } }) });
    const after = spec({ Item: { ...item({ price: { type: "number", title: "Cost", description: "in EUR", examples: [1.5] } }), description: "An item" } });
    expect(diffSpecs(before, after)).toEqual([]);
  });

  test("Item and Item-Input / Item-Output are one model: a computed field alone is not breaking", () => {
    const before = spec({ Item: item() });
    const after = spec(
      { "Item-Input": item(), "Item-Output": item({ label: { type: "string", readOnly: true } }, ["name", "label"]) },
      ref("Item-Input"),
      ref("Item-Output"),
    );
    expect(summary(before, after)).toEqual(["response response-property-added @ Item.label [GET /items/{id}, POST /items]"]);
  });

  test("read-only properties never count in requests", () => {
    const before = spec({ Item: item({ id: { type: "string", readOnly: true } }, ["name", "id"]) });
    const after = spec({ Item: item() });
    expect(summary(before, after)).toEqual(["response response-required-property-removed @ Item.id [GET /items/{id}, POST /items]"]);
  });

  test("a change in a shared model is reported once, with every operation that uses it", () => {
    const before = spec({ Item: item({ tag: { $ref: "#/components/schemas/Tag" } }), Tag: { type: "string", enum: ["a", "b"] } });
    const after = spec({ Item: item({ tag: { $ref: "#/components/schemas/Tag" } }), Tag: { type: "string", enum: ["a"] } });
    const changes = diffSpecs(before, after);
    expect(changes.map((c) => [c.id, c.location, c.operations])).toEqual([["request-enum-value-removed", "Tag", ["POST /items"]]]);
    expect(changes[0]!.pointer).toBe("/components/schemas/Tag");
  });

  test("recursive models are compared once and terminate, through self and mutual references", () => {
    const node = (extra: Record<string, Json> = {}) => ({
      type: "object", required: ["name"], properties: { name: { type: "string" }, children: { type: "array", items: ref("Node") }, peer: ref("Peer"), ...extra },
    });
    const peer = { type: "object", properties: { back: ref("Node") } };
    const before = spec({ Node: node(), Peer: peer }, ref("Node"), ref("Node"));
    const after = spec({ Node: node({ size: { type: "integer" } }), Peer: peer }, ref("Node"), ref("Node"));
    expect(summary(before, after)).toEqual([
      "request request-property-added @ Node.size [POST /items]",
      "response response-property-added @ Node.size [GET /items/{id}, POST /items]",
    ]);
  });

  test("a cycle through two differently named models compared in place terminates", () => {
    const before = spec({ A: { type: "object", properties: { next: ref("A"), x: { type: "string" } } } }, ref("A"), ref("A"));
    const after = spec({ B: { type: "object", properties: { next: ref("B"), x: { type: "integer" } } } }, ref("B"), ref("B"));
    const ids = diffSpecs(before, after).map((c) => `${c.id} @ ${c.location}`);
    expect(ids).toContain("request-type-narrowed @ POST /items -> body.x");
    expect(ids).toContain("response-type-changed @ GET /items/{id} -> 200 -> body.x");
  });
});

describe("rename detection", () => {
  test("a model with the same structure under a new name is a rename, not a removal and an addition", () => {
    const before = spec({ Item: item({ tag: ref("Tag") }), Tag: { type: "string", enum: ["a"], title: "Tag" } });
    const after = spec({ Product: { ...item({ tag: ref("Label") }), title: "Product" }, Label: { type: "string", enum: ["a"], title: "Label" } }, ref("Product"), ref("Product"));
    expect([...detectRenames(before, after)]).toEqual([["Tag", "Label"], ["Item", "Product"]]);
    expect(summary(before, after)).toEqual([
      "component schema-renamed @ Item [GET /items/{id}, POST /items]",
      "component schema-renamed @ Tag [GET /items/{id}, POST /items]",
    ]);
  });

  test("an ambiguous match is no rename", () => {
    const shape = { type: "string", enum: ["a"] };
    expect(detectRenames(spec({ A: shape }), spec({ B: shape, C: shape })).size).toBe(0);
  });
});
