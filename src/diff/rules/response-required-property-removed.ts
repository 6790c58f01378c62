import { exchanged, propertyPath, quote } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "response-required-property-removed",
  on: "schema",
  direction: "response",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "A property the caller always received is gone: reads no longer compile, and are undefined at runtime.",
  check: ({ base, head, union }) => {
    if (union) return [];
    const after = exchanged(head, "response");
    return [...exchanged(base, "response")]
      .filter(([name]) => !after.has(name) && base.required.has(name))
      .map(([name, property]) => ({ message: `required property ${quote(name)} was removed`, path: propertyPath(name), base: property.pointer }));
  },
});
