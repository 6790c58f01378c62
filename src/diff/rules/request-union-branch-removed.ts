import { describeBranch } from "../union.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-union-branch-removed",
  on: "schema",
  direction: "request",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "A union the caller sends lost an alternative (`A | B` → `A`).",
  check: ({ union }) =>
    union && union.removed.length > 0
      ? [{ message: `no longer accepts ${union.removed.map(describeBranch).join(", ")}`, base: union.removed[0]!.pointer }]
      : [],
});
