/**
 * A module is a pure function of the contract files' bytes, the request and the pinned
 * datamodel-code-generator (whichever venv provides it: same version, same bytes). An entry keeps
 * the files it was made from with their SHA-256; when they all still hash the same, the entry is
 * the result and neither TypeScript nor Python is started. A contract read from a copy of the
 * project (the hook's staged tree) is cached as the project's: the same bytes staged or not are one entry.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { BUILD, cacheDir, contentKey, readCacheEntry, writeCacheEntry } from "../services/cache.js";
import type { PydanticModule, PydanticRequest } from "./index.js";
import { inCopy, inProject, type Mirror } from "./mirror.js";
import { DATAMODEL_CODE_GENERATOR_VERSION } from "./pinned.js";

const KIND = "pydantic";

interface PydanticEntry {
  hashes: Record<string, string>;
  module: PydanticModule;
}

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

/** Keyed by where the contract is in the project (through a `mirror`, where the copy's contract is in it). */
export function pydanticKey(request: PydanticRequest): { dir: string; key: string } {
  const contract = inProject(request.mirror, request.contract);
  const tsconfig = request.tsconfig === undefined ? "" : inProject(request.mirror, request.tsconfig);
  return {
    dir: cacheDir(dirname(contract)),
    key: contentKey(KIND, BUILD, DATAMODEL_CODE_GENERATOR_VERSION, contract, tsconfig, JSON.stringify(request.types ?? [])),
  };
}

/** Each file (named as in the project) → the SHA-256 of its bytes where this request reads it. */
async function hashFiles(files: string[], mirror: Mirror | undefined): Promise<Record<string, string> | undefined> {
  const hashes: Record<string, string> = {};
  for (const file of files) {
    const bytes = await readFile(inCopy(mirror, file)).catch(() => undefined);
    if (bytes === undefined) return undefined;
    hashes[file] = sha256(bytes);
  }
  return hashes;
}

export async function reusePydantic(request: PydanticRequest): Promise<PydanticModule | undefined> {
  const { dir, key } = pydanticKey(request);
  const entry = await readCacheEntry<PydanticEntry>(dir, KIND, key);
  if (!entry) return undefined;
  const now = await hashFiles(Object.keys(entry.hashes), request.mirror);
  if (!now || Object.entries(entry.hashes).some(([file, hash]) => now[file] !== hash)) return undefined;
  return entry.module;
}

/** `module.contractFiles` are named as in the project already (see PydanticRequest.mirror). */
export async function rememberPydantic(request: PydanticRequest, module: PydanticModule): Promise<void> {
  const hashes = await hashFiles(module.contractFiles, request.mirror);
  if (!hashes) return;
  const { dir, key } = pydanticKey(request);
  await writeCacheEntry(dir, KIND, key, { hashes, module } satisfies PydanticEntry);
}
