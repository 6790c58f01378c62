import { resolve } from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";

/** Where a broken call site's symbol was declared in the committed generated files. */
export interface Attribution {
  /** Absolute path of the generated file that declared it. */
  file: string;
  /** Property path inside that file, e.g. `["components", "schemas", "Estimate", "customer"]`. */
  path: string[];
}

const MAX_ANCESTORS = 6;

/**
 * Finds which generated declaration a new diagnostic is about, by asking the committed
 * (pre-overlay) program what the symbol at the call site meant: the call site did not move,
 * only the declaration under it changed or disappeared.
 */
export function attributeDiagnostic(
  program: TS.Program,
  fileName: string,
  position: number,
  isGenerated: (file: string) => boolean,
): Attribution | undefined {
  const source = program.getSourceFile(fileName);
  if (!source) return undefined;
  const checker = program.getTypeChecker();
  let node: TS.Node | undefined = tokenAt(source, position);
  for (let depth = 0; node && depth < MAX_ANCESTORS; depth++, node = node.parent) {
    for (const symbol of symbolsAt(checker, node)) {
      for (const declaration of symbol.declarations ?? []) {
        const file = resolve(declaration.getSourceFile().fileName);
        if (isGenerated(file)) return { file, path: declarationPath(declaration) };
      }
    }
  }
  return undefined;
}

function tokenAt(source: TS.SourceFile, position: number): TS.Node | undefined {
  const find = (node: TS.Node): TS.Node | undefined =>
    position >= node.getStart(source) && position < node.getEnd() ? (ts.forEachChild(node, find) ?? node) : undefined;
  return find(source);
}

/** The symbol a node names, and for object-literal keys the property of the type they are checked against. */
export function symbolsAt(checker: TS.TypeChecker, node: TS.Node): TS.Symbol[] {
  const symbols: TS.Symbol[] = [];
  const direct = checker.getSymbolAtLocation(node);
  if (direct) symbols.push(direct.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(direct) : direct);
  if ((ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) && ts.isObjectLiteralExpression(node.parent)) {
    const contextual = checker.getContextualType(node.parent);
    const property = contextual?.getNonNullableType().getProperty(node.name.getText());
    if (property) symbols.push(property);
  }
  return symbols;
}

/** `components.schemas.Estimate.customer` for a property declared inside openapi-typescript's nested types. */
export function declarationPath(declaration: TS.Declaration): string[] {
  const path: string[] = [];
  for (let node: TS.Node | undefined = declaration; node && !ts.isSourceFile(node); node = node.parent) {
    if ((ts.isPropertySignature(node) || ts.isMethodSignature(node) || ts.isMethodDeclaration(node) ||
      ts.isPropertyDeclaration(node) || ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) ||
      ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node) || ts.isVariableDeclaration(node)) && node.name) {
      path.unshift(propertyName(node.name));
    }
  }
  return path;
}

function propertyName(name: TS.Node): string {
  return ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isIdentifier(name) || ts.isPrivateIdentifier(name) ? name.text : name.getText();
}
