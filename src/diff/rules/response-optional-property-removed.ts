import { exchanged, propertyPath, quote } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "response-optional-property-removed",
  on: "schema",
  direction: "response",
  verdict: { compile: "breaks", runtime: "safe" },
  description: "An optional property the caller may read is gone: reads no longer compile; callers already handled its absence.",
  check: ({ base, head, union }) => {
    if (union) return [];
    const after = exchanged(head, "response");
    return [...exchanged(base, "response")]
      .filter(([name]) => !after.has(name) && !base.required.has(name))
      .map(([name, property]) => ({ message: `optional property ${quote(name)} was removed`, path: propertyPath(name), base: property.pointer }));
  },
});
