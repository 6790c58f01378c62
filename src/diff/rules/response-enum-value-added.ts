import { missingFrom, showList } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "response-enum-value-added",
  on: "schema",
  direction: "response",
  verdict: { compile: "safe", runtime: "may" },
  description: "An enum the caller receives has a new value: property access still compiles, exhaustive handling may miss it.",
  check: ({ base, head, union }) => {
    if (union || !base.enum || !head.enum) return [];
    const added = missingFrom(head.enum, base.enum);
    return added.length === 0 ? [] : [{ message: `may now also be ${showList(added)}` }];
  },
});
