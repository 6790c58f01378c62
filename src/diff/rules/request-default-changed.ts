import { show } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-default-changed",
  on: "schema",
  direction: "request",
  verdict: { compile: "safe", runtime: "may" },
  description: "The default of a parameter or property changed: callers that omit it get other behaviour.",
  check: ({ base, head }) => {
    if (!base.default) return [];
    if (!head.default) return [{ message: `default ${show(base.default.value)} was removed` }];
    if (JSON.stringify(base.default.value) === JSON.stringify(head.default.value)) return [];
    return [{ message: `default ${show(base.default.value)} became ${show(head.default.value)}` }];
  },
});
