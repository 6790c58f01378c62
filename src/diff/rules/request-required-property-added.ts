import { exchanged, propertyPath, quote } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-required-property-added",
  on: "schema",
  direction: "request",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "A new required property in what the caller sends: existing calls omit it and get 422.",
  check: ({ base, head, union }) => {
    if (union) return [];
    const before = exchanged(base, "request");
    return [...exchanged(head, "request")]
      .filter(([name]) => !before.has(name) && head.required.has(name))
      .map(([name, property]) => ({ message: `new required property ${quote(name)}`, path: propertyPath(name), head: property.pointer }));
  },
});
