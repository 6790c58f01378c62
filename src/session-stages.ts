/**
 * What a session needs once a spec is in hand (prepare, build, plan, write), kept out of
 * session.ts's static imports: a command spawns its services before loading any of it.
 */
export { generationKey, rememberGenerated, reuseGenerated } from "./generate/cache.js";
export { indexFile } from "./generate/index-file.js";
export { MANIFEST_FILE } from "./generate/manifest.js";
export { planSharedRuntime, relativeFolder, sharedRuntimeImport } from "./generate/shared-runtime.js";
export { applyOutput, planOutput, serviceOutput } from "./generate/write.js";
export { canonicalizeSpec, serializeSpec } from "./spec/canonical.js";
export { inlineExternalRefs } from "./spec/external-refs.js";
export { SpecValidator } from "./spec/validator.js";
