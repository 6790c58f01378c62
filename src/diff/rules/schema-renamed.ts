import { defineRule } from "./rule.js";

export default defineRule({
  id: "schema-renamed",
  on: "model",
  direction: "component",
  verdict: { compile: "safe", runtime: "safe" },
  description: "A model was renamed with the same structure: call sites are unaffected; code importing its type alias by name must follow.",
  check: ({ baseModel, headModel }) =>
    baseModel === headModel ? [] : [{ message: `model ${baseModel} is now named ${headModel} (same structure)` }],
});
