import { defineRule } from "./rule.js";

export default defineRule({
  id: "response-became-nullable",
  on: "schema",
  direction: "response",
  verdict: { compile: "breaks", runtime: "may" },
  description: "A value the caller receives may now be null.",
  check: ({ base, head }) => (!base.nullable && head.nullable ? [{ message: "may now be null" }] : []),
});
