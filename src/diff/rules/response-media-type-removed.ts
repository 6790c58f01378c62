import { defineRule } from "./rule.js";

export default defineRule({
  id: "response-media-type-removed",
  on: "content",
  direction: "response",
  verdict: { compile: "breaks", runtime: "breaks" },
  description: "A response body media type is gone (JSON became a stream, or no body at all): the client's return type changes.",
  check: ({ base, head }) =>
    [...base.content.values()]
      .filter((media) => !head.content.has(media.name))
      .map((media) => ({
        message: head.content.size === 0
          ? `no longer returns a ${media.name} body`
          : `no longer returns ${media.name} (now ${[...head.content.keys()].join(", ")})`,
        base: media.pointer,
      })),
});
