import { pathParams } from "../operations.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "path-parameter-renamed",
  on: "operation",
  direction: "operation",
  verdict: { compile: "breaks", runtime: "safe" },
  description: "A path parameter has a new name: the URL is the same, the client's `path` argument key is not.",
  check: ({ base, head }) => {
    const before = pathParams(base.path);
    const after = pathParams(head.path);
    if (before.length !== after.length) return [];
    const renamed = before.map((name, i) => [name, after[i]!] as const).filter(([a, b]) => a !== b);
    if (renamed.length === 0) return [];
    return [{ message: `path parameter ${renamed.map(([a, b]) => `{${a}} is now {${b}}`).join(", ")}` }];
  },
});
