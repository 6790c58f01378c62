import { describe, expect, test } from "vitest";
import { childPointer, componentName, parseRef, resolveRef, valueAt } from "../../../src/spec/pointer.js";
import { inspectRefs, MAX_DEPTH, MAX_REF_DEPTH } from "../../../src/spec/refs.js";
import type { Json } from "../../../src/spec/types.js";
import { escapePointer, unescapePointer } from "@redocly/openapi-core/lib/ref-utils.js";

describe("parseRef: one reading of a $ref for the validator, the generators and the diff", () => {
  test.for([
    ["#/components/schemas/Item", { kind: "local", keys: ["components", "schemas", "Item"], pointer: "/components/schemas/Item" }],
    ["#/paths/~1items~1{id}/get", { kind: "local", keys: ["paths", "/items/{id}", "get"], pointer: "/paths/~1items~1{id}/get" }],
    ["#/components/schemas/a~0b%20c", { kind: "local", keys: ["components", "schemas", "a~b c"], pointer: "/components/schemas/a~0b c" }],
    ["#", { kind: "local", keys: [], pointer: "" }],
    ["#/components/schemas/B%zz", { kind: "malformed", reason: '"B%zz" has a "%" that is not a valid escape' }],
    ["#Item", { kind: "malformed", reason: "a plain-name fragment ($anchor), which sync-types does not resolve" }],
    ["../shared/money.json#/Money", { kind: "external", uri: "../shared/money.json", fragment: "/Money" }],
    ["/etc/passwd", { kind: "external", uri: "/etc/passwd", fragment: "" }],
    ["https://example.com/s.json", { kind: "external", uri: "https://example.com/s.json", fragment: "" }],
  ] as const)("%s", ([ref, want]) => {
    expect(parseRef(ref)).toEqual(want);
  });

  test("segments are escaped and read exactly as Redocly's ref-utils does", () => {
    for (const key of ["a/b", "a~b", "~1", "/~0/", "x~/y", "plain", "a b%20"]) {
      expect(childPointer("", key)).toBe(`/${escapePointer(key)}`);
      const segment = escapePointer(key).replaceAll("%", "%25");
      expect(parseRef(`#/${segment}`)).toMatchObject({ kind: "local", keys: [unescapePointer(segment)] });
    }
  });

  test("componentName names only a whole component, and never throws", () => {
    expect(componentName("#/components/schemas/a~1b")).toBe("a/b");
    expect(componentName("#/components/parameters/Page", "parameters")).toBe("Page");
    expect(componentName("#/components/schemas/Item/properties/x")).toBeUndefined();
    expect(componentName("#/components/schemas/%E0%A4%A")).toBeUndefined();
    expect(componentName("other.json#/components/schemas/Item")).toBeUndefined();
    expect(componentName("#/components/schemas/")).toBeUndefined();
  });

  test("values are found by own keys only; a plain pointer is never percent-decoded", () => {
    const doc: Json = { components: { schemas: { "a/b": { type: "string" }, "100%": { type: "integer" } } }, list: [1, 2] };
    expect(resolveRef(doc, "#/components/schemas/a~1b")).toEqual({ type: "string" });
    expect(valueAt(doc, "/components/schemas/100%")).toEqual({ type: "integer" });
    expect(valueAt(doc, "/list/1")).toBe(2);
    expect(valueAt(doc, "/list/01")).toBeUndefined();
    expect(valueAt(doc, "/components/constructor")).toBeUndefined();
    expect(childPointer("/paths", "/items/{id}")).toBe("/paths/~1items~1{id}");
  });
});

describe("inspectRefs", () => {
  const spec = (schemas: Record<string, Json>, extra: Record<string, Json> = {}): Json => ({ openapi: "3.1.0", components: { schemas }, ...extra });
  const ids = (doc: Json) => inspectRefs(doc).map((p) => `${p.ruleId} ${p.pointer}`);

  test("FastAPI's recursion through properties and items is fine", () => {
    expect(ids(spec({
      Tree: { type: "array", items: { $ref: "#/components/schemas/Tree" } },
      Node: { type: "object", properties: { children: { type: "array", items: { $ref: "#/components/schemas/Node" } }, parent: { anyOf: [{ $ref: "#/components/schemas/Node" }, { type: "null" }] } } },
    }))).toEqual([]);
  });

  test("a schema defined only through itself is refused, once per cycle", () => {
    expect(ids(spec({ A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" }, C: { $ref: "#/components/schemas/A" } }))).toEqual(["ref-cycle #/components/schemas/A"]);
    expect(ids(spec({ A: { oneOf: [{ $ref: "#/components/schemas/A" }, { type: "string" }] } }))).toEqual(["ref-cycle #/components/schemas/A"]);
  });

  test("nesting is bounded, as JSON and through $refs", () => {
    let deep: Json = { type: "string" };
    for (let i = 0; i < MAX_DEPTH; i++) deep = { type: "array", items: deep };
    expect(ids(spec({ Deep: deep }))).toEqual(["too-deep #/components/schemas/Deep/items/items/items/items/items/items/… 244 more …/items/items/items/items"]);
    // Each link is two levels: `items`, then the component it names.
    const chain = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`C${i}`, { type: "array", items: { $ref: `#/components/schemas/C${i + 1}` } }]));
    // C0 sits two levels down (components, schemas): the limit is crossed two links early.
    expect(ids(spec(chain(MAX_REF_DEPTH / 2 + 1)))).toEqual([`too-deep #/components/schemas/C${MAX_REF_DEPTH / 2 - 2}/items/$ref`]);
    expect(ids(spec(chain(MAX_REF_DEPTH / 2 - 3)))).toEqual([]);
  });

  test("external and malformed refs are named with their pointer; nothing else is checked until they are gone", () => {
    expect(ids(spec({ A: { $ref: "../x.json" }, B: { properties: { p: { $ref: "#/components/schemas/%zz" } } }, C: { $ref: "#/components/schemas/C" } }))).toEqual([
      "external-ref #/components/schemas/A/$ref",
      "malformed-ref #/components/schemas/B/properties/p/$ref",
    ]);
  });
});
