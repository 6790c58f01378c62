/**
 * The semantic contract diff, as a TypeScript caller of the generated client feels it:
 *
 *   both specs ──► renames ──► pair operations ──► per operation: existence, request, responses
 *   (FastAPI       (same-shape    (path, renamed       │ schemas normalized (normalize.ts), shared
 *    normalized)    models)        params, inserted)   │ models compared once (context.ts)
 *                                                      ▼
 *                                   rules/ (one pure function per id) ──► Change[] with lines
 *
 * A request may only widen, a response may only narrow.
 */
import { serializeSpec } from "../spec/canonical.js";
import { locatePointers } from "../spec/locate.js";
import type { OpenApiDocument } from "../spec/types.js";
import { compareOperation } from "./compare-operation.js";
import { DiffContext } from "./context.js";
import { SchemaReader } from "./normalize.js";
import { listOperations, pairOperations } from "./operations.js";
import { detectRenames } from "./renames.js";
import type { Change } from "./types.js";

export interface DiffOptions {
  /** The base spec's text, for line numbers. Default: `serializeSpec(base)`, the committed form. */
  baseText?: string;
  /** Client methods grouped by tag (the service's `groupByTag`): a tag change then renames a method. Default `false`. */
  groupByTag?: boolean;
}

export function diffSpecs(base: OpenApiDocument, head: OpenApiDocument, options: DiffOptions = {}): Change[] {
  const ctx = new DiffContext(new SchemaReader(base), new SchemaReader(head), detectRenames(base, head));
  const { pairs, removed, added } = pairOperations(listOperations(base, options), listOperations(head, options));
  for (const [b, h] of pairs) compareOperation(ctx, b, h);
  for (const b of removed) compareOperation(ctx, b, undefined);
  for (const h of added) compareOperation(ctx, undefined, h);
  const locate = locatePointers(options.baseText ?? serializeSpec(base), ctx.anchors());
  return ctx.changes(locate);
}

export { evaluatePolicy, type PolicyResult, type IgnoredChange } from "./policy.js";
export { RULES, RULE_IDS } from "./rules/index.js";
export type { Change, Direction, Level, Verdict } from "./types.js";
