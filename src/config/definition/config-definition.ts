/**
 * Every config key, once. The TypeScript types (types.gen.ts), the validator (validate.ts), the
 * shipped JSON Schema (schema/sync-types.config.schema.json) and the README table are derived from
 * this; tests keep the generated files byte-equal to it. Adding a key is one edit here, then
 * `npx vitest run test/unit/config/definition.test.ts -u` rewrites the generated files.
 */
import { RULE_IDS } from "../../diff/rules/ids.js";
import { redactUrl } from "../../redact.js";
import { HEADER_VALUE, unsendable } from "../../services/headers.js";
import { either, flag, integer, list, literal, map, object, opaque, text, type Report } from "./nodes.js";
import { suggestion } from "./suggest.js";

/** `module:attr` or `module:factory()`, as uvicorn takes it. */
export const APP_REF = /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*:[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*(\(\))?$/;
const SERVICE_NAME = /^[A-Za-z0-9][\w.-]*$/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const IS_URL_SOURCE = { required: ["source"], properties: { source: { type: "string", const: "url" } } };

export const SERVICE = object({
  typeName: "ServiceConfig",
  expected: "an object",
  description: "A FastAPI service: where it lives, how to get its spec, where its client goes.",
  properties: {
    dir: text({ expected: "a path", required: true, description: "Service root, relative to the config file. Its venv is `dir/.venv` unless `python` says otherwise." }),
    app: text({
      expected: '"module:attr" or "module:factory()", e.g. "app.main:app"',
      pattern: { re: APP_REF, expected: '"module:attr" or "module:factory()", e.g. "app.main:app"' },
      defaultText: 'required (not for `source: "url"`)',
      description: 'ASGI app as `"module:attr"` or `"module:factory()"`.',
    }),
    spec: text({ expected: "a path", required: true, description: "The committed OpenAPI document, relative to the config file." }),
    output: text({ expected: "a path", required: true, description: "Folder of generated files (committed), relative to the config file." }),
    source: text({
      expected: "a source",
      oneOf: ["http", "import", "url"],
      typeName: "SourceKind",
      default: "http",
      description: '`"http"`: start the service and fetch its spec; `"import"`: no server; `"url"`: ask a running one.',
    }),
    start: list({
      expected: "a non-empty list of strings (argv)",
      items: text({ expected: "a string" }),
      minItems: 1,
      default: ["{python}", "-m", "uvicorn", "{app}", "--host", "127.0.0.1", "--port", "{port}"],
      description: "The `http` start command; `{python}`, `{app}` and `{port}` are substituted.",
    }),
    python: text({
      expected: "a string",
      defaultText: "`dir/.venv/bin/python` if it exists, else `python3`",
      description: "Python interpreter: a path relative to the config file, or a command.",
    }),
    port: either({
      expected: '"auto" or a port number (1-65535)',
      of: [literal("auto"), integer({ expected: "a port number", minimum: 1, maximum: 65535 })],
      default: "auto",
      description: '`"auto"`: a free loopback port; a number: that port (refused up front when taken), also used by `--watch`.',
    }),
    openapiPath: text({
      expected: "a string",
      pattern: { re: /^\//, expected: 'a path starting with "/"' },
      default: "/openapi.json",
      description: "Where the app serves its spec.",
    }),
    url: text({
      expected: "a string",
      defaultText: "`http://127.0.0.1:{port}` for a numeric `port`",
      description: "Base URL of a running service for `source: \"url\"`; `user:password@` in it is sent as Basic auth to that origin only, and never printed.",
      checks: [{
        // A URL may carry a password: shown redacted, even when it cannot be parsed (a "/" in the password).
        validate: (url: string, at: string, report: Report) => {
          if (/^https?:\/\/[^/]/.test(url) && URL.canParse(url)) return;
          const encoding = /^https?:/.test(url) ? " (characters such as / ? # @ in a user name or password must be percent-encoded)" : "";
          report(at, `expected an http(s) URL, got ${JSON.stringify(redactUrl(url))}${encoding}`);
        },
        json: { type: "string", pattern: "^https?://[^/]" },
        runtimeOnly: "whether the URL parses (an unencoded `/` in a password) needs a URL parser",
      }],
    }),
    headers: map({
      expected: "an object of strings",
      values: text({ expected: "a string", blank: true }),
      default: {},
      description: 'Request headers for `url`; `${VAR}` is read from the environment and never printed, e.g. `{ Authorization: "Bearer ${API_TOKEN}" }`.',
      checks: [{
        // fetch would throw on these at request time, reported as "nothing answered"; the value is never shown (it may be a secret).
        validate: (headers: Record<string, unknown>, at: string, report: Report) => {
          for (const [name, value] of Object.entries(headers)) {
            if (!HEADER_NAME.test(name)) report(`${at}.${name}`, "not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)");
            else if (typeof value === "string" && unsendable(value))
              report(`${at}.${name}`, `the value holds ${unsendable(value)}, which an HTTP header cannot carry`);
          }
        },
        json: { type: "object", propertyNames: { type: "string", pattern: HEADER_NAME.source }, additionalProperties: { type: "string", pattern: HEADER_VALUE.source } },
      }],
    }),
    env: map({
      expected: "an object of strings",
      values: text({ expected: "a string", blank: true }),
      default: {},
      description: "Extra environment for the service process, over `envFile`.",
    }),
    envFile: text({ expected: "a string", description: "A dotenv file loaded into the service environment before `env`, relative to the config file." }),
    watch: list({
      expected: "a non-empty list of globs",
      items: text({ expected: "a glob" }),
      minItems: 1,
      default: ["**/*.py", "pyproject.toml", "requirements*.txt"],
      description: "Globs, relative to `dir`, whose changes mean the contract may have changed.",
    }),
    readyTimeoutMs: integer({
      expected: "a positive integer (milliseconds)",
      minimum: 1,
      default: 30_000,
      description: "How long `http` waits for the spec to answer (and `import` for the app).",
    }),
    maxSpecBytes: integer({
      expected: "a positive integer (bytes)",
      minimum: 1,
      maximum: Number.MAX_SAFE_INTEGER,
      // 25 times the spec of a 400-resource FastAPI app (2.7 MB): no real spec comes near it.
      default: 64 * 1024 * 1024,
      description: "Largest spec accepted, in bytes, from any source; a bigger (or endless) one is refused (exit 3) before it fills memory.",
    }),
    baseUrlEnv: text({
      expected: "a string",
      description: 'Environment variable holding the service\'s base URL in the Node app (e.g. `"ESTIMATION_API_URL"`), to find raw `fetch` calls that bypass the client.',
    }),
    streams: map({
      expected: "an object of strings",
      values: text({ expected: "a string", pattern: { re: APP_REF, expected: '"module:Model"' } }),
      default: {},
      description: 'Payload models for untyped streams: `{ "<operationId or METHOD /path>": "module:PydanticModel" }`.',
    }),
    fakes: either({
      expected: "true, false or { msw: true }",
      of: [
        flag({}),
        object({
          typeName: "FakesConfig",
          expected: "an object",
          description: "Fakes with MSW handlers, or without them.",
          properties: { msw: flag({ description: "Also write `msw.gen.ts` (MSW handlers over the fakes). Default: when `msw` resolves from the config's folder." }) },
        }),
      ],
      default: false,
      description: "`true` also writes `fakes.gen.ts`: a fetch answering like the service (deterministic data valid for the spec, FastAPI-shaped 422s, SSE and JSON Lines), for tests and `sync-types fake`; `msw.gen.ts` too when `msw` is installed or with `{ msw: true }`.",
    }),
    groupByTag: flag({
      default: false,
      description: "Client methods grouped by their operation's first tag: `client.users.createUser()` instead of `client.createUser()`; untagged operations stay on the client.",
    }),
    externalRefs: list({
      expected: "a list of globs",
      items: text({
        expected: "a glob",
        checks: [{
          // A drive letter is a path, any other scheme a URL: a spec never makes sync-types send a request.
          validate: (glob: string, at: string, report: Report) => {
            if (/^[a-z][a-z0-9+.-]+:/i.test(glob)) report(at, `expected a local file glob relative to the config file, got the URL ${JSON.stringify(glob)}`);
          },
          json: { not: { type: "string", pattern: "^[a-zA-Z][a-zA-Z0-9+.-]+:" } },
        }],
      }),
      default: [],
      description: "Local JSON files the spec's external `$ref`s may name, as globs relative to the config file (e.g. `[\"../shared/schemas/*.json\"]`); their content is inlined into the committed spec. Never a URL; without it every external `$ref` is an error.",
    }),
    contract: text({
      expected: "a path",
      description: "The contract the service implements, when TypeScript owns it: a TS module (its exported types) or an OpenAPI/JSON Schema file, relative to the config file. Needs `pydantic`; the service is then held to it.",
    }),
    pydantic: text({
      expected: "a path ending in .py",
      pattern: { re: /\.py$/, expected: "a path ending in .py" },
      description: "The Pydantic module generated from `contract` (committed, imported by the app), relative to the config file and inside `dir`; regenerated before the spec is extracted.",
    }),
    contractTypes: list({
      expected: "a non-empty list of type names",
      items: text({ expected: "a type name", pattern: { re: /^[A-Za-z_$][\w$]*$/, expected: "a type name" } }),
      minItems: 1,
      defaultText: "every exported type",
      description: "Only these contract types (and what they use) go into the `pydantic` module.",
    }),
    pythonTypecheck: either({
      expected: "a command string or false",
      of: [text({ expected: "a command" }), literal(false)],
      defaultText: "`pyright`, else `mypy`, when the service's venv has it",
      description: "Type-checks the service's Python after the `pydantic` module is regenerated, to report call sites a contract change breaks (file:line); `false` turns it off.",
    }),
    pythonTypecheckTimeoutMs: integer({
      expected: "a positive integer (milliseconds)",
      minimum: 1,
      default: 120_000,
      description: "How long each `pythonTypecheck` run may take; a run still going then is stopped with its process tree and the command fails (exit 3).",
    }),
  },
  checks: [
    {
      validate: (service: Record<string, unknown>, at: string, report: Report) => {
        const source = service["source"] ?? "http";
        if (service["app"] === undefined && source !== "url")
          report(`${at}.app`, `required for source "${String(source)}": expected "module:attr", e.g. "app.main:app"`);
      },
      json: { if: IS_URL_SOURCE, else: { required: ["app"] } },
    },
    {
      validate: (service: Record<string, unknown>, at: string, report: Report) => {
        if (service["source"] === "url" && service["url"] === undefined && !Number.isInteger(service["port"]))
          report(`${at}.url`, 'required for source "url" (or set a numeric "port" for http://127.0.0.1:{port})');
      },
      json: { if: IS_URL_SOURCE, then: { anyOf: [{ required: ["url"] }, { required: ["port"], properties: { port: { type: "integer" } } }] } },
    },
    {
      validate: (service: Record<string, unknown>, at: string, report: Report) => {
        const start = service["start"];
        if (Array.isArray(start) && start.length > 0 && start.every((a) => typeof a === "string") && service["port"] === undefined && !start.some((a: string) => a.includes("{port}")))
          report(`${at}.start`, 'must contain "{port}" or the service needs a fixed "port"');
      },
      json: { if: { required: ["start"], not: { required: ["port"] } }, then: { properties: { start: { type: "array", contains: { type: "string", pattern: "\\{port\\}" } } } } },
    },
    {
      validate: (service: Record<string, unknown>, at: string, report: Report) => {
        const has = (key: string) => service[key] !== undefined;
        if (has("pydantic") && !has("contract")) report(`${at}.contract`, 'required with "pydantic": the TS module or OpenAPI file the models are generated from, e.g. "web/src/contracts/estimation.ts"');
        if (has("contract") && !has("pydantic")) report(`${at}.pydantic`, 'required with "contract": where the generated Pydantic module goes, inside the service, e.g. "services/estimation/app/contract_models.py"');
        for (const key of ["contractTypes", "pythonTypecheck", "pythonTypecheckTimeoutMs"])
          if (has(key) && !has("contract")) report(`${at}.${key}`, 'only applies with "contract" and "pydantic": remove it, or add them');
      },
      json: {
        dependentRequired: { pydantic: ["contract"], contract: ["pydantic"], contractTypes: ["contract"], pythonTypecheck: ["contract"], pythonTypecheckTimeoutMs: ["contract"] },
      },
    },
  ],
});

const IGNORE_ENTRY = object({
  typeName: "IgnoreEntry",
  expected: "{ rule, location, reason, expires? }",
  description: "A known change accepted on purpose.",
  properties: {
    rule: text({ expected: "a rule id", required: true, oneOf: RULE_IDS, unknownName: "rule id", description: 'Rule id, e.g. `"response-enum-value-added"`.' }),
    location: text({
      expected: "a string",
      required: 'expected the location as reported (e.g. "Item.price")',
      description: 'The change\'s location exactly as reported, e.g. `"Estimate.status"`.',
    }),
    reason: text({ expected: "a string", required: "say why this change is accepted", description: "Why it is fine: shown in every report." }),
    expires: text({
      expected: "a date as YYYY-MM-DD",
      pattern: { re: DATE, expected: "a date as YYYY-MM-DD" },
      defaultText: "never",
      description: "Last day it applies, `YYYY-MM-DD`; after it the change fails again and the entry is reported.",
      checks: [{
        // `Date` rolls 2025-02-30 over to March, so compare round-tripped.
        validate: (date: string, at: string, report: Report) => {
          if (!new Date(`${date}T00:00:00Z`).toISOString().startsWith(date)) report(at, `expected a date as YYYY-MM-DD, got ${JSON.stringify(date)}`);
        },
        runtimeOnly: "whether a day exists in its month (2025-02-30) is calendar arithmetic",
      }],
    }),
  },
});

const TYPECHECK = object({
  typeName: "TypecheckConfig",
  expected: "an object",
  description: "The Node project whose call sites are checked.",
  properties: {
    tsconfig: either({
      expected: "a path or a list of paths",
      of: [text({ expected: "a path" }), list({ expected: "a list of paths", items: text({ expected: "a path" }) })],
      defaultText: "`tsconfig.json` next to the config, if any",
      description: "The consumer project(s) whose call sites are checked, each by the TypeScript its own `tsc` would be.",
    }),
  },
});

export const BREAKING = object({
  typeName: "BreakingConfig",
  expected: "an object",
  description: "What counts as a failing contract change.",
  properties: {
    level: text({
      expected: "a level",
      oneOf: ["runtime", "types", "strict"],
      typeName: "BreakingLevel",
      default: "types",
      description: 'What fails `check` and `diff`: `"runtime"` breaks, also what breaks `tsc` (`"types"`), or also what may misbehave (`"strict"`).',
    }),
    policy: text({
      expected: "a policy",
      oneOf: ["independent", "deploy-together"],
      typeName: "BreakingPolicy",
      default: "independent",
      description: '`"deploy-together"`: every consumer is in this repo and ships with the services, so `check` and the hook fail only on stale files and call sites that stop compiling (a breaking change whose call sites all compile is printed and let through). `"independent"`: a change failing `breaking.level` refuses the hook until accepted. `diff` always judges by `breaking.level` alone.',
    }),
    rules: map({
      expected: "an object of levels by rule id",
      values: text({
        expected: "a rule level",
        oneOf: ["error", "warn", "info", "off"],
        typeName: "RuleLevel",
        description: "`error` always fails, `warn` fails only at `strict`, `info` never, `off` hides it.",
      }),
      default: {},
      description: "Level per rule id, overriding the verdict-based default.",
      checks: [{
        validate: (rules: Record<string, unknown>, at: string, report: Report) => {
          for (const id of Object.keys(rules)) if (!RULE_IDS.includes(id)) report(`${at}.${id}`, `unknown rule id${suggestion(id, RULE_IDS, 3)}`);
        },
        json: { type: "object", propertyNames: { type: "string", enum: RULE_IDS } },
      }],
    }),
    ignore: list({ expected: "a list of { rule, location, reason }", items: IGNORE_ENTRY, default: [], description: "Changes accepted on purpose, each with its reason." }),
  },
});

const RUNTIME = object({
  typeName: "RuntimeConfig",
  expected: 'an object, e.g. { shared: "src/clients/runtime" }',
  description: "Where the generated clients' runtime lives.",
  properties: {
    shared: text({
      expected: "a folder path relative to the config file",
      defaultText: "none (a `runtime.gen.ts` per service)",
      description: "A folder, relative to the config file, for one `runtime.gen.ts` every client imports by a relative path, instead of a copy in each service's output; it has its own manifest and cannot be a service's output folder.",
    }),
  },
});

export const CONFIG = object({
  typeName: "UserConfig",
  expected: "an object (the default export)",
  description: "The sync-types configuration (sync-types.config.ts, .mts, .mjs, .js or .json).",
  properties: {
    $schema: text({ expected: "a string", description: "The JSON Schema of this file, for editors: `./node_modules/sync-types/schema/sync-types.config.schema.json`." }),
    services: map({
      expected: "an object of services by name",
      values: SERVICE,
      required: "expected an object of services by name",
      description: "The FastAPI services, by name.",
      checks: [{
        validate: (services: Record<string, unknown>, at: string, report: Report) => {
          for (const name of Object.keys(services))
            if (!SERVICE_NAME.test(name)) report(`${at}.${name}`, "service names may use letters, digits, '-', '_' and '.', and start with a letter or digit");
        },
        json: { type: "object", propertyNames: { type: "string", pattern: SERVICE_NAME.source } },
      }],
    }),
    typecheck: TYPECHECK,
    breaking: BREAKING,
    plugins: list({
      expected: "a list of plugins",
      items: opaque({
        expected: 'a plugin object with a "name"',
        tsType: "Plugin",
        tsImport: "../plugins.js",
        accepts: (v) => typeof v === "object" && v !== null && !Array.isArray(v) && typeof (v as { name?: unknown }).name === "string",
        json: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
      }),
      default: [],
      description: "Plugin objects (`definePlugin`); a `.json` config cannot hold them.",
    }),
    concurrency: integer({ expected: "a positive integer", minimum: 1, defaultText: "the number of CPUs", description: "Services processed at once." }),
    runtime: RUNTIME,
  },
  checks: [{
    // Plugins may add every service (pm2 does), so an empty list is only wrong without them.
    validate: (config: Record<string, unknown>, _at: string, report: Report) => {
      const services = config["services"];
      const pluginsMayAdd = Array.isArray(config["plugins"]) && config["plugins"].length > 0;
      if (typeof services === "object" && services !== null && !Array.isArray(services) && Object.keys(services).length === 0 && !pluginsMayAdd)
        report("services", "expected at least one service");
    },
    json: { if: { not: { required: ["plugins"], properties: { plugins: { type: "array", minItems: 1 } } } }, then: { properties: { services: { type: "object", minProperties: 1 } } } },
  }],
});
