import { resolve } from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import type { Change } from "../diff/types.js";
import { declarationPath, symbolsAt } from "./attribute.js";

/** A call site that still compiles but uses a declaration whose change can break or misbehave at run time. */
export interface RuntimeRisk {
  file: string;
  line: number;
  column: number;
  source: string;
  change: Change;
}

/**
 * Every use of a model property that a runtime-relevant change touched, in the consumer's own
 * files of `program` (the one with the regenerated files): the call sites `tsc` will not flag.
 * Properties are matched by model and name, `Item-Input` / `Item-Output` counting as `Item`,
 * as the diff reports them, or by a changed model they are typed with (an enum gaining a value).
 */
export function runtimeRisks(program: TS.Program, changes: Change[], isGenerated: (file: string) => boolean): RuntimeRisk[] {
  const risky = new Map<string, Change>();
  for (const change of changes) if (change.verdict.runtime !== "safe" && change.level !== "info") risky.set(change.location, change);
  if (risky.size === 0) return [];
  const checker = program.getTypeChecker();
  const risks: RuntimeRisk[] = [];
  for (const source of program.getSourceFiles()) {
    if (source.isDeclarationFile || program.isSourceFileFromExternalLibrary(source) || isGenerated(resolve(source.fileName))) continue;
    const visit = (node: TS.Node) => {
      const use = ts.isIdentifier(node) ? propertyUse(node) : undefined;
      if (use) {
        const change = changeUsedAt(checker, node as TS.Identifier, risky, isGenerated);
        // A response change matters where a value is read; a request change where one is written.
        if (change && change.direction !== (use === "read" ? "request" : "response")) risks.push(riskAt(source, node, change));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return risks;
}

/** Whether an identifier reads a property (`x.stage`, `{ stage } = x`) or writes one (`{ stage: "a" }`). */
function propertyUse(node: TS.Identifier): "read" | "write" | undefined {
  const parent = node.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === node) return "read";
  if (ts.isBindingElement(parent) && (parent.propertyName ?? parent.name) === node) return "read";
  if ((ts.isPropertyAssignment(parent) && parent.name === node) || ts.isShorthandPropertyAssignment(parent)) return "write";
  return undefined;
}

function changeUsedAt(checker: TS.TypeChecker, node: TS.Identifier, risky: Map<string, Change>, isGenerated: (file: string) => boolean): Change | undefined {
  const target = ts.isPropertyAccessExpression(node.parent) ? node : node.parent;
  for (const symbol of symbolsAt(checker, target)) {
    for (const declaration of symbol.declarations ?? []) {
      if (!isGenerated(resolve(declaration.getSourceFile().fileName))) continue;
      const [root, kind, model, ...rest] = declarationPath(declaration);
      if (root !== "components" || kind !== "schemas" || !model) continue;
      const change = risky.get([model.replace(/-(Input|Output)$/, ""), ...rest].join(".")) ?? modelTypeChange(declaration, risky);
      if (change) return change;
    }
  }
  return undefined;
}

/** A property whose declared type is a changed model (`stage: components["schemas"]["DealStage"]`). */
function modelTypeChange(declaration: TS.Declaration, risky: Map<string, Change>): Change | undefined {
  if (!ts.isPropertySignature(declaration) || !declaration.type) return undefined;
  const models = [...declaration.type.getText().matchAll(/\["schemas"\]\["([^"]+?)(?:-Input|-Output)?"\]/g)].map((m) => m[1]!);
  for (const model of models) {
    const change = risky.get(model);
    if (change) return change;
  }
  return undefined;
}

function riskAt(source: TS.SourceFile, node: TS.Node, change: Change): RuntimeRisk {
  const start = node.getStart(source);
  const { line, character } = source.getLineAndCharacterOfPosition(start);
  const text = source.text.slice(source.getPositionOfLineAndCharacter(line, 0), source.getLineEndOfPosition(start)).trim();
  return { file: source.fileName, line: line + 1, column: character + 1, source: text, change };
}
