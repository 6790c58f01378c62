/**
 * The check every spec passes before any parser, resolver or generator sees it, whatever the
 * command (sync, check, diff, generate): each of these would otherwise crash, hang or do I/O.
 *
 * - an external `$ref` (a file, a URL) would make Redocly or openapi-typescript read a file of
 *   this machine or send a request: refused (see external-refs.ts for the per-service opt-in);
 * - a `$ref` Redocly cannot decode (a bad `%`, a `#name` anchor) throws a URIError in it;
 * - a schema defined only through itself (`$ref` aliases A → B → A, `allOf` cycles) has no
 *   TypeScript type, and Redocly throws on the aliases;
 * - nesting deeper than `MAX_DEPTH` (or `MAX_REF_DEPTH` through `$ref`s) overflows the stack of
 *   every recursive walker (JSON.stringify and Redocly included).
 *
 * The walk is iterative, so the check itself survives what it refuses.
 */
import { SpecError } from "../errors.js";
import { childPointer, parseRef, valueAt, type ParsedRef } from "./pointer.js";
import { isJsonObject, type Json } from "./types.js";

/** Far beyond any FastAPI schema as written (a few dozen levels), far below any stack limit. */
export const MAX_DEPTH = 256;
/**
 * Levels reached by following `$ref`s (a model graph walked depth-first). Redocly's validator
 * overflows its stack between 1 500 and 1 800 (a chain of 500 to 600 models); a large but
 * sane model graph stays well below.
 */
export const MAX_REF_DEPTH = 1000;
/** Keywords whose members are the schema itself, not a part of it. */
const COMBINATORS = ["allOf", "anyOf", "oneOf"] as const;
/** Problems listed in one error; the rest are counted. */
const SHOWN = 20;

export interface RefProblem {
  ruleId: "external-ref" | "malformed-ref" | "ref-cycle" | "too-deep";
  /** Plain JSON pointer of the offending node, `#`-prefixed as in every report. */
  pointer: string;
  message: string;
}

/**
 * A node met on a walk. Its pointer is built only when something is reported or linked:
 * most of a large spec is neither, and building every pointer would cost more than the walk.
 */
interface Frame {
  node: Json;
  parent: Frame | undefined;
  key: string | number;
  depth: number;
}

function pointerOf(frame: Frame | undefined): string {
  const keys: (string | number)[] = [];
  for (let at = frame; at?.parent !== undefined; at = at.parent) keys.push(at.key);
  let pointer = "";
  for (let i = keys.length - 1; i >= 0; i--) pointer = childPointer(pointer, keys[i]!);
  return pointer;
}

/**
 * Pushes the object and array children of `frame`'s node, first key on top; returns whether it
 * has a scalar child. Scalars (most of a spec) get no frame: nothing is reported at a scalar, and
 * a walk that measures depth counts them from this answer.
 */
function pushChildren(stack: Frame[], frame: Frame): boolean {
  const { node, depth } = frame;
  let scalar = false;
  if (Array.isArray(node)) {
    for (let i = node.length - 1; i >= 0; i--) {
      const child = node[i]!;
      if (typeof child === "object" && child !== null) stack.push({ node: child, parent: frame, key: i, depth: depth + 1 });
      else scalar = true;
    }
  } else if (typeof node === "object" && node !== null) {
    const keys = Object.keys(node);
    for (let i = keys.length - 1; i >= 0; i--) {
      const child = node[keys[i]!]!;
      if (typeof child === "object" && child !== null) stack.push({ node: child, parent: frame, key: keys[i]!, depth: depth + 1 });
      else scalar = true;
    }
  }
  return scalar;
}

/** Every problem of `doc` that no later stage may see. */
export function inspectRefs(doc: Json): RefProblem[] {
  const problems: RefProblem[] = [];
  const links = new Map<string, string[]>();
  const parse = memoized(parseRef);
  const stack: Frame[] = [{ node: doc, parent: undefined, key: "", depth: 0 }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { node, depth } = frame;
    if (typeof node !== "object" || node === null) continue;
    if (depth > MAX_DEPTH) {
      problems.push({ ruleId: "too-deep", pointer: `#${shorten(pointerOf(frame))}`, message: `nested more than ${MAX_DEPTH} levels deep` });
      continue;
    }
    if (!Array.isArray(node)) {
      const ref = node["$ref"];
      if (typeof ref === "string") {
        const parsed = parse(ref);
        if (parsed.kind === "external") {
          problems.push({ ruleId: "external-ref", pointer: `#${pointerOf(frame)}/$ref`, message: `$ref ${JSON.stringify(ref)} points outside the spec; sync-types never reads files or URLs a spec names` });
        } else if (parsed.kind === "malformed") {
          problems.push({ ruleId: "malformed-ref", pointer: `#${pointerOf(frame)}/$ref`, message: `$ref ${JSON.stringify(ref)} cannot be read: ${parsed.reason}` });
        } else links.set(pointerOf(frame), [parsed.pointer]);
      }
      for (const keyword of COMBINATORS) {
        const list = node[keyword];
        if (!Array.isArray(list)) continue;
        const pointer = pointerOf(frame);
        links.set(pointer, [...(links.get(pointer) ?? []), ...list.map((_, i) => `${pointer}/${keyword}/${i}`)]);
      }
    }
    pushChildren(stack, frame);
  }
  if (problems.length > 0) return problems;
  const cycles = findTypeCycles(links);
  return cycles.length > 0 ? cycles : findDeepRefChains(doc, parse);
}

