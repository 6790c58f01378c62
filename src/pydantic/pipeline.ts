import { UsageError } from "../errors.js";
import type { PydanticModule, PydanticRequest } from "./index.js";

export async function runPydanticPipeline(request: PydanticRequest): Promise<PydanticModule> {
  throw new UsageError(`pydantic generation for ${request.contract} is being built on this branch`);
}
