import type { OpenApiDocument } from "../spec/types.js";
import { modelAliasNames } from "./model-names.js";

/** `index.ts`: the generated types under readable names, and the client when there is one. */
export function generateIndex(spec: OpenApiDocument, options: { client: boolean }): string {
  const lines = ['export type { components, operations, paths } from "./types.gen.js";'];
  if (options.client) lines.push('export * from "./client.gen.js";');
  const aliases = modelAliasNames(spec);
  if (aliases.size > 0) {
    lines.push('import type { components } from "./types.gen.js";', "");
    for (const [schema, alias] of aliases) {
      lines.push(`export type ${alias} = components["schemas"][${JSON.stringify(schema)}];`);
    }
  }
  return `${lines.join("\n")}\n`;
}
