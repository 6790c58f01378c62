/**
 * The TypeScript program a contract module is read with, and the files it is made of: what the
 * generator reads types from, and what watch mode and the pre-commit hook take as the contract
 * (without paying for the schema generator or Python when only the files are wanted).
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type TS from "typescript";
import ts from "../typescript.js";
import { UsageError } from "../errors.js";
import { inCopy, type Mirror } from "./mirror.js";

export interface ContractProgram {
  program: TS.Program;
  source: TS.SourceFile;
  /** The tsconfig used, when one was found. */
  tsconfig: string | undefined;
  /** The contract and every local (non-library) file its program reads, the tsconfig and the local ones it extends included; sorted. */
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
 * By its real path (TypeScript names a file so unless `preserveSymlinks`): a monorepo's workspace
 * package, reached through a `node_modules` link, is the project's own source, and a staged edit
 * to it changes the contract as much as one to a relative import.
 */
const local = (file: string) => !/[\\/]node_modules[\\/]/.test(file);

/** How the program reads files: as they are, or (in a mirror) as the copy has them (see `mirroredFiles`). */
interface FileReader {
  readFile(file: string): string | undefined;
  fileExists(file: string): boolean;
}

/**
 * In a copy of the project (the hook's staged tree), a project file reached by its real path (a
 * workspace package, or a tsconfig one provides, behind the copy's link to the project's
 * `node_modules`) is read from the copy when the copy has it: the staged version, not the working tree's.
 */
function mirroredFiles(mirror: Mirror | undefined): FileReader {
  if (!mirror) return ts.sys;
  const staged = (file: string) => {
    const copy = local(file) ? inCopy(mirror, file) : file;
    return copy !== file && existsSync(copy) ? copy : file;
  };
  return { readFile: (file) => ts.sys.readFile(staged(file)), fileExists: (file) => ts.sys.fileExists(staged(file)) };
}

/** A compiler host whose every read goes through `files` (its `getSourceFile` calls the host's own `readFile`). */
function hostReading(options: TS.CompilerOptions, files: FileReader): TS.CompilerHost {
  const host = ts.createCompilerHost(options);
  host.readFile = files.readFile;
  host.fileExists = files.fileExists;
  return host;
}

/**
 * The consumer's options, minus what a contract never needs and costs most of the start-up: ambient
 * `@types` packages and the DOM libs (a contract type using either is refused anyway, since a class
 * instance is not JSON). Also the configs `tsconfig` extends: they decide the options as much as it does.
 */
function compilerOptions(tsconfig: string | undefined, files: FileReader): { options: TS.CompilerOptions; configs: string[] } {
  let options: TS.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true };
  const configs: string[] = [];
  if (tsconfig) {
    const read = ts.readConfigFile(tsconfig, files.readFile);
    if (read.error) throw new UsageError(`${tsconfig}: ${ts.flattenDiagnosticMessageText(read.error.messageText, " ")}`, "fix the tsconfig, or pass another with --tsconfig");
    // Parsed from its source file (not the plain object) so that the files it extends are recorded on it.
    const json = ts.readJsonConfigFile(tsconfig, files.readFile);
    options = ts.parseJsonSourceFileConfigFileContent(json, { ...ts.sys, readFile: files.readFile, fileExists: files.fileExists }, dirname(tsconfig), undefined, tsconfig).options;
    configs.push(tsconfig, ...(json.extendedSourceFiles ?? []).filter(local));
  }
  const lib = (options.lib ?? [ts.getDefaultLibFileName(options).replace(".full.d.ts", ".d.ts")]).filter((name) => !/^lib\.(dom|webworker|scripthost)/i.test(name));
  return { options: { ...options, lib, types: [], noEmit: true, strict: true }, configs };
}

export function contractProgram(contract: string, options: { tsconfig?: string | undefined; mirror?: Mirror | undefined } = {}): ContractProgram {
  const tsconfig = options.tsconfig ?? findTsconfig(contract);
  const files = mirroredFiles(options.mirror);
  const { options: compiler, configs } = compilerOptions(tsconfig, files);
  const program = ts.createProgram({ rootNames: [contract], options: compiler, ...(options.mirror ? { host: hostReading(compiler, files) } : {}) });
  const source = program.getSourceFile(contract);
  if (!source) throw new UsageError(`contract ${contract} could not be read as TypeScript`, "pass a .ts, .mts or .d.ts module");
  const read = program.getSourceFiles().filter((f) => !program.isSourceFileDefaultLibrary(f) && local(f.fileName)).map((f) => f.fileName);
  return { program, source, tsconfig, files: [...new Set([...read, ...configs])].sort() };
}

/**
 * Where each relative import no file answers would be found: a contract whose import stopped
 * resolving (the file deleted, or staged as deleted) is still concerned by that path, so that
 * committing the deletion re-checks it instead of passing unseen.
 */
export function unresolvedImports(program: TS.Program, files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    for (const statement of source.statements) {
      const literal = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier : undefined;
      if (!literal?.text.startsWith(".")) continue;
      // In the mode the program resolved it (an ES module needs the extension a CommonJS one may leave out).
      const mode = ts.getModeForUsageLocation(source, literal, program.getCompilerOptions());
      if (ts.resolveModuleName(literal.text, file, program.getCompilerOptions(), ts.sys, undefined, undefined, mode).resolvedModule) continue;
      const base = resolve(dirname(file), literal.text).replace(/\.[cm]?[jt]sx?$/, "");
      found.push(...[".ts", ".tsx", ".d.ts", ".mts", ".cts"].map((ext) => base + ext), join(base, "index.ts"));
    }
  }
  return found;
}
