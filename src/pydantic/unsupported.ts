/**
 * What Pydantic cannot hold, found in the TypeScript types themselves (ts-json-schema-generator
 * widens some of it silently: a function to a `$comment`, `any` to `{}`, a template literal to
 * `string`). Each finding names the contract type, the member path and the construct, and says
 * what to write instead: a contract is refused rather than widened.
 */
import type TS from "typescript";
import ts from "../typescript.js";
import { relative } from "node:path";
import { UsageError } from "../errors.js";

export interface Finding {
  construct: string;
  fix: string;
}

const PRIMITIVE = ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike;

const LIB_CLASSES = /^(Date|Map|Set|WeakMap|WeakSet|Promise|RegExp|Error|ArrayBuffer|DataView|URL|Blob|Buffer|(Big)?(U?Int\d+|Float\d+|Uint8Clamped)Array)$/;

/** Throws a UsageError (exit 2) for the first construct Pydantic cannot express. */
export function assertExpressible(program: TS.Program, declarations: TS.Declaration[], root: string): void {
  const checker = program.getTypeChecker();
  for (const declaration of declarations) {
    const name = ts.getNameOfDeclaration(declaration)?.getText() ?? "(anonymous)";
    const fail = (member: string, node: TS.Node, finding: Finding): never => {
      throw refusal(root, node, finding, { type: name, member });
    };
    if ((ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration) || ts.isClassDeclaration(declaration)) && declaration.typeParameters?.length) {
      fail("", declaration, { construct: "a generic left open (type parameters " + declaration.typeParameters.map((p) => p.name.text).join(", ") + ")", fix: `export a concrete instantiation instead (\`export type ${name}OfX = ${name}<X>\`) and do not export the generic itself, or leave it out with --types` });
    }
    const seen = new Set<TS.Type>();
    const visit = (type: TS.Type, member: string, node: TS.Node): void => {
      const finding = findingFor(checker, type, seen, (t, m, n) => visit(t, m ? (member ? `${member}.${m}` : m) : member, n ?? node));
      if (finding) fail(member, node, finding);
    };
    visit(checker.getTypeAtLocation(declaration), "", declaration);
  }
}

/**
 * The refusal of one construct: where it is, in which contract type and member, and the fix. Without
 * `where`, the type and member are those the node sits in.
 */
export function refusal(root: string, node: TS.Node, finding: Finding, where = enclosing(node)): UsageError {
  const file = node.getSourceFile();
  const { line } = file.getLineAndCharacterOfPosition(node.getStart());
  const at = `${relative(root, file.fileName).replaceAll("\\", "/")}:${line + 1}`;
  const member = where.member ? `member "${where.member}"` : "the type itself";
  return new UsageError(`${at}: contract type "${where.type}", ${member}: ${finding.construct} cannot be expressed as a Pydantic model`, finding.fix);
}

function enclosing(node: TS.Node): { type: string; member: string } {
  const members: string[] = [];
  for (let n: TS.Node | undefined = node; n; n = n.parent) {
    if ((ts.isPropertySignature(n) || ts.isPropertyDeclaration(n)) && n.name) members.unshift(n.name.getText());
    if (ts.isInterfaceDeclaration(n) || ts.isTypeAliasDeclaration(n) || ts.isClassDeclaration(n)) return { type: n.name?.getText() ?? "(anonymous)", member: members.join(".") };
  }
  return { type: "(anonymous)", member: members.join(".") };
}

type Visit = (type: TS.Type, member: string, node?: TS.Node) => void;

/**
 * ts-json-schema-generator intersects overlapping literal members (`{ k: "a" | "b" } & { k: "a" }`
 * is `k: "a"`) but keeps the first of other overlapping types: `{ a: string | number } & { a: string }`
 * would be `string | number`, `{ a: number | null } & { a: number }` nullable, where TS reads `string`
 * and `number`. Refused rather than widened.
 */
