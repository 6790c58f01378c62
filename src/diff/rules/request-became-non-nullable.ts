import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-became-non-nullable",
  on: "schema",
  direction: "request",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "A value the caller sends no longer accepts null.",
  check: ({ base, head }) => (base.nullable && !head.nullable ? [{ message: "no longer accepts null" }] : []),
});
