import { symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generateClient } from "../../../src/generate/client/index.js";
import { generateTypes } from "../../../src/generate/types.js";
import type { OpenApiDocument } from "../../../src/spec/types.js";
import { generateZodSchemas } from "../../../plugins/zod/generate.js";
import { REPO_ROOT } from "../../helpers/paths.js";
import { importGenerated } from "../generate/client/support.js";

export const GENERATED = ["types.gen.ts", "runtime.gen.ts", "client.gen.ts", "schemas.gen.ts"];

/**
 * types, client, runtime and schemas for `spec` in `dir` (`schemas` from `schemaSpec`, to make
 * them drift), with the repository's node_modules linked in so that `zod` resolves.
 */
export async function writeWithSchemas(dir: string, spec: OpenApiDocument, schemaSpec = spec): Promise<Record<string, string>> {
  const sources: Record<string, string> = {
    "types.gen.ts": await generateTypes(spec),
    ...Object.fromEntries((await generateClient(spec)).map((file) => [file.path, file.content])),
    "schemas.gen.ts": generateZodSchemas(schemaSpec),
  };
  await writeFile(join(dir, "package.json"), '{ "type": "module" }\n');
  await symlink(join(REPO_ROOT, "node_modules"), join(dir, "node_modules"));
  for (const [name, source] of Object.entries(sources)) await writeFile(join(dir, name), source);
  return sources;
}

export interface SchemasModule {
  createValidatingClient(options: Record<string, unknown>): Record<string, (request?: Record<string, unknown>) => Promise<unknown>>;
  validateResponse(context: { operation: string; status: number; body: unknown }): unknown;
  ResponseValidationError: new () => Error & { operation: string; status: number; issues: { path: PropertyKey[]; message: string }[] };
  [schema: `${string}Schema`]: { safeParse(value: unknown): { success: boolean; data?: unknown } };
}

/** The generated files of `dir`, transpiled and imported, schemas.gen.ts first. */
export function importSchemas(dir: string, sources: Record<string, string>): Promise<SchemasModule> {
  return importGenerated<SchemasModule>(dir, "schemas.gen.ts", sources);
}
