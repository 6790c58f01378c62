import type { SchemaNode } from "../normalize.js";
import type { Body, Media, Operation, Parameter, Response } from "../operations.js";
import type { Direction, Verdict } from "../types.js";
import type { BranchMatch } from "../union.js";

/** One finding of a rule; the walker turns it into a `Change` with location, pointer and line. */
export interface Hit {
  message: string;
  /** Appended to the location of the node compared: `.price`, `[]`. */
  path?: string;
  /** What changed, in the base spec. Default: the node compared. */
  base?: string;
  /** What was added, in the head spec. */
  head?: string;
}

/** What each kind of rule is shown: a pair of the same thing, base then head. */
export interface Pairs {
  /** Either side may be missing: an operation removed or added. */
  operations: { base: Operation | undefined; head: Operation | undefined };
  operation: { base: Operation; head: Operation };
  /** Either side may be missing: a parameter removed or added. */
  parameter: { base: Parameter | undefined; head: Parameter | undefined; operation: Operation };
  body: { base: Body | undefined; head: Body | undefined };
  responses: { base: Map<string, Response>; head: Map<string, Response> };
  /** A response status present on both sides (or the success status that replaced it). */
  content: { base: Response; head: Response };
  /** Stream items of one media type, references followed; `typed: false` for SSE whose data is a bare string. */
  stream: { base: StreamItem; head: StreamItem; media: Media };
  schema: SchemaPair;
  /** A shared model compared for the first time. */
  model: { base: string; head: string; baseModel: string; headModel: string };
}

export interface StreamItem {
  typed: boolean;
  /** The payload schema as written (a reference names its model). */
  node: SchemaNode;
  /** The payload schema with its reference followed. */
  shape: SchemaNode;
}

export interface SchemaPair {
  base: SchemaNode;
  head: SchemaNode;
  /** Set when either side is a union: its branches paired. */
  union: BranchMatch | undefined;
  /** The head name of a base model (itself unless renamed). */
  renamed: (model: string) => string;
}

export interface Rule<K extends keyof Pairs = keyof Pairs> {
  /** Stable kebab-case id, never renamed once released. */
  id: string;
  on: K;
  /** Request and response rules only run on that side of the operation. */
  direction: Direction;
  verdict: Verdict;
  /** One line for docs and `--help`. */
  description: string;
  check(pair: Pairs[K]): Hit[];
}

export type AnyRule = { [K in keyof Pairs]: Rule<K> }[keyof Pairs];

export function defineRule<K extends keyof Pairs>(rule: Rule<K>): Rule<K> {
  return rule;
}
