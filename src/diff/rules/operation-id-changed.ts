import { defineRule } from "./rule.js";

export default defineRule({
  id: "operation-id-changed",
  on: "operation",
  direction: "operation",
  verdict: { compile: "breaks", runtime: "safe" },
  description: "The operationId changed so that the generated client method has a new name (FastAPI's path suffix alone does not count).",
  check: ({ base, head }) =>
    base.methodName === head.methodName ? [] : [{
      message: `client method ${base.methodName} is now ${head.methodName} (operationId ${base.operationId ?? "none"} → ${head.operationId ?? "none"})`,
      base: base.operationId === undefined ? base.pointer : `${base.pointer}/operationId`,
    }],
});
