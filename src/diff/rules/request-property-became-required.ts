import { exchanged, propertyPath, quote } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-property-became-required",
  on: "schema",
  direction: "request",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "An optional property the caller sends is now required: calls that omit it get 422.",
  check: ({ base, head, union }) => {
    if (union) return [];
    const after = exchanged(head, "request");
    return [...exchanged(base, "request")]
      .filter(([name]) => after.has(name) && !base.required.has(name) && head.required.has(name))
      .map(([name, property]) => ({ message: `property ${quote(name)} became required`, path: propertyPath(name), base: property.pointer }));
  },
});
