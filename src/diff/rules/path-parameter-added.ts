import { pathParams } from "../operations.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "path-parameter-added",
  on: "operation",
  direction: "operation",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "The path gained a parameter (`/items` → `/orgs/{org}/items`): every call must now supply it.",
  check: ({ base, head }) => {
    const before = pathParams(base.path);
    const added = pathParams(head.path).filter((name) => !before.includes(name));
    if (pathParams(head.path).length <= before.length || added.length === 0) return [];
    return [{ message: `path ${base.path} became ${head.path}: new path parameter ${added.map((a) => `{${a}}`).join(", ")}`, head: head.pointer }];
  },
});
