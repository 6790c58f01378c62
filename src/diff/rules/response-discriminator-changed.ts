import { discriminatorChange } from "./discriminator.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "response-discriminator-changed",
  on: "schema",
  direction: "response",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "The discriminator of a union the caller receives changed: narrowing on it stops working.",
  check: (pair) => discriminatorChange(pair),
});
