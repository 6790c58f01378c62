import type { OpenApiDocument } from "../spec/types.js";
import { generateIndex } from "./index-file.js";
import { generateTypes } from "./types.js";
import { BANNER, type GeneratedFile } from "./file.js";

export { BANNER, type GeneratedFile } from "./file.js";

export interface GenerateOptions {
  /** Path of the committed spec relative to the output folder, named in the banner. */
  specPath: string;
}

/** Every file of a service's output folder, in memory, byte-deterministic. */
export async function generateFiles(spec: OpenApiDocument, options: GenerateOptions): Promise<GeneratedFile[]> {
  const banner = `${BANNER}; source: ${options.specPath.replaceAll("\\", "/")}\n`;
  const files: GeneratedFile[] = [
    { path: "types.gen.ts", content: await generateTypes(spec) },
    { path: "index.ts", content: generateIndex(spec, { client: false }) },
  ];
  return files.map((file) => ({ path: file.path, content: banner + file.content }));
}
