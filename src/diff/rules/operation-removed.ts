import { defineRule } from "./rule.js";

export default defineRule({
  id: "operation-removed",
  on: "operations",
  direction: "operation",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "An endpoint or one of its methods is gone: its client method disappears and calls get 404/405.",
  check: ({ base, head }) =>
    base && !head ? [{ message: `${base.key} was removed (client method ${base.methodName})`, base: base.pointer }] : [],
});
