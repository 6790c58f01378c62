import { existsSync, lstatSync, realpathSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, join } from "node:path";
import { UsageError } from "../errors.js";
import { assertRegularFile } from "../regular-file.js";
import { reusePydantic } from "./cache.js";
import type { PydanticModule, PydanticRequest } from "./index.js";
import { inProject, type Mirror } from "./mirror.js";

export const TS = /\.(c|m)?tsx?$/i;
const DOCUMENT = /\.(json|ya?ml)$/i;

/**
 * The files a contract is made of, as `PydanticModule.contractFiles` lists them, without generating
 * anything: a TypeScript module's program only (no schema generator, no Python), a document alone.
 * For the hook, a relative import that no longer resolves adds where its file would be (see `unresolvedImports`).
 */
export async function readContractFiles(contract: string, options: { tsconfig?: string | undefined; mirror?: Mirror | undefined } = {}): Promise<string[]> {
  const real = realpathSync(contract);
  // A contract that is a link: the link is a file of its own (staging a new target changes the contract).
  const link = lstatSync(contract).isSymbolicLink() ? [join(realpathSync(dirname(contract)), basename(contract))] : [];
  const named = (files: string[]) => [...new Set([...link, ...files].map((file) => inProject(options.mirror, file)))].sort();
  if (!TS.test(real)) return named([real]);
  const { contractProgram, unresolvedImports } = await import("./ts-program.js");
  const { program, files } = contractProgram(real, options);
  return named([...files, ...unresolvedImports(program, files)]);
}

export async function runPydanticPipeline(request: PydanticRequest): Promise<PydanticModule> {
  if (!isAbsolute(request.contract)) throw new UsageError(`contract path must be absolute: ${request.contract}`);
  if (!TS.test(request.contract) && !DOCUMENT.test(request.contract)) {
    throw new UsageError(`contract ${request.contract}: unsupported file type "${extname(request.contract)}"`, "give a TypeScript module (.ts, .mts, .d.ts) or an OpenAPI / JSON Schema document (.json, .yaml, .yml)");
  }
  if (!existsSync(request.contract)) throw new UsageError(`contract ${request.contract} does not exist`, "check the path (relative paths are from the current folder)");
  // A FIFO would block TypeScript's (or our) read forever: refused from its stat, as every path a user gives.
  await assertRegularFile(request.contract, "contract");
  if (request.tsconfig !== undefined) await assertRegularFile(request.tsconfig, "tsconfig");
  // Through a symlink, the contract's imports and tsconfig are still the real file's (and so is the module's banner).
  request = { ...request, contract: realpathSync(request.contract) };
  // A command (`python3`, a service without a venv) is only a base interpreter; a path must exist.
  if (request.python && isAbsolute(request.python) && !existsSync(request.python)) throw new UsageError(`python ${request.python} does not exist`, "point it at the service venv's interpreter, e.g. services/x/.venv/bin/python");
  const cached = request.cache === false ? undefined : await reusePydantic(request);
  if (cached) return cached;
  // The generator, TypeScript and Python load only on a cache miss: a warm run never pays for them.
  const { generateModule } = await import("./generate-module.js");
  return generateModule(request);
}
