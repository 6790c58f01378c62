import { existsSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigError } from "../../errors.js";
import type { Change } from "../../diff/types.js";
import type { Attribution } from "../attribute.js";
import type { RuntimeRisk } from "../references.js";
import type { CallSiteDiagnostic, Overlay } from "../typecheck.js";
import { NativeAnalysis, type NativeProject, type NativeSyntax } from "./native-analysis.js";
import type { TypeScriptInstall } from "./resolve.js";

/** The part of `typescript/unstable/sync` (TypeScript 7) used here. */
interface NativeDiagnostic {
  fileName?: string | undefined;
  pos: number;
  code: number;
  text: string;
  messageChain?: readonly NativeDiagnostic[] | undefined;
}
interface NativeProgram {
  getSourceFileNames(): readonly string[];
  getSyntacticDiagnostics(file: string): readonly NativeDiagnostic[];
  getSemanticDiagnostics(file: string): readonly NativeDiagnostic[];
  getProgramDiagnostics(): readonly NativeDiagnostic[];
}
interface NativeSnapshot {
  getProject(configFileName: string): (NativeProject & { rootFiles: readonly string[]; program: NativeProgram }) | undefined;
  dispose(): void;
}
interface NativeFileSystem {
  readFile(file: string): string | null | undefined;
  fileExists(file: string): boolean | undefined;
  directoryExists(dir: string): boolean | undefined;
  getAccessibleEntries(dir: string): { files: string[]; directories: string[] } | undefined;
}
interface NativeApi {
  updateSnapshot(params: { openProjects?: string[]; fileChanges?: { changed?: string[]; created?: string[]; deleted?: string[] } | { invalidateAll: true } }): NativeSnapshot;
  close(): void;
}
type NativeApiClass = new (options: { cwd: string; fs: NativeFileSystem }) => NativeApi;
interface NativeModules {
  API: NativeApiClass;
  syntax: NativeSyntax;
}

/**
 * TypeScript 7 (the native compiler) through its own API, `typescript/unstable/sync`: one tsgo
 * process per tsconfig, kept between checks, whose file system is the disk seen through the
 * overlay. On the examples' node-app, opening it and checking before and after the overlay took
 * 0.33 s where that project's own `tsc --noEmit` took 1.1 s; `tsc -p` over an overlay folder would
 * pay a full run per check, plus the copy, and could not stay warm between saves.
 *
 * What a broken call site used is asked of the same process: the snapshot of the check before
 * the last (the committed files) stays open beside the last one (the regenerated files).
 */
export class NativeCompiler {
  readonly tsconfig: string;
  readonly typescript: TypeScriptInstall;
  /** Its programs live in tsgo, which answers the call-site analysis too (`analysis`). */
  readonly project = undefined;
  readonly #api: NativeApi;
  readonly #analysis: NativeAnalysis;
  #overlay: Overlay = new Map();
  #snapshot: NativeSnapshot | undefined;
  #previous: NativeSnapshot | undefined;
  #rootFiles: readonly string[];

  static async open(tsconfig: string, typescript: TypeScriptInstall): Promise<NativeCompiler> {
    let entries: [string, string];
    try {
      const require = createRequire(join(typescript.dir, "package.json"));
      entries = [require.resolve("typescript/unstable/sync"), require.resolve("typescript/unstable/ast")];
    } catch {
      throw new ConfigError(`typecheck.tsconfig: TypeScript ${typescript.version} at ${typescript.dir} has no "typescript/unstable/sync" API to check call sites with`, {
        hint: "upgrade the consumer's typescript to 7.0 or later",
      });
    }
    const [sync, ast] = await Promise.all(entries.map((entry) => import(pathToFileURL(entry).href)));
    const { API, SymbolFlags } = sync as { API: NativeApiClass; SymbolFlags: { Alias: number } };
    const { SyntaxKind, skipTrivia } = ast as Omit<NativeSyntax, "aliasFlag">;
    return new NativeCompiler(tsconfig, typescript, { API, syntax: { SyntaxKind, skipTrivia, aliasFlag: SymbolFlags.Alias } });
  }

  private constructor(tsconfig: string, typescript: TypeScriptInstall, { API, syntax }: NativeModules) {
    this.tsconfig = resolve(tsconfig);
    this.typescript = typescript;
    this.#analysis = new NativeAnalysis(syntax);
    this.#api = new API({ cwd: resolve(tsconfig, ".."), fs: this.#fileSystem() });
    this.#snapshot = this.#api.updateSnapshot({ openProjects: [this.tsconfig] });
    const project = this.#snapshot.getProject(this.tsconfig);
    if (!project) {
      this.close();
      throw new ConfigError(`typecheck.tsconfig: TypeScript ${typescript.version} cannot load ${this.tsconfig}`);
    }
    this.#rootFiles = project.rootFiles;
  }

  get fileNames(): readonly string[] {
    return this.#rootFiles;
  }

