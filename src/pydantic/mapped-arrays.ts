/**
 * A homomorphic mapped type applied to an array or tuple (`Readonly<string[]>`, `Required<[A, B]>`,
 * a user's `{ [K in keyof T]: T[K] }` given an array) is an array or tuple to TypeScript, but
 * ts-json-schema-generator 2.10 maps the array's keys into a record (`dict[str, str]`). This parser
 * takes every mapped type first: over an array or tuple, a mapping that keeps the elements is the
 * array itself (`readonly` is not on the wire); one that changes them is refused. Any other mapped
 * type goes on to the generator's own parser.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { ArrayType, MappedTypeNodeParser, OptionalType, TupleType, UndefinedType, UnionType, derefType } from "ts-json-schema-generator";
import type { BaseType, Context, NodeParser, SubNodeParser } from "ts-json-schema-generator";
import { refusal } from "./unsupported.js";

export class ArrayMappedTypeParser implements SubNodeParser {
  private readonly generic: MappedTypeNodeParser;

  constructor(private readonly chain: NodeParser, private readonly checker: TS.TypeChecker, private readonly root: string, additionalProperties: boolean) {
    this.generic = new MappedTypeNodeParser(chain, additionalProperties);
  }

  supportsNode(node: TS.Node): boolean {
    return node.kind === ts.SyntaxKind.MappedType;
  }

  createType(node: TS.MappedTypeNode, context: Context): BaseType {
    const operandNode = keyofOperand(node);
    if (!operandNode) return this.generic.createType(node, context);
    const operand = this.chain.createType(operandNode, context);
    if (!holdsArray(operand)) return this.generic.createType(node, context);
    const change = elementChange(node, operandNode, operand);
    if (!change) return operand;
    const reference = context.getReference();
    const at = reference && !isLibrary(reference) ? reference : node;
    const spelled = ts.isTypeReferenceNode(at) || ts.isMappedTypeNode(at) ? at.getText() : "a mapped type";
    throw refusal(this.root, at, {
      construct: `a mapped type over an array or tuple that ${change} (\`${spelled}\`)`,
      fix: this.fixFor(at),
    });
  }

  /** What TypeScript reads there, when the place is concrete (not inside a generic). */
  private fixFor(at: TS.Node): string {
    const type = ts.isTypeNode(at) ? this.checker.getTypeFromTypeNode(at) : undefined;
    const arrays = type && (type.flags & ts.TypeFlags.Union ? (type as TS.UnionType).types : [type]).every((t) => this.checker.isArrayType(t) || this.checker.isTupleType(t));
    if (arrays) return `write the type TypeScript reads there, \`${this.checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation)}\`, instead of the mapped type`;
    return "write the array or tuple type itself (`readonly T[]` for `Readonly<T[]>`), not a mapped type over it";
  }
}

/** `T` of `[K in keyof T]`: only such a mapping keeps an array an array in TypeScript. */
function keyofOperand(node: TS.MappedTypeNode): TS.TypeNode | undefined {
  const constraint = node.typeParameter.constraint;
  return constraint && ts.isTypeOperatorNode(constraint) && constraint.operator === ts.SyntaxKind.KeyOfKeyword ? constraint.type : undefined;
}

function holdsArray(type: BaseType): boolean {
  const t = derefType(type);
  return t instanceof ArrayType || t instanceof TupleType || (t instanceof UnionType && t.getTypes().some(holdsArray));
}

/** Why the mapping is not the operand itself, or undefined when it is. */
function elementChange(node: TS.MappedTypeNode, operandNode: TS.TypeNode, operand: BaseType): string | undefined {
  const template = node.type;
  const keeps = !node.nameType && template !== undefined && ts.isIndexedAccessTypeNode(template) && sameName(template.objectType, operandNode) && ts.isTypeReferenceNode(template.indexType) && ts.isIdentifier(template.indexType.typeName) && template.indexType.typeName.text === node.typeParameter.name.text;
  if (!keeps) return "maps its elements to other types";
  const optional = node.questionToken?.kind;
  if (optional === ts.SyntaxKind.QuestionToken || optional === ts.SyntaxKind.PlusToken) return "makes its elements `| undefined` (or optional)";
  if (optional === ts.SyntaxKind.MinusToken && !plainElements(operand)) return "changes which elements may be undefined";
  return undefined;
}

const sameName = (a: TS.TypeNode, b: TS.TypeNode) => ts.isTypeReferenceNode(a) && ts.isTypeReferenceNode(b) && ts.isIdentifier(a.typeName) && ts.isIdentifier(b.typeName) && a.typeName.text === b.typeName.text && !a.typeArguments && !b.typeArguments;

/** `-?` leaves an array or tuple as it is when no element is optional or `undefined`. */
function plainElements(type: BaseType): boolean {
  const t = derefType(type);
  const mayBeUndefined = (e: BaseType): boolean => {
    const d = derefType(e);
    return d instanceof UndefinedType || d instanceof OptionalType || (d instanceof UnionType && d.getTypes().some(mayBeUndefined));
  };
  if (t instanceof ArrayType) return !mayBeUndefined(t.getItem());
  if (t instanceof TupleType) return !t.getTypes().some(mayBeUndefined);
  return false;
}

const isLibrary = (node: TS.Node) => /[\\/]node_modules[\\/]|[\\/]lib\.[^\\/]*\.d\.ts$/.test(node.getSourceFile().fileName);