function overlappingMember(checker: TS.TypeChecker, type: TS.Type, members: readonly TS.Type[]): Finding | undefined {
  const objects = members.filter((m) => m.flags & ts.TypeFlags.Object);
  const spelled = (symbol: TS.Symbol) => {
    const t = checker.getTypeOfSymbol(symbol);
    const parts = t.flags & ts.TypeFlags.Union ? (t as TS.UnionType).types.filter((m) => !(m.flags & ts.TypeFlags.Undefined)) : [t];
    return { text: parts.map((m) => checker.typeToString(m)).join(" | "), literal: parts.every((m) => m.flags & (ts.TypeFlags.Literal | ts.TypeFlags.Null)) };
  };
  for (const property of checker.getPropertiesOfType(type)) {
    const declared = objects.map((m) => m.getProperty(property.getName())).filter((p): p is TS.Symbol => p !== undefined);
    const types = new Set(declared.map((p) => spelled(p).text));
    const actual = spelled(property);
    if (types.size < 2 || actual.literal) continue;
    return {
      construct: `an intersection whose members give "${property.getName()}" different types (${[...types].map((t) => `\`${t}\``).join(" and ")})`,
      fix: `declare "${property.getName()}" once, with the type the intersection gives it (\`${actual.text}\`), e.g. with Omit<…, "${property.getName()}">`,
    };
  }
  return undefined;
}

const isEmptyObject = (checker: TS.TypeChecker, type: TS.Type) =>
  (type.flags & ts.TypeFlags.Object) !== 0 && !checker.getPropertiesOfType(type).length && !checker.getIndexInfosOfType(type).length && !type.getCallSignatures().length && !type.getConstructSignatures().length;

