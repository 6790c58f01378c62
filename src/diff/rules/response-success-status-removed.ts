import { isSuccess } from "../operations.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "response-success-status-removed",
  on: "responses",
  direction: "response",
  verdict: { compile: "safe", runtime: "may" },
  description: "A success status is no longer returned (200 → 201): code checking the status code may misread the answer.",
  check: ({ base, head }) => {
    const now = [...head.keys()].filter(isSuccess);
    return [...base.values()]
      .filter((response) => isSuccess(response.status) && !head.has(response.status))
      .map((response) => ({
        message: `status ${response.status} is no longer returned${now.length > 0 ? ` (now ${now.join(", ")})` : ""}`,
        path: ` -> ${response.status}`,
        base: response.pointer,
      }));
  },
});
