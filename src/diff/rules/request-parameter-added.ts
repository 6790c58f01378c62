import { parameterPath, quote } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-parameter-added",
  on: "parameter",
  direction: "request",
  verdict: { compile: "safe", runtime: "safe" },
  description: "A new optional parameter: existing calls keep working.",
  check: ({ base, head }) =>
    !base && head && !head.required
      ? [{ message: `new optional ${head.in} parameter ${quote(head.name)}`, path: parameterPath(head), head: head.pointer }]
      : [],
});
