import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generateFiles } from "../../../../src/generate/index.js";
import type { OpenApiDocument } from "../../../../src/spec/types.js";
import { REPO_ROOT } from "../../../helpers/paths.js";
import { importGenerated, tempDir, writeTsconfig } from "../client/support.js";

/** The specs the fakes are held to: the bundled examples and the kitchen-sink fixture app. */
export const SPECS: Record<string, string> = {
  "estimation-api": join(REPO_ROOT, "examples/contracts/estimation-api.openapi.json"),
  "content-api": join(REPO_ROOT, "examples/contracts/content-api.openapi.json"),
  "kitchen-sink": join(REPO_ROOT, "test/fixtures/kitchen-sink/openapi.json"),
};

export async function loadSpec(path: string): Promise<OpenApiDocument> {
  return JSON.parse(await readFile(path, "utf8")) as OpenApiDocument;
}

export interface FakeModule {
  createFakeFetch(overrides?: object): (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
}

export interface ClientModule {
  createClient(options: { baseUrl: string; fetch: unknown }): Record<string, (request?: object) => unknown>;
}

/** Every generated file of `spec` with fakes, written to a fresh folder as an ES module package; `extra` files are added beside them. */
export async function writeWithFakes(prefix: string, spec: OpenApiDocument, extra: Record<string, string> = {}, options: { groupByTag?: boolean } = {}): Promise<{ dir: string; sources: Record<string, string>; warnings: string[] }> {
  const dir = await tempDir(prefix);
  const warnings: string[] = [];
  const files = await generateFiles(spec, { specPath: "spec.json", fakes: true, groupByTag: options.groupByTag, warn: (message) => warnings.push(message) });
  const sources: Record<string, string> = { ...Object.fromEntries(files.map((file) => [file.path, file.content])), ...extra };
  await writeFile(join(dir, "package.json"), '{ "type": "module" }\n');
  for (const [name, source] of Object.entries(sources)) await writeFile(join(dir, name), source);
  return { dir, sources, warnings };
}

/** The fake and the client of `spec`, imported. */
export async function loadFake(prefix: string, spec: OpenApiDocument): Promise<{ fake: FakeModule; client: ClientModule; dir: string; sources: Record<string, string> }> {
  const { dir, sources } = await writeWithFakes(prefix, spec);
  const client = await importGenerated<ClientModule>(dir, "client.gen.ts", sources);
  const fake = await importGenerated<FakeModule>(dir, "fakes.gen.ts", sources);
  return { fake, client, dir, sources };
}

export { writeTsconfig };
