/**
 * A TypeScript contract module → draft-07 definitions (ts-json-schema-generator over the consumer's
 * tsconfig), after the types were checked for what Pydantic cannot hold.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import { createGenerator } from "ts-json-schema-generator";
import { UsageError, errorMessage } from "../errors.js";
import type { JsonSchemaObject } from "./schema-types.js";
import { assertExpressible } from "./unsupported.js";

export interface TsContract {
  definitions: Record<string, JsonSchemaObject>;
  /** The contract and every local (non-library) file its program reads, tsconfig included. */
  files: string[];
}

export function findTsconfig(contract: string): string | undefined {
  for (let dir = dirname(contract); ; dir = dirname(dir)) {
    const candidate = join(dir, "tsconfig.json");
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * The consumer's options, minus what a contract never needs and costs most of the start-up: ambient
 * `@types` packages and the DOM libs (a contract type using either is refused anyway, since a class
 * instance is not JSON).
 */
function compilerOptions(tsconfig: string | undefined): TS.CompilerOptions {
  let options: TS.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true };
  if (tsconfig) {
    const read = ts.readConfigFile(tsconfig, ts.sys.readFile);
    if (read.error) throw new UsageError(`${tsconfig}: ${ts.flattenDiagnosticMessageText(read.error.messageText, " ")}`, "fix the tsconfig, or pass another with --tsconfig");
    options = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(tsconfig), undefined, tsconfig).options;
  }
  const lib = (options.lib ?? [ts.getDefaultLibFileName(options).replace(".full.d.ts", ".d.ts")]).filter((name) => !/^lib\.(dom|webworker|scripthost)/i.test(name));
  return { ...options, lib, types: [], noEmit: true, strict: true };
}

const TYPE_DECLARATION = (d: TS.Declaration) => ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d) || ts.isEnumDeclaration(d) || ts.isClassDeclaration(d);

export function readTsContract(contract: string, options: { types?: readonly string[] | undefined; tsconfig?: string | undefined }): TsContract {
  const tsconfig = options.tsconfig ?? findTsconfig(contract);
  const program = ts.createProgram([contract], compilerOptions(tsconfig));
  const source = program.getSourceFile(contract);
  if (!source) throw new UsageError(`contract ${contract} could not be read as TypeScript`, "pass a .ts, .mts or .d.ts module");
  const syntax = program.getSyntacticDiagnostics(source);
  if (syntax.length) {
    const first = syntax[0]!;
    const { line } = source.getLineAndCharacterOfPosition(first.start ?? 0);
    throw new UsageError(`${contract}:${line + 1}: ${ts.flattenDiagnosticMessageText(first.messageText, " ")}`, "fix the contract's syntax");
  }
  const exported = exportedDeclarations(program, source);
  const wanted = options.types?.length ? options.types : [...exported.keys()];
  const declarations = wanted.map((name) => {
    const declaration = exported.get(name);
    if (!declaration) throw new UsageError(`contract ${contract} exports no type "${name}"`, `exported types: ${[...exported.keys()].join(", ") || "none"}`);
    return declaration;
  });
  if (!declarations.length) throw new UsageError(`contract ${contract} exports no interface, type alias or enum`, "export the types the service implements");
  assertExpressible(program, declarations, dirname(tsconfig ?? contract));
  const generator = createGenerator({ tsProgram: program, expose: "export", topRef: true, jsDoc: "extended", sortProps: false, additionalProperties: false, skipTypeCheck: true, encodeRefs: false, functions: "fail", strictTuples: true });
  let schema: { definitions?: Record<string, JsonSchemaObject> };
  try {
    schema = generator.createSchemaFromNodes(declarations as TS.Node[]) as typeof schema;
  } catch (error) {
    throw new UsageError(`ts-json-schema-generator could not read ${contract}: ${errorMessage(error)}`, "simplify the type it names to interfaces, type aliases, unions and literals");
  }
  const files = program.getSourceFiles().filter((f) => !program.isSourceFileDefaultLibrary(f) && !program.isSourceFileFromExternalLibrary(f) && !/[\\/]node_modules[\\/]/.test(f.fileName)).map((f) => f.fileName);
  if (tsconfig) files.push(tsconfig);
  return { definitions: schema.definitions ?? {}, files: [...new Set(files)].sort() };
}

/** Exported type declarations of the module, in source order, re-exports followed to their declaration. */
function exportedDeclarations(program: TS.Program, source: TS.SourceFile): Map<string, TS.Declaration> {
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(source);
  const found = new Map<string, TS.Declaration>();
  if (!moduleSymbol) return found;
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const declaration = target.getDeclarations()?.find(TYPE_DECLARATION);
    if (declaration) found.set(symbol.getName(), declaration);
  }
  return found;
}
