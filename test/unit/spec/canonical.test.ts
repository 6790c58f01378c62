import { describe, expect, test } from "vitest";
import { canonicalizeSpec, serializeSpec } from "../../../src/spec/canonical.js";
import { SpecError } from "../../../src/errors.js";
import { findDanglingRefs } from "../../../src/spec/validate.js";

const op = (id: string) => ({ operationId: id, responses: {} });

describe("canonicalizeSpec", () => {
  test("sorts paths and components, orders methods, keeps everything else as emitted", () => {
    const raw = {
      openapi: "3.1.0",
      info: { version: "1", title: "T" },
      paths: {
        "/b": { post: op("b_post"), get: op("b_get"), parameters: [] },
        "/a": { delete: op("a_delete"), get: op("a_get") },
      },
      components: { securitySchemes: { z: {}, a: {} }, schemas: { Zed: { type: "object" }, Alpha: { type: "string" } } },
    };
    const text = serializeSpec(canonicalizeSpec(raw, "svc"));
    const doc = JSON.parse(text);
    expect(Object.keys(doc)).toEqual(["openapi", "info", "paths", "components"]);
    expect(Object.keys(doc.info)).toEqual(["version", "title"]);
    expect(Object.keys(doc.paths)).toEqual(["/a", "/b"]);
    expect(Object.keys(doc.paths["/b"])).toEqual(["parameters", "get", "post"]);
    expect(Object.keys(doc.paths["/a"])).toEqual(["get", "delete"]);
    expect(Object.keys(doc.components)).toEqual(["schemas", "securitySchemes"]);
    expect(Object.keys(doc.components.schemas)).toEqual(["Alpha", "Zed"]);
    expect(text).toMatch(/^\{\n  "openapi": "3.1.0",\n/);
    expect(text.endsWith("}\n")).toBe(true);
  });

  test("the same document in any key order gives the same bytes", () => {
    const a = { openapi: "3.1.0", info: {}, paths: { "/x": { get: op("x") }, "/y": { put: op("y"), get: op("yg") } } };
    const b = { openapi: "3.1.0", info: {}, paths: { "/y": { get: op("yg"), put: op("y") }, "/x": { get: op("x") } } };
    expect(serializeSpec(canonicalizeSpec(a, "s"))).toBe(serializeSpec(canonicalizeSpec(b, "s")));
  });

  test("code-unit order, not locale order", () => {
    const doc = canonicalizeSpec({ openapi: "3.0.3", info: {}, paths: { "/b": {}, "/B": {}, "/a": {}, "/É": {} } }, "s");
    expect(Object.keys(doc["paths"] as object)).toEqual(["/B", "/a", "/b", "/É"]);
  });

  test.each([
    [{ swagger: "2.0" }, "Swagger 2.0 is not supported"],
    [{ openapi: "2.0" }, "not an OpenAPI 3.x document"],
    [[1, 2], "not a JSON object"],
    [{ info: {} }, 'not an OpenAPI 3.x document ("openapi": null)'],
  ])("rejects %j", (raw, message) => {
    expect(() => canonicalizeSpec(raw as never, "svc")).toThrow(SpecError);
    expect(() => canonicalizeSpec(raw as never, "svc")).toThrow(message);
  });
});

test("findDanglingRefs sees references inside itemSchema, which Redocly does not walk", () => {
  const doc = {
    openapi: "3.1.0",
    components: { schemas: { "A/B": {}, Token: {} } },
    paths: {
      "/s": { get: { responses: { "200": { content: { "application/jsonl": { itemSchema: { $ref: "#/components/schemas/Nope" } } } } } } },
      "/t": { get: { responses: { "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/A~1B" } } } } } } },
    },
  };
  expect(findDanglingRefs(doc).map((p) => p.pointer)).toEqual([
    "#/paths/~1s/get/responses/200/content/application~1jsonl/itemSchema",
  ]);
});
