/**
 * The compiler that judges a consumer's call sites is the one its own `tsc` would be:
 *
 *   tsconfig folder ──► resolve `typescript` ──► 5.x / 6.x: its JS compiler API (in-memory overlay)
 *                                            ├─► 7.x: its native API (overlay as a virtual file system)
 *                                            └─► none: the bundled TypeScript, announced once
 */
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import type { Change } from "../../diff/types.js";
import type { Attribution } from "../attribute.js";
import type { RuntimeRisk } from "../references.js";
import { ConsumerProject, type CallSiteDiagnostic, type Overlay, type TypeScriptModule } from "../typecheck.js";
import { NativeCompiler } from "./native.js";
import { bundledTypeScript, consumerTypeScript, type TypeScriptInstall } from "./resolve.js";

export type { TypeScriptInstall } from "./resolve.js";

/** One consumer project's own compiler, kept warm between checks; `close()` releases what it started. */
export interface ConsumerCompiler {
  readonly tsconfig: string;
  readonly typescript: TypeScriptInstall;
  /** The project's own source files, as its tsconfig lists them. */
  readonly fileNames: readonly string[];
  /** Diagnostics of the project's own files (but `skip`), as they would be with `overlay` applied. */
  check(overlay: Overlay, skip: (file: string) => boolean): CallSiteDiagnostic[];
  /** Its programs, when it is sync-types' own compiler module: the call-site analysis reuses them. */
  readonly project: ConsumerProject | undefined;
  /** What call sites used, asked of the compiler itself (TypeScript 7); `undefined`: a bundled-compiler program answers. */
  readonly analysis: CallSiteAnalysis | undefined;
  close(): void;
}

/** The call-site questions of attribute.ts and references.ts, over the programs of the last two checks. */
export interface CallSiteAnalysis {
  /** The generated declaration a call site used, in the program of the check before the last (the committed files). */
  attribute(file: string, position: number, isGenerated: (file: string) => boolean): Attribution | undefined;
  /** Uses of what a runtime-relevant change touched, in the last check's program (the regenerated files). */
  runtimeRisks(changes: Change[], isGenerated: (file: string) => boolean): RuntimeRisk[];
}

/** Opens the compiler for `tsconfig`; `warn` hears once that the bundled one stands in, when it does. */
export async function openConsumerCompiler(tsconfig: string, warn: (message: string) => void): Promise<ConsumerCompiler> {
  const path = resolve(tsconfig);
  const found = consumerTypeScript(path);
  if (!found) {
    const typescript = bundledTypeScript();
    warn(`no typescript found from ${join(path, "..")}: call sites are checked with sync-types' bundled TypeScript ${typescript.version}; add typescript to the consumer's devDependencies to check them with its own`);
    return jsCompiler(path, typescript, undefined);
  }
  if (found.major >= 7) return NativeCompiler.open(path, found);
  if (found.dir === bundledTypeScript().dir) return jsCompiler(path, found, undefined);
  return jsCompiler(path, found, createRequire(join(found.dir, "package.json"))(found.dir) as TypeScriptModule);
}

/** `ts` undefined: sync-types' own module, already loaded for the analysis. */
function jsCompiler(tsconfig: string, typescript: TypeScriptInstall, ts: TypeScriptModule | undefined): ConsumerCompiler {
  const project = new ConsumerProject(tsconfig, ts);
  return {
    tsconfig: project.tsconfig,
    typescript,
    get fileNames() {
      return project.fileNames;
    },
    check: (overlay, skip) => project.check(overlay, skip),
    project: ts ? undefined : project,
    analysis: undefined,
    close: () => undefined,
  };
}
