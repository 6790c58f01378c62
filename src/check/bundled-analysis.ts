import type { Program } from "typescript";
import { attributeDiagnostic } from "./attribute.js";
import type { CallSiteAnalysis, ConsumerCompiler } from "./compiler/index.js";
import { runtimeRisks } from "./references.js";
import { ConsumerProject, type Overlay } from "./typecheck.js";

/**
 * The call-site questions asked of the bundled compiler's programs: the ones the judging compiler
 * already has when it is that module (`committed`: its program before the overlay), else a lighter
 * analysis program over the same tsconfig (a 5.x/6.x consumer's module is another copy of the API).
 */
export function bundledAnalysis(compiler: ConsumerCompiler, overlay: Overlay, committed: Program | undefined): CallSiteAnalysis {
  const own = compiler.project;
  const project = own ?? new ConsumerProject(compiler.tsconfig, undefined, { analysis: true });
  let before = committed;
  return {
    attribute: (file, position, isGenerated) => attributeDiagnostic((before ??= project.load()), file, position, isGenerated),
    runtimeRisks: (changes, isGenerated) => runtimeRisks(own ? own.program! : project.load(overlay), changes, isGenerated),
  };
}
