// Generated from src/config/definition/config-definition.ts — do not edit.
// Regenerate: npx vitest run test/unit/config/definition.test.ts -u
import type { Plugin } from "../plugins.js";

/** `"http"`: start the service and fetch its spec; `"import"`: no server; `"url"`: ask a running one. */
export type SourceKind = "http" | "import" | "url";

/** Fakes with MSW handlers, or without them. */
export interface FakesConfig {
  /** Also write `msw.gen.ts` (MSW handlers over the fakes). Default: when `msw` resolves from the config's folder. */
  msw?: boolean;
}

/** A FastAPI service: where it lives, how to get its spec, where its client goes. */
export interface ServiceConfig {
  /** Service root, relative to the config file. Its venv is `dir/.venv` unless `python` says otherwise. Required. */
  dir: string;
  /** ASGI app as `"module:attr"` or `"module:factory()"`. Required (not for `source: "url"`). */
  app?: string;
  /** The committed OpenAPI document, relative to the config file. Required. */
  spec: string;
  /** Folder of generated files (committed), relative to the config file. Required. */
  output: string;
  /** `"http"`: start the service and fetch its spec; `"import"`: no server; `"url"`: ask a running one. Default `"http"`. */
  source?: SourceKind;
  /** The `http` start command; `{python}`, `{app}` and `{port}` are substituted. Default `["{python}", "-m", "uvicorn", "{app}", "--host", "127.0.0.1", "--port", "{port}"]`. */
  start?: string[];
  /** Python interpreter: a path relative to the config file, or a command. Default: `dir/.venv/bin/python` if it exists, else `python3`. */
  python?: string;
  /** `"auto"`: a free loopback port; a number: that port (refused up front when taken), also used by `--watch`. Default `"auto"`. */
  port?: "auto" | number;
  /** Where the app serves its spec. Default `"/openapi.json"`. */
  openapiPath?: string;
  /** Base URL of a running service for `source: "url"`; `user:password@` in it is sent as Basic auth to that origin only, and never printed. Default: `http://127.0.0.1:{port}` for a numeric `port`. */
  url?: string;
  /** Request headers for `url`; `${VAR}` is read from the environment and never printed, e.g. `{ Authorization: "Bearer ${API_TOKEN}" }`. Default `{}`. */
  headers?: Record<string, string>;
  /** Extra environment for the service process, over `envFile`. Default `{}`. */
  env?: Record<string, string>;
  /** A dotenv file loaded into the service environment before `env`, relative to the config file. */
  envFile?: string;
  /** Globs, relative to `dir`, whose changes mean the contract may have changed. Default `["**\/*.py", "pyproject.toml", "requirements*.txt"]`. */
  watch?: string[];
  /** How long `http` waits for the spec to answer (and `import` for the app). Default `30000`. */
  readyTimeoutMs?: number;
  /** Largest spec accepted, in bytes, from any source; a bigger (or endless) one is refused (exit 3) before it fills memory. Default `67108864`. */
  maxSpecBytes?: number;
  /** Environment variable holding the service's base URL in the Node app (e.g. `"ESTIMATION_API_URL"`), to find raw `fetch` calls that bypass the client. */
  baseUrlEnv?: string;
  /** Payload models for untyped streams: `{ "<operationId or METHOD /path>": "module:PydanticModel" }`. Default `{}`. */
  streams?: Record<string, string>;
  /** `true` also writes `fakes.gen.ts`: a fetch answering like the service (deterministic data valid for the spec, FastAPI-shaped 422s, SSE and JSON Lines), for tests and `sync-types fake`; `msw.gen.ts` too when `msw` is installed or with `{ msw: true }`. Default `false`. */
  fakes?: boolean | FakesConfig;
  /** Client methods grouped by their operation's first tag: `client.users.createUser()` instead of `client.createUser()`; untagged operations stay on the client. Default `false`. */
  groupByTag?: boolean;
  /** Local JSON files the spec's external `$ref`s may name, as globs relative to the config file (e.g. `["../shared/schemas/*.json"]`); their content is inlined into the committed spec. Never a URL; without it every external `$ref` is an error. Default `[]`. */
  externalRefs?: string[];
  /** The contract the service implements, when TypeScript owns it: a TS module (its exported types) or an OpenAPI/JSON Schema file, relative to the config file. Needs `pydantic`; the service is then held to it. */
  contract?: string;
  /** The Pydantic module generated from `contract` (committed, imported by the app), relative to the config file and inside `dir`; regenerated before the spec is extracted. */
  pydantic?: string;
  /** Only these contract types (and what they use) go into the `pydantic` module. Default: every exported type. */
  contractTypes?: string[];
  /** Type-checks the service's Python after the `pydantic` module is regenerated, to report call sites a contract change breaks (file:line); `false` turns it off. Default: `pyright`, else `mypy`, when the service's venv has it. */
  pythonTypecheck?: string | false;
  /** How long each `pythonTypecheck` run may take; a run still going then is stopped with its process tree and the command fails (exit 3). Default `120000`. */
  pythonTypecheckTimeoutMs?: number;
}

