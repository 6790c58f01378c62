import { redactUrlsIn } from "./redact.js";

/** Exit codes, fixed by the design: scripts and CI depend on them. */
export const ExitCode = {
  ok: 0,
  contract: 1,
  usage: 2,
  service: 3,
  internal: 70,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the user can act on: printed as one line plus a hint, never as a stack. */
export class SyncTypesError extends Error {
  readonly exitCode: ExitCode;
  readonly hint: string | undefined;
  constructor(message: string, options: { exitCode: ExitCode; hint?: string | undefined; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.exitCode = options.exitCode;
    this.hint = options.hint;
  }
}

export interface ConfigIssue {
  /** Dot-path into the config, e.g. `services.estimation-api.app`. */
  path: string;
  message: string;
}

export class ConfigError extends SyncTypesError {
  readonly file: string | undefined;
  readonly issues: ConfigIssue[];
  constructor(message: string, options: { file?: string | undefined; issues?: ConfigIssue[]; hint?: string } = {}) {
    super(message, { exitCode: ExitCode.usage, hint: options.hint });
    this.file = options.file;
    this.issues = options.issues ?? [];
  }
}

export class UsageError extends SyncTypesError {
  constructor(message: string, hint?: string) {
    super(message, { exitCode: ExitCode.usage, hint });
  }
}

/** A service that could not be started, imported or asked for its spec. */
export class ServiceError extends SyncTypesError {
  readonly service: string;
  /** The last lines the service wrote to stderr (and stdout), oldest first. */
  readonly output: string[];
  constructor(service: string, message: string, options: { output?: string[]; hint?: string; cause?: unknown } = {}) {
    // Every format prints these: a URL in them (a traceback's DATABASE_URL, say) goes out redacted.
    super(redactUrlsIn(message), { exitCode: ExitCode.service, hint: options.hint, cause: options.cause });
    this.service = service;
    this.output = (options.output ?? []).map(redactUrlsIn);
  }
}

/** A spec that was obtained but is not a usable OpenAPI document. */
export class SpecError extends SyncTypesError {
  readonly service: string;
  readonly problems: string[];
  constructor(service: string, message: string, options: { problems?: string[]; hint?: string } = {}) {
    super(message, { exitCode: ExitCode.service, hint: options.hint });
    this.service = service;
    this.problems = options.problems ?? [];
  }
}

export class PluginError extends SyncTypesError {
  readonly plugin: string;
  readonly hook: string;
  constructor(plugin: string, hook: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`plugin "${plugin}" failed in ${hook}: ${reason}`, { exitCode: ExitCode.internal, cause });
    this.plugin = plugin;
    this.hook = hook;
  }
}

/**
 * A run's exit code from its services' failures and whether a contract problem was found: a bug
 * (70) outranks a service or input failure (the first one's code), which outranks a contract
 * problem (1). Every command decides its code here.
 */
export function runExitCode(failures: (ExitCode | undefined)[], contractProblem = false): ExitCode {
  const codes = failures.filter((c): c is ExitCode => c !== undefined && c !== ExitCode.ok);
  if (codes.includes(ExitCode.internal)) return ExitCode.internal;
  return codes[0] ?? (contractProblem ? ExitCode.contract : ExitCode.ok);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
