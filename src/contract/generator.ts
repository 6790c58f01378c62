/**
 * The one way the session reaches the Pydantic generator (src/pydantic/): loaded only for a
 * service with a `contract`, so a repo that never uses it never loads TypeScript's schema tooling
 * or Python's code generator.
 */
import type { ResolvedService } from "../config/types.js";

export interface ContractModule {
  /** The whole .py module with the sync-types banner, byte-stable. */
  text: string;
  /** The contract's types as OpenAPI 3.1 component schemas (`#/components/schemas/<Name>`). */
  schemas: Record<string, unknown>;
  /** An OpenAPI contract's `paths`. */
  operations?: unknown;
  /** The contract and every local file it imports: what `--watch` and the hook follow. */
  contractFiles: string[];
}

interface Generator {
  generatePydantic(request: {
    contract: string;
    types?: readonly string[];
    tsconfig?: string;
    python?: string;
    signal?: AbortSignal;
    progress?: (line: string) => void;
  }): Promise<ContractModule>;
}

const GENERATOR = "../pydantic/index.js";

/** The Pydantic module a service's `contract` yields, in memory. */
export async function generateContractModule(
  service: ResolvedService & { contract: string },
  options: { signal?: AbortSignal | undefined; progress?: ((line: string) => void) | undefined } = {},
): Promise<ContractModule> {
  const { generatePydantic } = (await import(GENERATOR)) as Generator;
  return generatePydantic({
    contract: service.contract,
    ...(service.contractTypes ? { types: service.contractTypes } : {}),
    python: service.python,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.progress ? { progress: options.progress } : {}),
  });
}
