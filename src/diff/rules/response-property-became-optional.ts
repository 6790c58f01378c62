import { exchanged, propertyPath, quote } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "response-property-became-optional",
  on: "schema",
  direction: "response",
  verdict: { compile: "breaks", runtime: "may" },
  description: "A property the caller always received may now be absent: it becomes `T | undefined`.",
  check: ({ base, head, union }) => {
    if (union) return [];
    const after = exchanged(head, "response");
    return [...exchanged(base, "response")]
      .filter(([name]) => after.has(name) && base.required.has(name) && !head.required.has(name))
      .map(([name, property]) => ({ message: `property ${quote(name)} became optional`, path: propertyPath(name), base: property.pointer }));
  },
});
