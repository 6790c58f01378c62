import { parameterPath, quote } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-parameter-became-required",
  on: "parameter",
  direction: "request",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "An optional parameter is now required: calls that omit it no longer compile, and get 422.",
  check: ({ base, head }) =>
    base && head && !base.required && head.required
      ? [{ message: `${base.in} parameter ${quote(base.name)} became required`, path: parameterPath(base), base: base.pointer }]
      : [],
});
