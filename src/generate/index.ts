import type { JSONSchema } from "json-schema-to-typescript";
import type { OpenApiDocument } from "../spec/types.js";
import { generateClient } from "./client/index.js";
import { BANNER, type GeneratedFile } from "./file.js";
import { generateIndex } from "./index-file.js";
import { generateTypes } from "./types.js";

export { BANNER, type GeneratedFile } from "./file.js";

export interface GenerateOptions {
  /** Path of the committed spec relative to the output folder, named in the banner. */
  specPath: string;
  /** JSON Schemas of the payloads of untyped streams, by operationId or `"METHOD /path"`. Default: none. */
  streamTypes?: Record<string, JSONSchema> | undefined;
}

/** Every file of a service's output folder — types, client, runtime, index — in memory, byte-deterministic. */
export async function generateFiles(spec: OpenApiDocument, options: GenerateOptions): Promise<GeneratedFile[]> {
  const banner = `${BANNER}; source: ${options.specPath.replaceAll("\\", "/")}\n`;
  const files: GeneratedFile[] = [
    { path: "types.gen.ts", content: await generateTypes(spec) },
    ...(await generateClient(spec, { streamTypes: options.streamTypes })),
    { path: "index.ts", content: generateIndex() },
  ];
  return files.map((file) => ({ path: file.path, content: banner + file.content }));
}
