import { tsTypes } from "../normalize.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "response-type-changed",
  on: "schema",
  direction: "response",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "A value the caller receives has another TypeScript type (string → number, object → array).",
  check: ({ base, head, union }) => {
    if (union) return [];
    const before = tsTypes(base);
    const after = tsTypes(head);
    if (!before || !after) return [];
    const gained = [...after].some((t) => !before.has(t));
    const kept = [...before].every((t) => after.has(t));
    if (!gained || kept) return [];
    return [{ message: `type ${[...before].join(" | ")} became ${[...after].join(" | ") || "null"}` }];
  },
});
