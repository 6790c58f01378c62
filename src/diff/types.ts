/** How bad a change is: `error` breaks existing callers, `warn` may, `info` cannot. */
export type Level = "error" | "warn" | "info";

/** Which side of the call a change concerns: what the caller sends, what it receives, or the operation itself. */
export type Direction = "request" | "response" | "operation" | "component";

/** What a change does to a TypeScript caller: do existing call sites still compile, and still work? */
export interface Verdict {
  compile: "breaks" | "safe";
  runtime: "breaks" | "may" | "safe";
}

export interface Change {
  /** Stable kebab-case rule id, never renamed once released. */
  id: string;
  level: Level;
  direction: Direction;
  /** Where, for a human: `GET /items/{item_id} -> 200 -> body.items[].price`, or `Item.price` inside a shared model. */
  location: string;
  /** The operation (`GET /items`) or model (`Item`) the change lives in: its root cause. */
  subject: string;
  /** JSON pointer into the base (committed) spec, or into the head spec for additions (`side: "head"`). */
  pointer: string;
  side: "base" | "head";
  /** 1-based position in the base spec text: of `pointer`, or of its nearest enclosing node present in the base. */
  line: number;
  column: number;
  verdict: Verdict;
  message: string;
  /** Every operation affected, `METHOD /path`, sorted; a shared model change lists all its users. */
  operations: string[];
  /** Hash of id + location: survives unrelated edits, so ignores and PR bots can track a change. */
  fingerprint: string;
}
