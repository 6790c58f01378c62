/**
 * The check every spec passes before any parser, resolver or generator sees it, whatever the
 * command (sync, check, diff, generate): each of these would otherwise crash, hang or do I/O.
 *
 * - an external `$ref` (a file, a URL) would make Redocly or openapi-typescript read a file of
 *   this machine or send a request: refused (see external-refs.ts for the per-service opt-in);
 * - a `$ref` Redocly cannot decode (a bad `%`, a `#name` anchor) throws a URIError in it;
 * - `$ref`s that only point at each other (A → B → A) have no type at all, and Redocly throws;
 * - nesting deeper than `MAX_DEPTH` overflows the stack of every recursive walker (JSON.stringify
 *   included).
 *
 * The walk is iterative, so the check itself survives what it refuses.
 */
import { SpecError } from "../errors.js";
import { childPointer, parseRef } from "./pointer.js";
import { isJsonObject, type Json } from "./types.js";

/** Far beyond any FastAPI schema (a few dozen levels), far below any stack limit. */
export const MAX_DEPTH = 256;
/** Problems listed in one error; the rest are counted. */
const SHOWN = 20;

export interface RefProblem {
  ruleId: "external-ref" | "malformed-ref" | "ref-cycle" | "too-deep";
  /** Plain JSON pointer of the offending node, `#`-prefixed as in every report. */
  pointer: string;
  message: string;
}

/** Every problem of `doc` that no later stage may see. */
export function inspectRefs(doc: Json): RefProblem[] {
  const problems: RefProblem[] = [];
  const aliases = new Map<string, string>();
  const stack: [Json, string, number][] = [[doc, "", 0]];
  while (stack.length > 0) {
    const [node, pointer, depth] = stack.pop()!;
    if (depth > MAX_DEPTH && (Array.isArray(node) || isJsonObject(node))) {
      problems.push({ ruleId: "too-deep", pointer: `#${shorten(pointer)}`, message: `nested more than ${MAX_DEPTH} levels deep` });
      continue;
    }
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) stack.push([node[i]!, `${pointer}/${i}`, depth + 1]);
      continue;
    }
    if (!isJsonObject(node)) continue;
    const ref = node["$ref"];
    if (typeof ref === "string") {
      const parsed = parseRef(ref);
      if (parsed.kind === "external") {
        problems.push({ ruleId: "external-ref", pointer: `#${pointer}/$ref`, message: `$ref ${JSON.stringify(ref)} points outside the spec; sync-types never reads files or URLs a spec names` });
      } else if (parsed.kind === "malformed") {
        problems.push({ ruleId: "malformed-ref", pointer: `#${pointer}/$ref`, message: `$ref ${JSON.stringify(ref)} cannot be read: ${parsed.reason}` });
      } else aliases.set(pointer, parsed.pointer);
    }
    const keys = Object.keys(node);
    for (let i = keys.length - 1; i >= 0; i--) stack.push([node[keys[i]!]!, childPointer(pointer, keys[i]!), depth + 1]);
  }
  return [...problems, ...findAliasCycles(aliases)];
}

/** Throws a SpecError (exit 3) listing every problem `inspectRefs` finds. */
export function assertSafeRefs(doc: Json, service: string): void {
  const problems = inspectRefs(doc);
  if (problems.length === 0) return;
  const external = problems.some((p) => p.ruleId === "external-ref");
  const lines = problems.slice(0, SHOWN).map((p) => `${p.pointer}: ${p.message} (${p.ruleId})`);
  if (problems.length > SHOWN) lines.push(`… and ${problems.length - SHOWN} more`);
  throw new SpecError(service, `the spec has ${problems.length} unsafe $ref or nesting problem${problems.length === 1 ? "" : "s"}`, {
    problems: lines,
    hint: external
      ? "inline the referenced schemas in the app's OpenAPI output, or allow those local files with the service's externalRefs option (globs, relative to the config file)"
      : "fix the app's OpenAPI output (custom openapi() overrides and openapi_extra are the usual suspects)",
  });
}

/**
 * `$ref`s whose target is itself a `$ref`, round and round. Each node is entered once
 * (white/grey/black), so a long chain costs its length, not its square.
 */
function findAliasCycles(aliases: Map<string, string>): RefProblem[] {
  const problems: RefProblem[] = [];
  const done = new Set<string>();
  for (const start of aliases.keys()) {
    const chain: string[] = [];
    const onChain = new Set<string>();
    let at: string | undefined = start;
    while (at !== undefined && !done.has(at)) {
      if (onChain.has(at)) {
        const loop = chain.slice(chain.indexOf(at));
        problems.push({ ruleId: "ref-cycle", pointer: `#${at}/$ref`, message: `$refs only point at each other (${[...loop, at].map((p) => `#${p}`).join(" → ")}), so they never name a schema` });
        break;
      }
      if (chain.length > MAX_DEPTH) {
        problems.push({ ruleId: "too-deep", pointer: `#${start}/$ref`, message: `a chain of more than ${MAX_DEPTH} $refs that only point at other $refs` });
        break;
      }
      chain.push(at);
      onChain.add(at);
      const target: string = aliases.get(at)!;
      at = aliases.has(target) ? target : undefined;
    }
    for (const p of chain) done.add(p);
  }
  return problems;
}

/** A pointer hundreds of levels long, cut to its start and end. */
function shorten(pointer: string): string {
  const segments = pointer.split("/");
  if (segments.length <= 16) return pointer;
  return [...segments.slice(0, 10), `… ${segments.length - 14} more …`, ...segments.slice(-4)].join("/");
}