function findingFor(checker: TS.TypeChecker, type: TS.Type, seen: Set<TS.Type>, visit: Visit): Finding | undefined {
  const f = type.flags;
  if (f & ts.TypeFlags.Any) return { construct: "`any` (or a type that did not resolve)", fix: "write `unknown` for free-form JSON, or fix the import that failed to resolve" };
  if (f & ts.TypeFlags.TypeParameter) return { construct: "a generic left open (type parameter)", fix: "give the generic concrete type arguments in the contract" };
  if (f & (ts.TypeFlags.ESSymbol | ts.TypeFlags.UniqueESSymbol)) return { construct: "a symbol", fix: "JSON has no symbols: use a string or a string literal union" };
  if (f & ts.TypeFlags.TemplateLiteral || f & ts.TypeFlags.StringMapping) return { construct: `a template-literal type (\`${checker.typeToString(type)}\`)`, fix: "use `string` (with `@pattern` for the shape) or a union of string literals" };
  if (f & (ts.TypeFlags.BigInt | ts.TypeFlags.BigIntLiteral)) return { construct: "a bigint", fix: "use `number` with `@asType integer`, or a string" };
  if (f & (ts.TypeFlags.Void | ts.TypeFlags.Never)) return { construct: `\`${checker.typeToString(type)}\``, fix: "remove the member, or make it optional (`?:`)" };
  if (f & ts.TypeFlags.Undefined) return { construct: "`undefined` in a union", fix: "JSON has no undefined: make the member optional (`name?: T`) or use `T | null`" };
  if (f & ts.TypeFlags.NonPrimitive) return { construct: "the `object` type", fix: "use `Record<string, unknown>` or an interface" };
  if (f & ts.TypeFlags.Union) {
    for (const member of (type as TS.UnionType).types) visit(member, "");
    return undefined;
  }
  if (f & ts.TypeFlags.Intersection) {
    // `string & {}` (the idiom that keeps a literal union's autocompletion open) is just the primitive.
    const members = (type as TS.IntersectionType).types.filter((m) => !isEmptyObject(checker, m));
    if (members.some((m) => m.flags & PRIMITIVE) && members.some((m) => m.flags & ts.TypeFlags.Object)) {
      return { construct: `a branded primitive (\`${checker.typeToString(type)}\`)`, fix: "the brand is not on the wire: use the primitive itself (a Pydantic model cannot carry the brand back)" };
    }
    const overlap = overlappingMember(checker, type, members);
    if (overlap) return overlap;
    for (const member of members) visit(member, "");
    return undefined;
  }
  if (!(f & ts.TypeFlags.Object) || seen.has(type)) return undefined;
  seen.add(type);
  if (checker.isTupleType(type)) {
    const target = (type as TS.TypeReference).target as TS.TupleType;
    if (target.elementFlags.some((e) => e & (ts.ElementFlags.Optional | ts.ElementFlags.Variable))) {
      return { construct: "a tuple with optional or rest elements", fix: "use a fixed-length tuple, or an array" };
    }
  }
  if (checker.isArrayType(type) || checker.isTupleType(type)) {
    const undefinedElements = undefinedElementsOf(checker, type);
    if (undefinedElements) return undefinedElements;
    for (const arg of checker.getTypeArguments(type as TS.TypeReference)) visit(arg, "");
    return undefined;
  }
  if (type.getCallSignatures().length || type.getConstructSignatures().length) return { construct: "a function type", fix: "remove it from the contract: only data crosses the wire" };
  const symbolName = (type.aliasSymbol ?? type.getSymbol())?.getName() ?? "";
  const declaredInLib = (type.getSymbol()?.getDeclarations() ?? []).some((d) => /[\\/]node_modules[\\/]|[\\/]lib\.[^\\/]*\.d\.ts$/.test(d.getSourceFile().fileName));
  if (declaredInLib && LIB_CLASSES.test(symbolName)) {
    return { construct: `the built-in class \`${symbolName}\``, fix: symbolName === "Date" ? "use `string` with `@format date-time`" : "use a plain interface, an array or a `Record<string, T>`" };
  }
  for (const info of checker.getIndexInfosOfType(type)) {
    if (!(info.keyType.flags & ts.TypeFlags.String)) return { construct: `an index signature keyed by \`${checker.typeToString(info.keyType)}\``, fix: "key it by `string`: JSON object keys are strings" };
    if (info.type.flags & ts.TypeFlags.Union && (info.type as TS.UnionType).types.some((t) => t.flags & ts.TypeFlags.Undefined)) {
      return { construct: "`undefined` in an index signature's values (as `Partial<Record<string, T>>` makes)", fix: "use `Record<string, T>`: a key left out already means no value, and JSON cannot send undefined" };
    }
    visit(info.type, "[key: string]", info.declaration);
  }
  for (const property of checker.getPropertiesOfType(type)) {
    const declaration = property.valueDeclaration ?? property.declarations?.[0];
    const name = property.getName();
    if (name.startsWith("__@")) return { construct: "a symbol-keyed member", fix: "JSON keys are strings: use a string key" };
    if (declaration && (ts.isMethodSignature(declaration) || ts.isMethodDeclaration(declaration))) {
      visit(checker.getTypeOfSymbol(property), name, declaration); // names the member in the message
    }
    const memberType = checker.getTypeOfSymbol(property);
    // An optional member's `undefined` is how TS spells "absent", not a value.
    const optional = (property.flags & ts.SymbolFlags.Optional) !== 0 && (memberType.flags & ts.TypeFlags.Union) !== 0;
    if (optional) for (const t of (memberType as TS.UnionType).types) if (!(t.flags & ts.TypeFlags.Undefined)) visit(t, name, declaration);
    if (!optional) visit(memberType, name, declaration);
  }
  return undefined;
}

/** `Partial<string[]>` is `(string | undefined)[]`: JSON.stringify writes such an element as null. */
function undefinedElementsOf(checker: TS.TypeChecker, type: TS.Type): Finding | undefined {
  if (!checker.isArrayType(type)) return undefined;
  const element = checker.getTypeArguments(type as TS.TypeReference)[0];
  if (!element || !(element.flags & ts.TypeFlags.Union) || !(element as TS.UnionType).types.some((t) => t.flags & ts.TypeFlags.Undefined)) return undefined;
  const defined = (element as TS.UnionType).types.filter((t) => !(t.flags & ts.TypeFlags.Undefined)).map((t) => checker.typeToString(t));
  const one = defined.length === 1 ? defined[0]! : `(${defined.join(" | ")})`;
  return {
    construct: `an array whose elements may be \`undefined\` (\`${checker.typeToString(type)}\`, as \`Partial<T[]>\` makes)`,
    fix: `JSON has no undefined (JSON.stringify writes such an element as null): write \`${one}[]\`, or \`(${defined.join(" | ")} | null)[]\` if an element may be missing`,
  };
}
