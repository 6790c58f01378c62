import { parameterPath, quote } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-parameter-removed",
  on: "parameter",
  direction: "request",
  verdict: { compile: "breaks", runtime: "safe" },
  description: "A parameter is gone: calls passing it no longer compile; FastAPI ignores it if still sent.",
  check: ({ base, head }) =>
    base && !head && base.in !== "path"
      ? [{ message: `${base.in} parameter ${quote(base.name)} was removed`, path: parameterPath(base), base: base.pointer }]
      : [],
});
