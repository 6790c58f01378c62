import { exchanged, propertyPath, quote } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-property-added",
  on: "schema",
  direction: "request",
  verdict: { compile: "safe", runtime: "safe" },
  description: "A new optional property in what the caller sends.",
  check: ({ base, head, union }) => {
    if (union) return [];
    const before = exchanged(base, "request");
    return [...exchanged(head, "request")]
      .filter(([name]) => !before.has(name) && !head.required.has(name))
      .map(([name, property]) => ({ message: `new optional property ${quote(name)}`, path: propertyPath(name), head: property.pointer }));
  },
});
