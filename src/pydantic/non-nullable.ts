/**
 * `NonNullable<T>` is `T & {}` (lib.es5.d.ts): to TypeScript, T without `null` and `undefined`.
 * ts-json-schema-generator 2.10 reads the `{}` as an empty object, so `NonNullable<string | null>`
 * kept its null and `NonNullable<string[] | null>` became an array that is also an object, both
 * silently. This parser takes such an intersection first and gives the operand without its nullish members.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { NullType, UndefinedType, UnionType, derefType } from "ts-json-schema-generator";
import type { BaseType, Context, NodeParser, SubNodeParser } from "ts-json-schema-generator";

export class NonNullableParser implements SubNodeParser {
  constructor(private readonly chain: NodeParser) {}

  supportsNode(node: TS.Node): boolean {
    return ts.isIntersectionTypeNode(node) && node.types.some(isEmptyObject) && node.types.filter((t) => !isEmptyObject(t)).length === 1;
  }

  createType(node: TS.IntersectionTypeNode, context: Context): BaseType {
    return withoutNullish(this.chain.createType(node.types.find((t) => !isEmptyObject(t))!, context));
  }
}

const isEmptyObject = (node: TS.TypeNode) => ts.isTypeLiteralNode(node) && node.members.length === 0;

const isNullish = (type: BaseType) => {
  const t = derefType(type);
  return t instanceof NullType || t instanceof UndefinedType;
};

/** The type as it is when nothing nullish is in it, so that a named type keeps its reference. */
function withoutNullish(type: BaseType): BaseType {
  const t = derefType(type);
  if (!(t instanceof UnionType)) return type;
  const members = t.getTypes();
  const kept = members.filter((m) => !isNullish(m)).map(withoutNullish);
  if (kept.length === members.length && kept.every((m, i) => m === members[i])) return type;
  return kept.length === 1 ? kept[0]! : new UnionType(kept);
}
