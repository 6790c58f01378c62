import { exchanged, propertyPath, quote } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "response-property-added",
  on: "schema",
  direction: "response",
  verdict: { compile: "safe", runtime: "safe" },
  description: "The caller receives a new property.",
  check: ({ base, head, union }) => {
    if (union) return [];
    const before = exchanged(base, "response");
    return [...exchanged(head, "response")]
      .filter(([name]) => !before.has(name))
      .map(([name, property]) => ({
        message: `new ${head.required.has(name) ? "" : "optional "}property ${quote(name)}`,
        path: propertyPath(name),
        head: property.pointer,
      }));
  },
});
