/**
 * The one way the session reaches the Pydantic generator (src/pydantic/): loaded only for a
 * service with a `contract`, so a repo that never uses it never loads TypeScript's schema tooling
 * or Python's code generator.
 */
import type { ResolvedService } from "../config/types.js";
import type { PydanticModule } from "../pydantic/index.js";

export type ContractModule = PydanticModule;

/** The Pydantic module a service's `contract` yields, in memory. */
export async function generateContractModule(
  service: ResolvedService & { contract: string },
  options: { signal?: AbortSignal | undefined; progress?: ((line: string) => void) | undefined } = {},
): Promise<ContractModule> {
  const request = {
    contract: service.contract,
    ...(service.contractTypes ? { types: service.contractTypes } : {}),
    python: service.python,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
  };
  const { generatePydantic } = await import("../pydantic/index.js");
  return generatePydantic(request);
}
