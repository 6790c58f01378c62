import { missingFrom, showList } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-enum-value-removed",
  on: "schema",
  direction: "request",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "An enum value the caller could send is no longer accepted.",
  check: ({ base, head, union }) => {
    if (union || !base.enum || !head.enum) return [];
    const removed = missingFrom(base.enum, head.enum);
    return removed.length === 0 ? [] : [{ message: `no longer accepts ${showList(removed)}` }];
  },
});
