import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-media-type-removed",
  on: "body",
  direction: "request",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "The body can no longer be sent as this media type (e.g. JSON became a form): 415 or 422.",
  check: ({ base, head }) => {
    if (!base || !head) return [];
    return [...base.content.values()]
      .filter((media) => !head.content.has(media.name))
      .map((media) => ({
        message: `the request body is no longer accepted as ${media.name}${head.content.size > 0 ? ` (now ${[...head.content.keys()].join(", ")})` : ""}`,
        path: " -> body",
        base: media.pointer,
      }));
  },
});
