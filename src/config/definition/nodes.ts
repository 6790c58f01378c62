/**
 * The vocabulary the config definition is written in. Each node carries what every face needs:
 * the validator (its `expected` phrase is the message), the JSON Schema, the TypeScript types and
 * the README table. A rule no node kind can say is a `Check`: a function for the validator and
 * the same rule as a JSON Schema fragment, written side by side so they are reviewed together.
 */

export type Report = (path: string, message: string) => void;

/** A rule beyond a node's type: runs only when the value already has the node's type. */
export interface Check {
  validate(value: never, at: string, report: Report): void;
  /** The same rule for editors, merged into the node's JSON Schema. */
  json?: Record<string, unknown>;
  /** Why JSON Schema cannot say it (then the validator alone enforces it). */
  runtimeOnly?: string;
}

interface Described {
  /** One line: the JSDoc, the JSON Schema `description` and the README "meaning". */
  description?: string;
  /** The value used when the key is absent; also the JSON Schema `default`. */
  default?: unknown;
  /** The default as people read it, when it is not a fixed value (`"the number of CPUs"`). */
  defaultText?: string;
  /** Required, with this phrase after "required: " (default: "expected <expected>"). */
  required?: true | string;
  checks?: readonly Check[];
}

export interface StringNode extends Described {
  kind: "string";
  /** Completes "expected …, got x". */
  expected: string;
  /** `""` and blanks allowed. Default: refused. */
  blank?: boolean;
  oneOf?: readonly string[];
  /** With `oneOf`: refuse other values as "unknown <what>" with a suggestion, not by listing them. */
  unknownName?: string;
  pattern?: { re: RegExp; expected: string };
  /** A named TypeScript alias for a `oneOf`. */
  typeName?: string;
}

export interface IntegerNode extends Described {
  kind: "integer";
  expected: string;
  minimum: number;
  maximum?: number;
}

export interface ListNode extends Described {
  kind: "list";
  expected: string;
  items: Node;
  minItems?: number;
}

/** An object of values by free keys (`env`, `services`). */
export interface MapNode extends Described {
  kind: "map";
  expected: string;
  values: Node;
  keys?: StringNode;
}

export interface ObjectNode extends Described {
  kind: "object";
  expected: string;
  /** The TypeScript interface name. */
  typeName: string;
  properties: Readonly<Record<string, Node>>;
}

/** Accepted when any branch accepts it; otherwise one message with `expected`. */
export interface EitherNode extends Described {
  kind: "either";
  expected: string;
  of: readonly Node[];
}

/** A value only code can build (a plugin): the validator and schema check its outline. */
export interface OpaqueNode extends Described {
  kind: "opaque";
  expected: string;
  tsType: string;
  /** The TypeScript import that declares `tsType`, relative to the generated types file. */
  tsImport: string;
  accepts(value: unknown): boolean;
  json: Record<string, unknown>;
}

/** `true` or `false`. */
export interface BooleanNode extends Described {
  kind: "boolean";
}

/** A literal value (`"auto"`, `false`) inside an `either`. */
export interface ConstNode extends Described {
  kind: "const";
  value: string | boolean;
}

export type Node = BooleanNode | StringNode | IntegerNode | ListNode | MapNode | ObjectNode | EitherNode | OpaqueNode | ConstNode;

type Spec<N extends Node> = Omit<N, "kind">;
export const text = <const N extends Spec<StringNode>>(n: N) => ({ kind: "string", ...n }) as const;
export const flag = <const N extends Spec<BooleanNode>>(n: N) => ({ kind: "boolean", ...n }) as const;
export const integer = <const N extends Spec<IntegerNode>>(n: N) => ({ kind: "integer", ...n }) as const;
export const list = <const N extends Spec<ListNode>>(n: N) => ({ kind: "list", ...n }) as const;
export const map = <const N extends Spec<MapNode>>(n: N) => ({ kind: "map", ...n }) as const;
export const object = <const N extends Spec<ObjectNode>>(n: N) => ({ kind: "object", ...n }) as const;
export const either = <const N extends Spec<EitherNode>>(n: N) => ({ kind: "either", ...n }) as const;
export const opaque = <const N extends Spec<OpaqueNode>>(n: N) => ({ kind: "opaque", ...n }) as const;
export const literal = <const V extends string | boolean>(value: V) => ({ kind: "const", value }) as const;

/** The keys of an object node that have a machine default. */
export type DefaultedKeys<O extends { properties: Readonly<Record<string, Node>> }> = {
  [K in keyof O["properties"]]: O["properties"][K] extends { default: unknown } ? K : never;
}[keyof O["properties"]];

/** The defaults of an object node, freshly copied (a caller may mutate them). */
export function defaultsOf(node: ObjectNode): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(node.properties)) {
    if (child.default !== undefined) out[key] = structuredClone(child.default);
  }
  return out;
}

/** A value as people write it in docs: JSON with a space after each comma of a list. */
export function showValue(value: unknown): string {
  return JSON.stringify(value).replaceAll('","', '", "');
}
