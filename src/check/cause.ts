import type { Change } from "../diff/types.js";
import { collectOperations } from "../generate/client/operations.js";
import type { OpenApiDocument } from "../spec/types.js";
import type { CallSiteFinding } from "./index.js";

/** What `causeOf` needs of a service's run: its contract change and the committed spec the call site compiled against. */
export interface CauseSource {
  service: string;
  contract?: { changes: Change[] } | undefined;
  committedSpec: OpenApiDocument | undefined;
}

const PARAMETER_PLACES = new Set(["path", "query", "header", "cookie"]);

/**
 * The change a broken call site comes from, found from the generated declaration it used:
 * `components.schemas.Estimate.customer` names the model property the diff reports as
 * `Estimate.customer`; `operations.<operationId>.parameters.query.limit`, a client method
 * (`Client.listEstimates`) or its request type (`ListEstimatesRequest.query`) name an operation,
 * whose request-side changes are reported as `GET /estimates -> query.limit`. The closest
 * enclosing location wins.
 */
export function causeOf(site: CallSiteFinding, results: CauseSource[]): CallSiteFinding["cause"] {
  const path = site.declaration?.split(".") ?? [];
  const result = results.find((r) => r.service === site.service);
  const changes = result?.contract?.changes ?? [];
  const { locations, callerSends } = candidateLocations(path, result?.committedSpec);
  for (const location of locations) {
    const within = (c: Change) => c.location.startsWith(`${location}.`) || c.location.startsWith(`${location} -> `);
    // A call that fails at a client method or a whole argument broke on what it sends, and
    // most often on something it does not send but now must (a new required parameter).
    const sends = (c: Change) => callerSends && within(c) && c.direction === "request" && c.verdict.compile === "breaks";
    const change = changes.find((c) => c.location === location)
      ?? changes.find((c) => sends(c) && c.id.includes("required"))
      ?? changes.find(sends)
      ?? changes.find(within);
    if (change) return { id: change.id, location: change.location };
  }
  return undefined;
}

/** Diff locations a declaration path may be reported at, most specific first. */
function candidateLocations(path: string[], spec: OpenApiDocument | undefined): { locations: string[]; callerSends: boolean } {
  if (path[0] === "components" && path[1] === "schemas") {
    return { locations: path.slice(2).map((_, i, rest) => rest.slice(0, rest.length - i).join(".")), callerSends: false };
  }
  const operation = spec ? operationOf(path, spec) : undefined;
  if (!operation) return { locations: [], callerSends: false };
  const { key, place, name } = operation;
  const locations = [...(place && name ? [`${key} -> ${place}.${name}`] : []), ...(place ? [`${key} -> ${place}`] : []), key];
  return { locations, callerSends: true };
}

/** The operation (`GET /estimates`), and the parameter place and name, a generated declaration belongs to. */
function operationOf(path: string[], spec: OpenApiDocument): { key: string; place?: string; name?: string } | undefined {
  const operations = collectOperations(spec);
  const keyOf = (op: { method: string; path: string }) => `${op.method.toUpperCase()} ${op.path}`;
  const [root, member, ...rest] = path;
  if (root === "operations") {
    const op = operations.find((o) => o.operationId === member);
    if (!op) return undefined;
    // operations.<id>.parameters.<place>.<name>
    const place = rest[0] === "parameters" && PARAMETER_PLACES.has(rest[1] ?? "") ? rest[1] : undefined;
    return { key: keyOf(op), ...(place ? { place, ...(rest[2] ? { name: rest[2] } : {}) } : {}) };
  }
  if (root === "Client") {
    const op = operations.find((o) => o.name === member);
    return op && { key: keyOf(op) };
  }
  const op = operations.find((o) => `${o.name[0]!.toUpperCase()}${o.name.slice(1)}Request` === root);
  if (!op) return undefined;
  return { key: keyOf(op), ...(member && PARAMETER_PLACES.has(member) ? { place: member } : {}) };
}
