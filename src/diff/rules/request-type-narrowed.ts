import { tsTypes } from "../normalize.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-type-narrowed",
  on: "schema",
  direction: "request",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "A value the caller sends accepts fewer TypeScript types (string → integer, any → object).",
  check: ({ base, head, union }) => {
    if (union) return [];
    const before = tsTypes(base);
    const after = tsTypes(head);
    if (!after) return [];
    if (!before) return [{ message: `accepted any value, now only ${[...after].join(" | ") || "null"}` }];
    const lost = [...before].filter((t) => !after.has(t));
    if (lost.length === 0) return [];
    return [{ message: `type ${[...before].join(" | ")} became ${[...after].join(" | ") || "null"}` }];
  },
});
