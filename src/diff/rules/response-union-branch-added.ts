import { describeBranch } from "../union.js";
import { typesOf } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "response-union-branch-added",
  on: "schema",
  direction: "response",
  verdict: { compile: "safe", runtime: "may" },
  description: "A union the caller receives gained an alternative of a kind it already handles (another model, another literal): narrowing code may miss it.",
  check: ({ base, union }) => {
    if (!union) return [];
    const before = typesOf(base);
    const alike = union.added.filter((branch) => {
      const types = typesOf(branch);
      return before && types && [...types].every((t) => before.has(t));
    });
    return alike.length === 0 ? [] : [{ message: `may now also be ${alike.map(describeBranch).join(", ")}`, head: alike[0]!.pointer }];
  },
});
