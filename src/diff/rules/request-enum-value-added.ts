import { missingFrom, showList } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-enum-value-added",
  on: "schema",
  direction: "request",
  verdict: { compile: "safe", runtime: "safe" },
  description: "An enum accepts a new value: existing calls are unaffected (a request may widen).",
  check: ({ base, head, union }) => {
    if (union || !base.enum || !head.enum) return [];
    const added = missingFrom(head.enum, base.enum);
    return added.length === 0 ? [] : [{ message: `now also accepts ${showList(added)}` }];
  },
});
