import type { Plugin } from "../plugins.js";

/** Where a service's OpenAPI document comes from. */
export type SourceKind = "http" | "import" | "url";

export type BreakingLevel = "runtime" | "types" | "strict";

/** A rule's level set in config: `error` always fails, `warn` fails only at `strict`, `info` never, `off` hides it. */
export type RuleLevel = "error" | "warn" | "info" | "off";

/** A known change accepted on purpose. */
export interface IgnoreEntry {
  /** Rule id, e.g. `"response-enum-value-added"`. */
  rule: string;
  /** The change's location exactly as reported, e.g. `"Estimate.status"`. */
  location: string;
  /** Why it is fine: shown in every report. */
  reason: string;
  /** Last day it applies, `YYYY-MM-DD`; after it the change fails again and the entry is reported. Default: never expires. */
  expires?: string;
}

export interface ServiceConfig {
  /** Service root, relative to the config file. Its venv is `dir/.venv` unless `python` says otherwise. */
  dir: string;
  /** ASGI app as `"module:attr"` or `"module:factory()"`. Required unless `source` is `"url"`. */
  app?: string;
  /** The committed contract, relative to the config file. */
  spec: string;
  /** Folder of generated files (committed), relative to the config file. */
  output: string;
  /** Default `"http"`: start the service and fetch its spec. `"import"` needs no server; `"url"` asks a running one. */
  source?: SourceKind;
  /** Command for `http`. Default `["{python}", "-m", "uvicorn", "{app}", "--host", "127.0.0.1", "--port", "{port}"]`. */
  start?: string[];
  /** Python interpreter. Default `dir/.venv/bin/python` when it exists, else `python3` on PATH. */
  python?: string;
  /** Port for `http` (and the default `url`). Default `"auto"`: a free loopback port. */
  port?: number | "auto";
  /** Default `"/openapi.json"`. */
  openapiPath?: string;
  /** Base URL of a running service for `source: "url"`. Default `http://127.0.0.1:{port}` when `port` is a number. */
  url?: string;
  /** Request headers for `url`, e.g. `{ Authorization: "Bearer ${API_TOKEN}" }`; `${VAR}` is read from the environment and never printed. */
  headers?: Record<string, string>;
  /** Extra environment for the service process. Default `{}`. */
  env?: Record<string, string>;
  /** A dotenv file loaded into the service environment (before `env`), relative to the config file. */
  envFile?: string;
  /** Globs, relative to `dir`, whose changes mean the contract may have changed. Default `["**\/*.py", "pyproject.toml", "requirements*.txt"]`. */
  watch?: string[];
  /** How long `http` waits for the spec to answer. Default `30000`. */
  readyTimeoutMs?: number;
  /** Largest spec accepted, in bytes, from any source; a bigger (or endless) one is refused before it fills memory. Default `67108864` (64 MiB). */
  maxSpecBytes?: number;
  /** Environment variable holding the service's base URL in the Node app (e.g. `"ESTIMATION_API_URL"`), to find raw `fetch` calls that bypass the client. Default none. */
  baseUrlEnv?: string;
  /** Payload models for untyped streams: `{ "<operationId or METHOD /path>": "module:PydanticModel" }`. Default `{}`. */
  streams?: Record<string, string>;
  /** Local JSON files the spec's external `$ref`s may name, as globs relative to the config file (e.g. `["../shared/schemas/*.json"]`); their content is inlined into the committed spec. Never a URL. Default `[]`: every external `$ref` is an error. */
  externalRefs?: string[];
  /**
   * Also generate `fakes.gen.ts`: a fetch answering like the service (deterministic data, FastAPI 422s, SSE), for tests
   * and `sync-types fake`; and `msw.gen.ts` (MSW handlers) when `msw` is installed, or with `{ msw: true }`. Default `false`.
   */
  fakes?: boolean | { msw?: boolean };
}

export interface UserConfig {
  /** The FastAPI services, by name. */
  services: Record<string, ServiceConfig>;
  typecheck?: {
    /** The consumer project(s) whose call sites are checked. Default `"tsconfig.json"` when it exists. */
    tsconfig?: string | string[];
  };
  breaking?: {
    /** What fails `check` and `diff`: runtime breaks, also compile breaks, or also possible breaks. Default `"types"`. */
    level?: BreakingLevel;
    /** Level per rule id, overriding the verdict-based default. Default `{}`. */
    rules?: Record<string, RuleLevel>;
    /** Changes accepted on purpose. Default `[]`. */
    ignore?: IgnoreEntry[];
  };
  /** Default `[]`. */
  plugins?: Plugin[];
  /** Services processed at once. Default: the number of CPUs. */
  concurrency?: number;
}

export interface ResolvedService {
  name: string;
  dir: string;
  app: string | undefined;
  spec: string;
  output: string;
  source: SourceKind;
  start: string[];
  python: string;
  port: number | "auto";
  openapiPath: string;
  url: string | undefined;
  headers: Record<string, string>;
  env: Record<string, string>;
  envFile: string | undefined;
  watch: string[];
  readyTimeoutMs: number;
  maxSpecBytes: number;
  baseUrlEnv: string | undefined;
  streams: Record<string, string>;
  /** Absolute globs. */
  externalRefs: string[];
  /** `false`, or fakes with or without MSW handlers. */
  fakes: false | { msw: boolean };
}

export interface ResolvedBreaking {
  level: BreakingLevel;
  rules: Record<string, RuleLevel>;
  ignore: IgnoreEntry[];
}

export interface ResolvedConfig {
  /** Absolute path of the config file. */
  file: string;
  /** Folder of the config file; every relative path is resolved from it. */
  root: string;
  services: ResolvedService[];
  typecheck: { tsconfig: string[] };
  breaking: ResolvedBreaking;
  plugins: Plugin[];
  concurrency: number;
}
