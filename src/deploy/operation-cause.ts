import type { CallSiteFinding } from "../check/index.js";
import { listOperations } from "../diff/operations.js";
import type { Change } from "../diff/types.js";
import type { OpenApiDocument } from "../spec/types.js";

/**
 * The change behind a call site whose client method (`Client.getReport`, or its request type
 * `GetReportRequest`) changed or vanished: the operation that method was generated for in the
 * consumer's spec, and the first change in it. Models are attributed by check's `causeOf`.
 */
export function operationCause(site: CallSiteFinding, base: OpenApiDocument | undefined, changes: Change[]): CallSiteFinding["cause"] {
  const [owner, member] = site.declaration?.split(".") ?? [];
  if (!base || !owner) return undefined;
  const method = owner === "Client" ? member : owner.endsWith("Request") ? lowerFirst(owner.slice(0, -"Request".length)) : undefined;
  const operation = listOperations(base).find((op) => op.methodName === method);
  if (!operation) return undefined;
  const change = changes.find((c) => c.subject === operation.key && c.level !== "info");
  return change ? { id: change.id, location: change.location } : undefined;
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
