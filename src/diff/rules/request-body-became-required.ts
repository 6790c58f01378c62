import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-body-became-required",
  on: "body",
  direction: "request",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "The request body is now required (or newly expected): calls without one get 422.",
  check: ({ base, head }) => {
    if (!head?.required || base?.required) return [];
    const message = base ? "the request body became required" : "a request body is now required";
    return [{ message, path: " -> body", ...(base ? { base: base.pointer } : { head: head.pointer }) }];
  },
});
