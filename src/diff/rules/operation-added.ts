import { defineRule } from "./rule.js";

export default defineRule({
  id: "operation-added",
  on: "operations",
  direction: "operation",
  verdict: { compile: "safe", runtime: "safe" },
  description: "A new endpoint or method: a new client method, nothing existing changes.",
  check: ({ base, head }) =>
    !base && head ? [{ message: `${head.key} was added (client method ${head.methodName})`, head: head.pointer }] : [],
});
