import { dirname, resolve } from "node:path";
import type TS from "typescript";
import bundled from "../typescript.js";
import { ConfigError } from "../errors.js";
import { freshBy } from "./fresh.js";

/** A TypeScript JS compiler API: the bundled one, or a consumer's 5.x/6.x loaded from its project. */
export type TypeScriptModule = typeof bundled;

/** One compiler diagnostic at a consumer call site. */
export interface CallSiteDiagnostic {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  code: number;
  message: string;
  /** The source line, trimmed, for the report. */
  source: string;
  /** Position in the file, to find the node at the call site. */
  start: number;
}

/** Files to see instead of the disk: new content, or `null` for "deleted". */
export type Overlay = ReadonlyMap<string, string | null>;

/**
 * The consumer project (its own tsconfig) type-checked with an in-memory overlay of generated
 * files, so regenerated clients are checked before anything is written. Each check reuses the
 * previous program: files that did not change are not parsed again (this is what keeps watch warm).
 * `ts` is the compiler that judges: the bundled one unless the consumer's own is given.
 */
export class ConsumerProject {
  readonly tsconfig: string;
  readonly #ts: TypeScriptModule;
  readonly #parsed: TS.ParsedCommandLine;
  #program: TS.Program | undefined;
  /** Parsed files by path, reused while their text is unchanged (lib.d.ts alone is most of a cold check). */
  readonly #sourceFiles = new Map<string, TS.SourceFile>();

  /**
   * `analysis`: a program only asked what call sites use (never judged), whose libraries shrink
   * to ECMAScript alone: DOM and `@types` are most of its cost and declare nothing generated.
   */
  constructor(tsconfig: string, ts: TypeScriptModule = bundled, { analysis = false } = {}) {
    this.tsconfig = resolve(tsconfig);
    this.#ts = ts;
    const diagnostics: TS.Diagnostic[] = [];
    const parsed = ts.getParsedCommandLineOfConfigFile(this.tsconfig, { noEmit: true }, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => diagnostics.push(d),
    });
    if (!parsed || diagnostics.length > 0) {
      const reason = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, " ")).join("; ");
      throw new ConfigError(`typecheck.tsconfig: cannot read ${this.tsconfig}: ${reason || "unknown error"}`);
    }
    // A tsconfig that is not valid JSON, or extends itself or a missing file, makes `tsc -p` fail;
    // read as far as it goes it would list no files, and every call site would pass unchecked.
    // Options only another TypeScript knows are left to the compiler that judges.
    const unreadable = parsed.errors.filter((d) => d.code < 2000 || d.code === 5083 || d.code === 6053 || d.code === 18000);
    if (unreadable.length > 0) {
      const shown = unreadable.slice(0, 3).map((d) => {
        const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
        return `${at ? `${d.file!.fileName}:${at.line + 1}:${at.character + 1}: ` : ""}${ts.flattenDiagnosticMessageText(d.messageText, " ")} (TS${d.code})`;
      });
      throw new ConfigError(`typecheck.tsconfig: ${this.tsconfig} cannot be read: ${shown.join("; ")}${unreadable.length > 3 ? `; and ${unreadable.length - 3} more` : ""}`, {
        hint: `fix it until \`tsc -p ${this.tsconfig}\` reads it`,
      });
    }
    this.#parsed = analysis ? { ...parsed, options: { ...parsed.options, lib: ["lib.esnext.d.ts"], types: [], skipLibCheck: true } } : parsed;
  }

  /** The project's own source files, as its tsconfig lists them. */
  get fileNames(): readonly string[] {
    return this.#parsed.fileNames;
  }

  /** The program of the last `check()` or `load()`, to ask what a symbol meant before the overlay. */
  get program(): TS.Program | undefined {
    return this.#program;
  }

  /** The program as it is with `overlay` applied, without type-checking it (the checker answers lazily). */
  load(overlay: Overlay = new Map()): TS.Program {
    const host = overlayHost(this.#ts, this.#parsed.options, overlay, this.#sourceFiles);
    // New generated files need not be roots: the generated index imports them.
    const roots = this.#parsed.fileNames.filter((f) => overlay.get(resolve(f)) !== null);
    this.#program = this.#ts.createProgram({
      rootNames: roots,
      options: this.#parsed.options,
      host,
      ...(this.#program ? { oldProgram: this.#program } : {}),
      projectReferences: this.#parsed.projectReferences ?? [],
    });
    return this.#program;
  }

  /** Syntactic and semantic diagnostics of the project's own files (but `skip`), as they would be with `overlay` applied. */
  check(overlay: Overlay = new Map(), skip: (file: string) => boolean = () => false): CallSiteDiagnostic[] {
    // Only the project's own files: library declarations (lib.dom.d.ts, @types/node) cannot hold a
    // call site, and checking them is most of a full tsc run when skipLibCheck is off.
    const program = this.load(overlay);
    // `skip` leaves out generated files too: they are checked where a call site uses them.
    const own = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !program.isSourceFileFromExternalLibrary(f) && !skip(resolve(f.fileName)));
    return [
      ...program.getOptionsDiagnostics(),
      ...own.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]),
    ].flatMap((d) => toCallSite(this.#ts, d));
  }
}

function overlayHost(ts: TypeScriptModule, options: TS.CompilerOptions, overlay: Overlay, cache: Map<string, TS.SourceFile>): TS.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.readFile = (file) => (overlay.has(resolve(file)) ? (overlay.get(resolve(file)) ?? undefined) : read(file));
  host.fileExists = (file) => (overlay.has(resolve(file)) ? overlay.get(resolve(file)) !== null : exists(file));
  // A folder of new generated files exists before it is written: module resolution asks first.
  const folders = new Set([...overlay].filter(([, text]) => text !== null).flatMap(([file]) => ancestors(file)));
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (dir) => folders.has(resolve(dir)) || (directoryExists?.(dir) ?? true);
  host.getSourceFile = (file, language) => {
    const text = host.readFile(file);
    if (text === undefined) return undefined;
    const cached = cache.get(file);
    if (cached?.text === text) return cached;
    const created = ts.createSourceFile(file, text, language, true);
    cache.set(file, created);
    return created;
  };
  return host;
}

function ancestors(file: string): string[] {
  const dirs: string[] = [];
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) dirs.push(dir);
  return dirs;
}

function toCallSite(ts: TypeScriptModule, diagnostic: TS.Diagnostic): CallSiteDiagnostic[] {
  const { file, start } = diagnostic;
  if (!file || start === undefined) return [];
  const { line, character } = file.getLineAndCharacterOfPosition(start);
  const lineStart = file.getPositionOfLineAndCharacter(line, 0);
  const lineEnd = file.getLineEndOfPosition(start);
  return [{
    file: file.fileName,
    line: line + 1,
    column: character + 1,
    code: diagnostic.code,
    message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
    source: file.text.slice(lineStart, lineEnd).trim(),
    start,
  }];
}

/**
 * Diagnostics present with the overlay and not without it: what the regenerated files break.
 * Matched by file, code and source line rather than position, since a call site does not move.
 */
export function newDiagnostics(before: CallSiteDiagnostic[], after: CallSiteDiagnostic[]): CallSiteDiagnostic[] {
  return freshBy(before, after, (d) => `${d.file}\0${d.code}\0${d.source}\0${d.message}`);
}
