/**
 * The one way the session reaches the Pydantic generator (src/pydantic/): loaded only for a
 * service with a `contract`, so a repo that never uses it never loads TypeScript's schema tooling
 * or Python's code generator.
 */
import { sep } from "node:path";
import type { ResolvedService } from "../config/types.js";
import { UsageError } from "../errors.js";
import type { Mirror, PydanticModule } from "../pydantic/index.js";

export type ContractModule = PydanticModule;

/**
 * The contract read from a copy of the project instead of the project (the hook's staged tree):
 * the files around it are the copy's, and what it is made of is named where it lives in the project.
 */
export interface ContractCopy extends Mirror {
  /** Absolute path of the contract in the copy. */
  contract: string;
}

/** The Pydantic module a service's `contract` yields, in memory. */
export async function generateContractModule(
  service: ResolvedService & { contract: string },
  options: { signal?: AbortSignal | undefined; progress?: ((line: string) => void) | undefined; copy?: ContractCopy | undefined } = {},
): Promise<ContractModule> {
  const { copy } = options;
  const request = {
    contract: copy?.contract ?? service.contract,
    ...(service.contractTypes ? { types: service.contractTypes } : {}),
    python: service.python,
    ...(copy ? { mirror: copy } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
  };
  const { generatePydantic } = await import("../pydantic/index.js");
  return generatePydantic(request).catch((error: unknown) => {
    // Said of the file the user edits, not of a temp folder they never saw.
    if (copy && error instanceof UsageError) throw new UsageError(`${error.message.replaceAll(copy.from + sep, copy.to + sep)} (as staged)`, error.hint);
    throw error;
  });
}

/** The files the contract is made of, without generating the module (see `readContractFiles`). */
export async function contractFiles(service: ResolvedService & { contract: string }, copy?: ContractCopy): Promise<string[]> {
  const { readContractFiles } = await import("../pydantic/index.js");
  return readContractFiles(copy?.contract ?? service.contract, copy ? { mirror: copy } : {});
}
