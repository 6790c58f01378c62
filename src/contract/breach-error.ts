import { ExitCode, SyncTypesError } from "../errors.js";
import { describeBreach, type Breach } from "./conform.js";

export interface LocatedBreach extends Breach {
  /** Per operation, `file:line` of its route relative to the config folder, or "" where the app could not say. */
  routes: string[];
}

/** A service that does not implement its contract: a contract problem (exit 1), and nothing of it is written. */
export class ContractBreachError extends SyncTypesError {
  readonly service: string;
  readonly breaches: LocatedBreach[];
  constructor(service: string, contract: string, breaches: LocatedBreach[]) {
    const where = (b: LocatedBreach) => b.operations.map((op, i) => (b.routes[i] ? `${op} at ${b.routes[i]}` : op)).join(", ");
    // Continuation lines sit under the first one as every report indents it (four spaces).
    const lines = breaches.map((b) => `      ${describeBreach(b)}${b.operations.length > 0 ? ` — ${where(b)}` : ""}`);
    const noun = breaches.length === 1 ? "difference" : "differences";
    super(`${service} does not implement its contract ${contract} (${breaches.length} ${noun}); its spec and client were not rewritten:\n${lines.join("\n")}`, {
      exitCode: ExitCode.contract,
      hint: `use the models from the generated module instead of redefining them in the app, or change the contract and run \`sync-types -s ${service}\``,
    });
    this.service = service;
    this.breaches = breaches;
  }
}
