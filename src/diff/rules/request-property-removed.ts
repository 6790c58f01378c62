import { exchanged, propertyPath, quote } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-property-removed",
  on: "schema",
  direction: "request",
  verdict: { compile: "breaks", runtime: "may" },
  description: "A property the caller could send is gone: object literals passing it no longer compile; a model that forbids extra keys rejects it.",
  check: ({ base, head, union }) => {
    if (union) return [];
    const after = exchanged(head, "request");
    return [...exchanged(base, "request")]
      .filter(([name]) => !after.has(name))
      .map(([name, property]) => ({ message: `property ${quote(name)} was removed`, path: propertyPath(name), base: property.pointer }));
  },
});
