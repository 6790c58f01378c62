import { parameterPath, quote } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-required-parameter-added",
  on: "parameter",
  direction: "request",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "A new required query, header or cookie parameter: existing calls omit it and get 422.",
  check: ({ base, head }) =>
    !base && head && head.required && head.in !== "path"
      ? [{ message: `new required ${head.in} parameter ${quote(head.name)}`, path: parameterPath(head), head: head.pointer }]
      : [],
});
