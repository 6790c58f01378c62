import type { JSONSchema } from "json-schema-to-typescript";
import type { OpenApiDocument } from "../spec/types.js";
import { generateClient } from "./client/index.js";
import { bannerFor, type GeneratedFile } from "./file.js";
import { generateFakes } from "./fakes/index.js";
import { generateMswHandlers } from "./fakes/msw.js";
import { generateTypes } from "./types.js";

export { BANNER, bannerFor, type GeneratedFile } from "./file.js";

export interface GenerateOptions {
  /** Path of the committed spec relative to the output folder, named in the banner. */
  specPath: string;
  /** JSON Schemas of the payloads of untyped streams, by operationId or `"METHOD /path"`. Default: none. */
  streamTypes?: Record<string, JSONSchema> | undefined;
  /** Client methods grouped by first tag (`client.users.createUser()`). Default `false`. */
  groupByTag?: boolean | undefined;
  /** Called with each generation warning (e.g. a list header parameter the client sends as one value). Default: none. */
  warn?: ((message: string) => void) | undefined;
  /** Module specifier of the runtime every client shares (see `runtime.shared`); default none: a `runtime.gen.ts` per service. */
  sharedRuntime?: string | undefined;
  /** Also write `fakes.gen.ts` (a fetch answering like the service, for tests), and with `msw`, `msw.gen.ts`. Default `false`. */
  fakes?: boolean | { msw: boolean } | undefined;
}

/**
 * The core files of a service's output folder — types, client, runtime — in memory,
 * byte-deterministic. `index.ts` and any other file come from plugins (see `indexFile`).
 */
export async function generateFiles(spec: OpenApiDocument, options: GenerateOptions): Promise<GeneratedFile[]> {
  const banner = bannerFor(options.specPath);
  const files: GeneratedFile[] = [
    { path: "types.gen.ts", content: await generateTypes(spec) },
    ...(await generateClient(spec, { streamTypes: options.streamTypes, groupByTag: options.groupByTag, warn: options.warn, sharedRuntime: options.sharedRuntime })),
  ];
  if (options.fakes) files.push(generateFakes(spec, options.warn, { groupByTag: options.groupByTag }));
  if (typeof options.fakes === "object" && options.fakes.msw) files.push(generateMswHandlers());
  return files.map((file) => ({ path: file.path, content: banner + file.content }));
}
