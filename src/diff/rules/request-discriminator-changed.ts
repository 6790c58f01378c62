import { discriminatorChange } from "./discriminator.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-discriminator-changed",
  on: "schema",
  direction: "request",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "The discriminator of a union the caller sends changed its property or its mapping.",
  check: (pair) => discriminatorChange(pair),
});
