import { resolve } from "node:path";
import type { Change } from "../../diff/types.js";
import type { Attribution } from "../attribute.js";
import type { RuntimeRisk } from "../references.js";

/** The part of TypeScript 7's syntax tree (`typescript/unstable/ast`) the analysis reads. */
export interface NativeNode {
  readonly kind: number;
  readonly pos: number;
  readonly end: number;
  readonly parent: NativeNode;
  readonly name?: NativeNode;
  readonly propertyName?: NativeNode;
  readonly type?: NativeNode;
  readonly text?: string;
  forEachChild<T>(visitor: (node: NativeNode) => T): T | undefined;
}
interface NativeSourceFile extends NativeNode {
  readonly text: string;
}
interface NodeHandle {
  readonly path: string;
  resolve(project?: NativeProject): NativeNode | undefined;
}
interface NativeSymbol {
  readonly flags: number;
  readonly declarations: readonly NodeHandle[];
}
interface NativeChecker {
  getSymbolAtLocation(nodes: readonly NativeNode[]): (NativeSymbol | undefined)[];
  getAliasedSymbol(symbol: NativeSymbol): NativeSymbol;
  getContextualType(node: NativeNode): object | undefined;
  getNonNullableType(type: object): object | undefined;
  getPropertyOfType(type: object, name: string): NativeSymbol | undefined;
}
/** One project of a tsgo snapshot: its program and checker. */
export interface NativeProject {
  readonly program: { getSourceFile(file: string): NativeSourceFile | undefined };
  readonly checker: NativeChecker;
}
/** What the analysis needs of the consumer's own TypeScript 7 install. */
export interface NativeSyntax {
  SyntaxKind: Record<string, number>;
  aliasFlag: number;
  skipTrivia(text: string, pos: number): number;
}

const MAX_ANCESTORS = 6;
const NAMED_DECLARATIONS = ["PropertySignature", "MethodSignature", "MethodDeclaration", "PropertyDeclaration", "InterfaceDeclaration",
  "TypeAliasDeclaration", "FunctionDeclaration", "ClassDeclaration", "VariableDeclaration"];

/**
 * The call-site questions of attribute.ts and references.ts, asked of tsgo's own checker
 * (TypeScript 7) instead of a second, bundled program: the same walk over the same syntax, so the
 * answers match, without parsing the project and its libraries again in JavaScript. On the
 * examples' node-app (bench/check.mjs) that took check's call-site phase from 1.23 s to 0.55 s,
 * beside 1.07 s for the project's own `tsc --noEmit`.
 */
export class NativeAnalysis {
  readonly #syntax: NativeSyntax;
  readonly #kinds: Set<number>;

  constructor(syntax: NativeSyntax) {
    this.#syntax = syntax;
    this.#kinds = new Set(NAMED_DECLARATIONS.map((k) => syntax.SyntaxKind[k]!));
  }

