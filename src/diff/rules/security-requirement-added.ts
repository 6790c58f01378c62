import { defineRule } from "./rule.js";

export default defineRule({
  id: "security-requirement-added",
  on: "operation",
  direction: "operation",
  verdict: { compile: "safe", runtime: "breaks" },
  description: "Calls that were allowed with the old credentials (or none) are now refused with 401/403.",
  check: ({ base, head }) => {
    // Broken when some way of calling it before satisfies none of the ways allowed now.
    const stranded = base.security.filter((was) => !head.security.some((now) => now.every((scheme) => was.includes(scheme))));
    if (stranded.length === 0) return [];
    const now = head.security.map((alternative) => alternative.join(" + ") || "none").join(" or ");
    return [{ message: `security is now ${now}` }];
  },
});
