import { definePlugin, type Plugin } from "../plugins.js";

/**
 * `index.ts`: what a caller imports. The client names the models (`Item` for what the API
 * returns, `ItemInput` for what it accepts, bodies after their operation); the raw
 * openapi-typescript roots stay available for anything else.
 */
export function generateIndex(): string {
  return ['export type { components, operations, paths } from "./types.gen.js";', 'export * from "./client.gen.js";', ""].join("\n");
}

/** Built in, on the public plugin API: it adds `index.ts` the way any plugin adds a file. */
export const indexFile: Plugin = definePlugin({
  name: "sync-types:index",
  filesGenerated: ({ files, banner }) => [...files, { path: "index.ts", content: banner + generateIndex() }],
});
