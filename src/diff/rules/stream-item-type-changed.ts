import { describeType, typesOf } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "stream-item-type-changed",
  on: "stream",
  direction: "response",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "The items of an SSE or JSON Lines stream are of another type: the client's `AsyncIterable<T>` changes `T`.",
  check: ({ base, head, media }) => {
    const describe = (item: typeof base) => (item.typed ? describeType(item.node) : "untyped string data");
    if (base.typed === head.typed) {
      const before = typesOf(base.shape);
      const after = typesOf(head.shape);
      if (!before || !after || [...after].some((t) => before.has(t))) return [];
    }
    return [{ message: `${media.name} items changed from ${describe(base)} to ${describe(head)}` }];
  },
});
