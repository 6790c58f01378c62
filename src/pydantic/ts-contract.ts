/**
 * A TypeScript contract module → draft-07 definitions (ts-json-schema-generator over the consumer's
 * tsconfig), after the types were checked for what Pydantic cannot hold.
 */
import { dirname } from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import { DEFAULT_CONFIG, SchemaGenerator, createFormatter, createParser, type ChainNodeParser, type CompletedConfig } from "ts-json-schema-generator";
import { UsageError, errorMessage } from "../errors.js";
import type { Mirror } from "./mirror.js";
import { ArrayMappedTypeParser } from "./mapped-arrays.js";
import { NonNullableParser } from "./non-nullable.js";
import type { JsonSchemaObject } from "./schema-types.js";
import { contractProgram } from "./ts-program.js";
import { assertExpressible } from "./unsupported.js";

export interface TsContract {
  definitions: Record<string, JsonSchemaObject>;
  /** The contract and every local (non-library) file its program reads, tsconfig (and what it extends) included. */
  files: string[];
}

const TYPE_DECLARATION = (d: TS.Declaration) => ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d) || ts.isEnumDeclaration(d) || ts.isClassDeclaration(d);

export function readTsContract(contract: string, options: { types?: readonly string[] | undefined; tsconfig?: string | undefined; mirror?: Mirror | undefined }): TsContract {
  const { program, source, tsconfig, files } = contractProgram(contract, options);
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
  const root = dirname(tsconfig ?? contract);
  assertExpressible(program, declarations, root);
  const config: CompletedConfig = { ...DEFAULT_CONFIG, tsProgram: program, expose: "export", topRef: true, jsDoc: "extended", sortProps: false, additionalProperties: false, skipTypeCheck: true, encodeRefs: false, functions: "fail", strictTuples: true };
  // The augmentor is handed the chain itself, typed as only mutable; parsers added here come first.
  const parser = createParser(program, config, (chain) => {
    chain.addNodeParser(new ArrayMappedTypeParser(chain as ChainNodeParser, program.getTypeChecker(), root, config.additionalProperties));
    chain.addNodeParser(new NonNullableParser(chain as ChainNodeParser));
  });
  const generator = new SchemaGenerator(program, parser, createFormatter(config), config);
  let schema: { definitions?: Record<string, JsonSchemaObject> };
  try {
    schema = generator.createSchemaFromNodes(declarations as TS.Node[]) as typeof schema;
  } catch (error) {
    const refused = usageErrorIn(error);
    if (refused) throw refused;
    throw new UsageError(`ts-json-schema-generator could not read ${contract}: ${errorMessage(error)}`, "simplify the type it names to interfaces, type aliases, unions and literals");
  }
  return { definitions: schema.definitions ?? {}, files };
}

/** A refusal thrown from inside the generator's parser comes back wrapped as the cause of its error. */
function usageErrorIn(error: unknown): UsageError | undefined {
  for (let e = error; e instanceof Error; e = e.cause) if (e instanceof UsageError) return e;
  return undefined;
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