/** The Node project whose call sites are checked. */
export interface TypecheckConfig {
  /** The consumer project(s) whose call sites are checked, each by the TypeScript its own `tsc` would be. Default: `tsconfig.json` next to the config, if any. */
  tsconfig?: string | string[];
}

/** What fails `check` and `diff`: `"runtime"` breaks, also what breaks `tsc` (`"types"`), or also what may misbehave (`"strict"`). */
export type BreakingLevel = "runtime" | "types" | "strict";

/** `"deploy-together"`: every consumer is in this repo and ships with the services, so `check` and the hook fail only on stale files and call sites that stop compiling (a breaking change whose call sites all compile is printed and let through). `"independent"`: a change failing `breaking.level` refuses the hook until accepted. `diff` always judges by `breaking.level` alone. */
export type BreakingPolicy = "independent" | "deploy-together";

/** `error` always fails, `warn` fails only at `strict`, `info` never, `off` hides it. */
export type RuleLevel = "error" | "warn" | "info" | "off";

/** A known change accepted on purpose. */
export interface IgnoreEntry {
  /** Rule id, e.g. `"response-enum-value-added"`. Required. */
  rule: string;
  /** The change's location exactly as reported, e.g. `"Estimate.status"`. Required. */
  location: string;
  /** Why it is fine: shown in every report. Required. */
  reason: string;
  /** Last day it applies, `YYYY-MM-DD`; after it the change fails again and the entry is reported. Default: never. */
  expires?: string;
}

/** What counts as a failing contract change. */
export interface BreakingConfig {
  /** What fails `check` and `diff`: `"runtime"` breaks, also what breaks `tsc` (`"types"`), or also what may misbehave (`"strict"`). Default `"types"`. */
  level?: BreakingLevel;
  /** `"deploy-together"`: every consumer is in this repo and ships with the services, so `check` and the hook fail only on stale files and call sites that stop compiling (a breaking change whose call sites all compile is printed and let through). `"independent"`: a change failing `breaking.level` refuses the hook until accepted. `diff` always judges by `breaking.level` alone. Default `"independent"`. */
  policy?: BreakingPolicy;
  /** Level per rule id, overriding the verdict-based default. Default `{}`. */
  rules?: Record<string, RuleLevel>;
  /** Changes accepted on purpose, each with its reason. Default `[]`. */
  ignore?: IgnoreEntry[];
}

/** Where the generated clients' runtime lives. */
export interface RuntimeConfig {
  /** A folder, relative to the config file, for one `runtime.gen.ts` every client imports by a relative path, instead of a copy in each service's output; it has its own manifest and cannot be a service's output folder. Default: none (a `runtime.gen.ts` per service). */
  shared?: string;
}

/** The sync-types configuration (sync-types.config.ts, .mts, .mjs, .js or .json). */
export interface UserConfig {
  /** The JSON Schema of this file, for editors: `./node_modules/sync-types/schema/sync-types.config.schema.json`. */
  $schema?: string;
  /** The FastAPI services, by name. Required. */
  services: Record<string, ServiceConfig>;
  /** The Node project whose call sites are checked. */
  typecheck?: TypecheckConfig;
  /** What counts as a failing contract change. */
  breaking?: BreakingConfig;
  /** Plugin objects (`definePlugin`); a `.json` config cannot hold them. Default `[]`. */
  plugins?: Plugin[];
  /** Services processed at once. Default: the number of CPUs. */
  concurrency?: number;
  /** Where the generated clients' runtime lives. */
  runtime?: RuntimeConfig;
}