  /** Which generated declaration the call site at `position` used, asked of `project` (the one before the overlay). */
  attribute(project: NativeProject, fileName: string, position: number, isGenerated: (file: string) => boolean): Attribution | undefined {
    const source = project.program.getSourceFile(fileName);
    if (!source) return undefined;
    const nodes: NativeNode[] = [];
    for (let node: NativeNode | undefined = this.#tokenAt(source, position); node && nodes.length < MAX_ANCESTORS; node = node.parent) nodes.push(node);
    const direct = project.checker.getSymbolAtLocation(nodes);
    for (const [i, node] of nodes.entries()) {
      for (const symbol of this.#symbolsAt(project, node, direct[i])) {
        for (const handle of symbol.declarations) {
          const file = resolve(handle.path);
          const declaration = isGenerated(file) ? handle.resolve(project) : undefined;
          if (declaration) return { file, path: this.#declarationPath(declaration) };
        }
      }
    }
    return undefined;
  }

  /** references.ts' `runtimeRisks`, over `files` of `project` (the one with the regenerated files). */
  runtimeRisks(project: NativeProject, files: readonly string[], changes: Change[], isGenerated: (file: string) => boolean): RuntimeRisk[] {
    const risky = new Map<string, Change>();
    for (const change of changes) if (change.verdict.runtime !== "safe" && change.level !== "info") risky.set(change.location, change);
    if (risky.size === 0) return [];
    const { SyntaxKind } = this.#syntax;
    const risks: RuntimeRisk[] = [];
    for (const file of files) {
      const source = project.program.getSourceFile(file);
      if (!source) continue;
      const uses: { node: NativeNode; target: NativeNode; use: "read" | "write" }[] = [];
      const visit = (node: NativeNode): undefined => {
        const use = node.kind === SyntaxKind.Identifier ? this.#propertyUse(node) : undefined;
        if (use) uses.push({ node, target: node.parent.kind === SyntaxKind.PropertyAccessExpression ? node : node.parent, use });
        node.forEachChild(visit);
      };
      visit(source);
      // One round trip for every use in the file: the checker lives in another process.
      const direct = uses.length > 0 ? project.checker.getSymbolAtLocation(uses.map((u) => u.target)) : [];
      for (const [i, { node, target, use }] of uses.entries()) {
        const change = this.#changeUsedAt(project, target, direct[i], risky, isGenerated);
        // A response change matters where a value is read; a request change where one is written.
        if (change && change.direction !== (use === "read" ? "request" : "response")) risks.push(this.#riskAt(source, file, node, change));
      }
    }
    return risks;
  }

  #start(source: NativeSourceFile, node: NativeNode): number {
    return this.#syntax.skipTrivia(source.text, node.pos);
  }

  #tokenAt(source: NativeSourceFile, position: number): NativeNode | undefined {
    const find = (node: NativeNode): NativeNode | undefined =>
      position >= this.#start(source, node) && position < node.end ? (node.forEachChild(find) ?? node) : undefined;
    return find(source);
  }

  /** attribute.ts' `symbolsAt`: the symbol a node names, and for object-literal keys the property of their contextual type. */
  #symbolsAt(project: NativeProject, node: NativeNode, direct: NativeSymbol | undefined): NativeSymbol[] {
    const { SyntaxKind } = this.#syntax;
    const { checker } = project;
    const symbols: NativeSymbol[] = [];
    if (direct) symbols.push(direct.flags & this.#syntax.aliasFlag ? checker.getAliasedSymbol(direct) : direct);
    if ((node.kind === SyntaxKind.PropertyAssignment || node.kind === SyntaxKind.ShorthandPropertyAssignment) && node.parent.kind === SyntaxKind.ObjectLiteralExpression) {
      const contextual = checker.getContextualType(node.parent);
      const nonNullable = contextual && checker.getNonNullableType(contextual);
      const property = nonNullable && node.name ? checker.getPropertyOfType(nonNullable, this.#nameOf(node.name)) : undefined;
      if (property) symbols.push(property);
    }
    return symbols;
  }

  #propertyUse(node: NativeNode): "read" | "write" | undefined {
    const { SyntaxKind } = this.#syntax;
    const parent = node.parent;
    if (parent.kind === SyntaxKind.PropertyAccessExpression && parent.name === node) return "read";
    if (parent.kind === SyntaxKind.BindingElement && (parent.propertyName ?? parent.name) === node) return "read";
    if ((parent.kind === SyntaxKind.PropertyAssignment && parent.name === node) || parent.kind === SyntaxKind.ShorthandPropertyAssignment) return "write";
    return undefined;
  }

  #changeUsedAt(project: NativeProject, target: NativeNode, direct: NativeSymbol | undefined, risky: Map<string, Change>, isGenerated: (file: string) => boolean): Change | undefined {
    for (const symbol of this.#symbolsAt(project, target, direct)) {
      for (const handle of symbol.declarations) {
        if (!isGenerated(resolve(handle.path))) continue;
        const declaration = handle.resolve(project);
        if (!declaration) continue;
        const [root, kind, model, ...rest] = this.#declarationPath(declaration);
        if (root !== "components" || kind !== "schemas" || !model) continue;
        const change = risky.get([model.replace(/-(Input|Output)$/, ""), ...rest].join(".")) ?? this.#modelTypeChange(declaration, risky);
        if (change) return change;
      }
    }
    return undefined;
  }

  /** references.ts' `modelTypeChange`: a property typed with a changed model. */
  #modelTypeChange(declaration: NativeNode, risky: Map<string, Change>): Change | undefined {
    if (declaration.kind !== this.#syntax.SyntaxKind.PropertySignature || !declaration.type) return undefined;
    const text = this.#textOf(declaration.type);
    for (const match of text.matchAll(/\["schemas"\]\["([^"]+?)(?:-Input|-Output)?"\]/g)) {
      const change = risky.get(match[1]!);
      if (change) return change;
    }
    return undefined;
  }

  /** attribute.ts' `declarationPath`: `components.schemas.Estimate.customer`. */
  #declarationPath(declaration: NativeNode): string[] {
    const path: string[] = [];
    for (let node: NativeNode | undefined = declaration; node && node.kind !== this.#syntax.SyntaxKind.SourceFile; node = node.parent) {
      if (this.#kinds.has(node.kind) && node.name) path.unshift(this.#nameOf(node.name));
    }
    return path;
  }

  #nameOf(name: NativeNode): string {
    return name.text ?? this.#textOf(name);
  }

  #textOf(node: NativeNode): string {
    let source = node;
    while (source.kind !== this.#syntax.SyntaxKind.SourceFile) source = source.parent;
    const text = (source as NativeSourceFile).text;
    return text.slice(this.#syntax.skipTrivia(text, node.pos), node.end);
  }

  #riskAt(source: NativeSourceFile, file: string, node: NativeNode, change: Change): RuntimeRisk {
    const start = this.#start(source, node);
    const lineStart = source.text.lastIndexOf("\n", start - 1) + 1;
    const lineEnd = source.text.indexOf("\n", start);
    const line = source.text.slice(0, lineStart).split("\n").length;
    const text = source.text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).replace(/\r$/, "").trim();
    return { file, line, column: start - lineStart + 1, source: text, change };
  }
}
