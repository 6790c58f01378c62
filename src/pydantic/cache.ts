/**
 * A module is a pure function of the contract files' bytes, the request and the pinned
 * datamodel-code-generator (whichever venv provides it: same version, same bytes). An entry keeps
 * the files it was made from with their SHA-256; when they all still hash the same, the entry is
 * the result and neither TypeScript nor Python is started.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { BUILD, cacheDir, contentKey, readCacheEntry, writeCacheEntry } from "../services/cache.js";
import type { PydanticModule, PydanticRequest } from "./index.js";
import { DATAMODEL_CODE_GENERATOR_VERSION } from "./tool-env.js";

const KIND = "pydantic";

interface PydanticEntry {
  hashes: Record<string, string>;
  module: PydanticModule;
}

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

export function pydanticKey(request: PydanticRequest): { dir: string; key: string } {
  return {
    dir: cacheDir(dirname(request.contract)),
    key: contentKey(KIND, BUILD, DATAMODEL_CODE_GENERATOR_VERSION, request.contract, request.tsconfig ?? "", JSON.stringify(request.types ?? [])),
  };
}

async function hashFiles(files: string[]): Promise<Record<string, string> | undefined> {
  const hashes: Record<string, string> = {};
  for (const file of files) {
    const bytes = await readFile(file).catch(() => undefined);
    if (bytes === undefined) return undefined;
    hashes[file] = sha256(bytes);
  }
  return hashes;
}

export async function reusePydantic(request: PydanticRequest): Promise<PydanticModule | undefined> {
  const { dir, key } = pydanticKey(request);
  const entry = await readCacheEntry<PydanticEntry>(dir, KIND, key);
  if (!entry) return undefined;
  const now = await hashFiles(Object.keys(entry.hashes));
  if (!now || Object.entries(entry.hashes).some(([file, hash]) => now[file] !== hash)) return undefined;
  return entry.module;
}

export async function rememberPydantic(request: PydanticRequest, module: PydanticModule): Promise<void> {
  const hashes = await hashFiles(module.contractFiles);
  if (!hashes) return;
  const { dir, key } = pydanticKey(request);
  await writeCacheEntry(dir, KIND, key, { hashes, module } satisfies PydanticEntry);
}