  check(overlay: Overlay, skip: (file: string) => boolean): CallSiteDiagnostic[] {
    this.#previous?.dispose();
    this.#previous = this.#snapshot;
    // Files under either overlay may read differently now; everything else on disk may have been
    // saved since the last check (watch), which only invalidating all of it catches.
    const touched = [...new Set([...this.#overlay.keys(), ...overlay.keys()])];
    const changes = this.#overlay.size === 0 && overlay.size === 0 ? { invalidateAll: true as const } : { changed: touched };
    this.#overlay = overlay;
    this.#snapshot = this.#api.updateSnapshot({ fileChanges: changes });
    const project = this.#snapshot.getProject(this.tsconfig);
    if (!project) throw new ConfigError(`typecheck.tsconfig: TypeScript ${this.typescript.version} cannot load ${this.tsconfig}`);
    this.#rootFiles = project.rootFiles;
    const { program } = project;
    const own = ownFiles(program, skip);
    const texts = new Map<string, string>();
    const textOf = (file: string) => texts.get(file) ?? texts.set(file, this.#read(file) ?? "").get(file)!;
    return [
      ...program.getProgramDiagnostics(),
      ...own.flatMap((f) => [...program.getSyntacticDiagnostics(f), ...program.getSemanticDiagnostics(f)]),
    ].flatMap((d) => (d.fileName ? [toCallSite(d, d.fileName, textOf(d.fileName))] : []));
  }

  /** Call-site questions, answered by this tsgo process. */
  readonly analysis = {
    /** In the program of the check before the last one: what the call site meant with the committed files. */
    attribute: (file: string, position: number, isGenerated: (file: string) => boolean): Attribution | undefined => {
      const project = this.#previous?.getProject(this.tsconfig);
      return project ? this.#analysis.attribute(project, file, position, isGenerated) : undefined;
    },
    /** In the project's own files of the last check's program: with the regenerated files. */
    runtimeRisks: (changes: Change[], isGenerated: (file: string) => boolean): RuntimeRisk[] => {
      const project = this.#snapshot?.getProject(this.tsconfig);
      return project ? this.#analysis.runtimeRisks(project, ownFiles(project.program, isGenerated), changes, isGenerated) : [];
    },
  };

  close(): void {
    this.#previous?.dispose();
    this.#snapshot?.dispose();
    this.#previous = undefined;
    this.#snapshot = undefined;
    // tsgo writes to our stderr, and the API's own close (SIGTERM) at times makes it print
    // "context canceled" after we are gone; a SIGKILL first leaves the user's terminal clean.
    (this.#api as { client?: { channel?: { child?: { kill(signal: string): void } } } }).client?.channel?.child?.kill("SIGKILL");
    this.#api.close();
  }

  /** Overlay entries under `dir`, at any depth. */
  #entriesIn(dir: string): [string, string | null][] {
    return [...this.#overlay].filter(([file]) => file.startsWith(`${dir}${sep}`));
  }

  #deletedOnly(dir: string): boolean {
    return this.#entriesIn(dir).every(([, text]) => text === null);
  }

  #read(file: string): string | undefined {
    const path = resolve(file);
    if (this.#overlay.has(path)) return this.#overlay.get(path) ?? undefined;
    try {
      return readFileSync(path, "utf8");
    } catch {
      return undefined;
    }
  }

  /** The disk, but for overlaid files: `undefined` lets tsgo read the disk itself. */
  #fileSystem(): NativeFileSystem {
    return {
      readFile: (file) => (this.#overlay.has(resolve(file)) ? this.#overlay.get(resolve(file))! : undefined),
      fileExists: (file) => (this.#overlay.has(resolve(file)) ? this.#overlay.get(resolve(file)) !== null : undefined),
      // A folder of new generated files exists before it is written.
      directoryExists: (dir) => (this.#entriesIn(resolve(dir)).length > 0 && !this.#deletedOnly(resolve(dir)) ? true : undefined),
      // The listing a tsconfig `include` globs over: deleted generated files leave it, new ones join it.
      getAccessibleEntries: (dir) => {
        const path = resolve(dir);
        const overlaid = this.#entriesIn(path);
        if (overlaid.length === 0) return undefined;
        const files = new Set<string>();
        const directories = new Set<string>();
        const onDisk = existsSync(path) ? readdirSync(path, { withFileTypes: true }) : [];
        for (const entry of onDisk) (entry.isDirectory() ? directories : files).add(entry.name);
        for (const [file, text] of overlaid) {
          const [name, ...deeper] = relative(path, file).split(sep);
          if (deeper.length > 0) directories.add(name!);
          else if (text === null) files.delete(name!);
          else files.add(name!);
        }
        return { files: [...files].sort(), directories: [...directories].sort() };
      },
    };
  }
}

/** The project's own files: no declaration files, nothing from node_modules, nothing `skip` names. */
function ownFiles(program: NativeProgram, skip: (file: string) => boolean): string[] {
  return program.getSourceFileNames().filter((f) => !/\.d\.([cm]?ts|[^./]+\.ts)$/.test(f) && !f.includes("/node_modules/") && !skip(resolve(f)));
}

function toCallSite(diagnostic: NativeDiagnostic, file: string, text: string): CallSiteDiagnostic {
  const start = diagnostic.pos;
  const lineStart = text.lastIndexOf("\n", start - 1) + 1;
  const lineEnd = text.indexOf("\n", start);
  const line = text.slice(0, lineStart).split("\n").length;
  return {
    file,
    line,
    column: start - lineStart + 1,
    code: diagnostic.code,
    message: flatten(diagnostic, 0),
    source: text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).replace(/\r$/, "").trim(),
    start,
  };
}

/** The message and its chain, indented as `ts.flattenDiagnosticMessageText` does. */
function flatten(diagnostic: NativeDiagnostic, depth: number): string {
  const head = `${"  ".repeat(depth)}${diagnostic.text}`;
  return [head, ...(diagnostic.messageChain ?? []).map((d) => flatten(d, depth + 1))].join("\n");
}
