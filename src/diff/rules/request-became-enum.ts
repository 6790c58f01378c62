import { showList } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-became-enum",
  on: "schema",
  direction: "request",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "A free value the caller sends is now limited to an enum.",
  check: ({ base, head, union }) =>
    !union && !base.enum && head.enum ? [{ message: `now limited to ${showList(head.enum)}` }] : [],
});
