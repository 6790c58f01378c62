import { describe, expect, test } from "vitest";
import { locatePointers } from "../../../src/spec/locate.js";

const text = `${JSON.stringify({
  paths: { "/items/{id}": { get: { tags: ["a", "b"], "x\"y": 1 } } },
  components: { schemas: { "a~b": { type: "string" } } },
}, null, 2)}\n`;
// {
//   "paths": {
//     "/items/{id}": {
//       "get": {
//         "tags": [
//           "a",
//           "b"
//         ],
//         "x\"y": 1
//       }
//     }
//   },
//   "components": {
//     "schemas": {
//       "a~b": {
//         "type": "string"

describe("locatePointers", () => {
  test.each<[string, number, number]>([
    ["", 1, 1],
    ["/paths", 2, 3],
    ["/paths/~1items~1{id}/get", 4, 7],
    ["/paths/~1items~1{id}/get/tags/1", 7, 11],
    ['/paths/~1items~1{id}/get/x"y', 9, 9],
    ["/components/schemas/a~0b", 15, 7],
    ["/components/schemas/a~0b/type", 16, 9],
  ])("%s is at %i:%i", (pointer, line, column) => {
    expect(locatePointers(text, [pointer])(pointer)).toEqual({ line, column });
  });

  test("a pointer absent from the text resolves to its nearest ancestor that is present", () => {
    const locate = locatePointers(text, ["/paths/~1items~1{id}/post/requestBody"]);
    expect(locate("/paths/~1items~1{id}/post/requestBody")).toEqual({ line: 3, column: 5 });
  });

  test("only asked-for pointers are known", () => {
    const locate = locatePointers(text, ["/paths"]);
    expect(locate("/components")).toEqual({ line: 1, column: 1 });
  });
});
