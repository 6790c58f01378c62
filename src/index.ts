/** The public API: the CLI is a thin driver over these. */
export { defineConfig, loadConfig, resolveServices } from "./config/index.js";
export type { ResolvedConfig, ResolvedService, ServiceConfig, SourceKind, UserConfig } from "./config/index.js";
export { definePlugin, type Plugin, type PluginHook } from "./plugins.js";
export type { CheckReport } from "./check/index.js";
export type { Change, Direction, Level, Verdict } from "./diff/types.js";
export { openSession, withSession, type BaseSpec, type BuiltService, type ObtainStageOptions, type OpenSessionOptions, type Session } from "./session.js";
export { syncTypes, type ServiceResult, type SyncOptions, type SyncResult, type ProgressEvent } from "./pipeline.js";
export { obtainSpec, stopAllProcesses } from "./services/index.js";
export { canonicalizeSpec, serializeSpec } from "./spec/canonical.js";
export { generateFiles, type GeneratedFile } from "./generate/index.js";
export { ConfigError, ExitCode, PluginError, ServiceError, SpecError, SyncTypesError, UsageError } from "./errors.js";
export type { OpenApiDocument } from "./spec/types.js";
