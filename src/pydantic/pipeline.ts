import { basename, extname, isAbsolute } from "node:path";
import { UsageError } from "../errors.js";
import { reusePydantic, rememberPydantic } from "./cache.js";
import { runCodegen } from "./codegen.js";
import { componentsFromDefinitions, sortedSchemas } from "./component-schemas.js";
import { readDocumentContract } from "./document-contract.js";
import type { PydanticModule, PydanticRequest } from "./index.js";
import { postprocess } from "./postprocess.js";
import { provideCodegenTool } from "./tool-env.js";
import { readTsContract } from "./ts-contract.js";

const TS = /\.(c|m)?tsx?$/i;
const DOCUMENT = /\.(json|ya?ml)$/i;

export async function runPydanticPipeline(request: PydanticRequest): Promise<PydanticModule> {
  if (!isAbsolute(request.contract)) throw new UsageError(`contract path must be absolute: ${request.contract}`);
  if (!TS.test(request.contract) && !DOCUMENT.test(request.contract)) {
    throw new UsageError(`contract ${request.contract}: unsupported file type "${extname(request.contract)}"`, "give a TypeScript module (.ts, .mts, .d.ts) or an OpenAPI / JSON Schema document (.json, .yaml, .yml)");
  }
  const cached = await reusePydantic(request);
  if (cached) return cached;
  let components;
  let contractFiles: string[];
  let operations: unknown;
  if (TS.test(request.contract)) {
    const contract = readTsContract(request.contract, { types: request.types, tsconfig: request.tsconfig });
    components = componentsFromDefinitions(contract.definitions);
    contractFiles = contract.files;
  } else {
    const contract = await readDocumentContract(request.contract, request.types);
    components = contract.components;
    operations = contract.paths;
    contractFiles = [request.contract];
  }
  const tool = await provideCodegenTool({ python: request.python, signal: request.signal, progress: request.progress });
  const source = await runCodegen(tool, components, request.signal);
  const module: PydanticModule = {
    text: postprocess(source, basename(request.contract)),
    schemas: sortedSchemas(components),
    ...(operations === undefined ? {} : { operations }),
    contractFiles,
  };
  await rememberPydantic(request, module);
  return module;
}