function memoized<T>(fn: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let value = cache.get(text);
    if (value === undefined) cache.set(text, (value = fn(text)));
    return value;
  };
}

/**
 * Documents already found safe, and the canonical copies made of them: the check walks the whole
 * spec, and generation would otherwise walk it again. A plugin that returns a new document
 * (`specReady`) gets it checked afresh; plugins are the user's own code, a spec is not.
 */
const checked = new WeakSet<object>();

/** `copy` holds the same `$ref`s as a document that passed `assertSafeRefs` (a canonical reordering of it). */
export function vouchRefs(copy: object): void {
  checked.add(copy);
}

/** Throws a SpecError (exit 3) listing every problem `inspectRefs` finds. */
export function assertSafeRefs(doc: Json, service: string): void {
  if (typeof doc === "object" && doc !== null && checked.has(doc)) return;
  const problems = inspectRefs(doc);
  if (problems.length === 0) {
    if (typeof doc === "object" && doc !== null) checked.add(doc);
    return;
  }
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
 * A schema defined only through itself: `$ref`, `allOf`, `anyOf` and `oneOf` lead back to it
 * without a property or an item in between (`A = allOf [B]`, `B = allOf [A]`; or plain `$ref`
 * aliases). No TypeScript type can say that (TS2456/TS2502) and Redocly throws on the aliases.
 * A depth-first walk over those links; each node is finished once, so it costs their number.
 */
function findTypeCycles(links: Map<string, string[]>): RefProblem[] {
  const problems: RefProblem[] = [];
  const finished = new Set<string>();
  for (const root of links.keys()) {
    if (finished.has(root)) continue;
    const path: string[] = [root];
    const onPath = new Set(path);
    const next: number[] = [0];
    while (path.length > 0) {
      const at = path[path.length - 1]!;
      const successor = links.get(at)?.[next[next.length - 1]!++];
      if (successor === undefined) {
        finished.add(at);
        onPath.delete(at);
        path.pop();
        next.pop();
      } else if (onPath.has(successor)) {
        const loop = [...path.slice(path.indexOf(successor)), successor].map((p) => `#${p}`);
        problems.push({ ruleId: "ref-cycle", pointer: `#${successor}`, message: `a schema defined only through itself (${loop.join(" → ")}): no type can describe it` });
      } else if (!finished.has(successor) && links.has(successor)) {
        path.push(successor);
        onPath.add(successor);
        next.push(0);
      }
    }
  }
  return problems;
}

/**
 * Nesting reached by following `$ref`s, as a validator or a generator that inlines references
 * walks it (each target once per path; a reference back into the path is a cycle, not depth):
 * 10 000 components, each an array of the next, are shallow as JSON and 10 000 levels deep.
 * The recursion here is bounded by the limit it enforces.
 */
function findDeepRefChains(doc: Json, parse: (ref: string) => ParsedRef): RefProblem[] {
  const below = new Map<string, number>();
  /** The target each one's deepest level goes on through, to show a whole chain. */
  const onward = new Map<string, string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const tooDeep = (via: () => string, target: string): RefProblem => {
    const chain = [...path, target];
    for (let next = onward.get(target); next !== undefined && !chain.includes(next); next = onward.get(next)) chain.push(next);
    return {
      ruleId: "too-deep",
      pointer: `#${via()}/$ref`,
      message: `nested more than ${MAX_REF_DEPTH} levels deep through $refs (${shorten(chain.map((p) => `#${p}`).join(" → "), " → ")})`,
    };
  };
  /** The deepest level under `value`, refs followed; a `RefProblem` once `base` plus it passes the limit. */
  const depthUnder = (value: Json | undefined, base: number): number | RefProblem => {
    let deepest = 0;
    let deepestVia: string | undefined;
    const stack: Frame[] = value === undefined ? [] : [{ node: value, parent: undefined, key: "", depth: 0 }];
    while (stack.length > 0) {
      const frame = stack.pop()!;
      const { node, depth } = frame;
      deepest = Math.max(deepest, depth);
      if (isJsonObject(node)) {
        const ref = node["$ref"];
        const parsed = typeof ref === "string" ? parse(ref) : undefined;
        const target = parsed?.kind === "local" ? parsed.pointer : undefined;
        if (target !== undefined && !onPath.has(target)) {
          const via = () => `${path[path.length - 1] ?? ""}${pointerOf(frame)}`;
          let under = below.get(target);
          if (under === undefined) {
            if (base + depth + 1 > MAX_REF_DEPTH) return tooDeep(via, target);
            path.push(target);
            onPath.add(target);
            const found = depthUnder(valueAt(doc, target), base + depth + 1);
            if (typeof found !== "number") return found;
            path.pop();
            onPath.delete(target);
            below.set(target, (under = found));
          }
          if (depth + 1 + under > deepest) [deepest, deepestVia] = [depth + 1 + under, target];
          if (base + deepest > MAX_REF_DEPTH) return tooDeep(via, target);
        }
      }
      if (pushChildren(stack, frame)) deepest = Math.max(deepest, depth + 1);
    }
    if (deepestVia !== undefined && path.length > 0) onward.set(path[path.length - 1]!, deepestVia);
    return deepest;
  };
  const found = depthUnder(doc, 0);
  return typeof found === "number" ? [] : [found];
}

/** A pointer hundreds of levels long, cut to its start and end. */
function shorten(pointer: string, separator = "/"): string {
  const segments = pointer.split(separator);
  if (segments.length <= 16) return pointer;
  return [...segments.slice(0, 10), `… ${segments.length - 14} more …`, ...segments.slice(-4)].join(separator);
}
