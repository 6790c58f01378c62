const service = { dir: "svc", app: "app.main:app", spec: "contracts/a.json", output: "src/clients/a" };

/** Configs and what the validator says of them: [name, raw config, the start of each issue in order]; the JSON Schema test reuses them. */
export const CONFIG_CASES: [string, unknown, string[]][] = [
    ["a $schema for editors", { $schema: "./node_modules/sync-types/schema/sync-types.config.schema.json", services: { a: service } }, []],
    ["a minimal valid config", { services: { a: service } }, []],
    ["a factory app and every option", {
      services: {
        a: {
          ...service, app: "app.main:create_app()", source: "import", start: ["{python}", "-m", "uvicorn", "{app}", "--port", "{port}"],
          python: ".venv/bin/python", port: 8000, openapiPath: "/api/openapi.json", env: { A: "1" }, envFile: ".env",
          watch: ["**/*.py"], readyTimeoutMs: 5000, streams: { "POST /chat": "app.models:Token" }, headers: { X: "${T}" },
          groupByTag: true,
        },
      },
      typecheck: { tsconfig: ["a.json", "b.json"] }, breaking: { level: "strict" }, plugins: [{ name: "p" }], concurrency: 2,
      runtime: { shared: "src/clients/runtime" },
    }, []],
    ["a bad shared runtime", { services: { a: service }, runtime: { shared: "", share: "x" } }, [
      'runtime.share: unknown option (did you mean "shared"?)',
      "runtime.shared: expected a folder path relative to the config file",
    ]],
    ["a TypeScript-owned contract", { services: { a: { ...service, contract: "web/contracts/a.ts", pydantic: "svc/app/contract_models.py", contractTypes: ["Estimate"], pythonTypecheck: "mypy app", pythonTypecheckTimeoutMs: 600_000 } } }, []],
    ["python type checking off", { services: { a: { ...service, contract: "a.openapi.json", pydantic: "svc/app/models.py", pythonTypecheck: false } } }, []],
    ["pydantic without a contract", { services: { a: { ...service, pydantic: "svc/app/models.py" } } }, ['services.a.contract: required with "pydantic"']],
    ["a contract without pydantic", { services: { a: { ...service, contract: "web/contracts/a.ts" } } }, ['services.a.pydantic: required with "contract"']],
    ["contract options without a contract", { services: { a: { ...service, contractTypes: ["A"], pythonTypecheck: true, pythonTypecheckTimeoutMs: 0 } } }, [
      "services.a.pythonTypecheck: expected a command string or false",
      "services.a.pythonTypecheckTimeoutMs: expected a positive integer (milliseconds)",
      'services.a.contractTypes: only applies with "contract"',
      'services.a.pythonTypecheck: only applies with "contract"',
      'services.a.pythonTypecheckTimeoutMs: only applies with "contract"',
    ]],
    ["a pydantic module that is not a .py file", { services: { a: { ...service, contract: "a.ts", pydantic: "svc/app/models.ts", contractTypes: [] } } }, [
      "services.a.pydantic: expected a path ending in .py",
      "services.a.contractTypes: expected a non-empty list of type names",
    ]],
    ["runtime not an object", { services: { a: service }, runtime: "shared" }, ["runtime: expected an object"]],
    ["not an object", 42, ["(root): expected an object"]],
    ["no services", { services: {} }, ["services: expected at least one service"]],
    ["a typo, suggested", { services: { a: { ...service, readyTimeout: 1 } } }, ['services.a.readyTimeout: unknown option (did you mean "readyTimeoutMs"?)']],
    ["every problem at once", { services: { a: { dir: "", app: "main", port: 70000 } } }, [
      "services.a.dir: required",
      'services.a.app: expected "module:attr"',
      "services.a.spec: required",
      "services.a.output: required",
      'services.a.port: expected "auto" or a port number',
    ]],
    ["url source needs a url or a port", { services: { a: { ...service, source: "url" } } }, ['services.a.url: required for source "url"']],
    // Unparseable (an unencoded "/" in the password) is a config error, not an internal one, and the password is not shown.
    ["a url that cannot be parsed, its password hidden", { services: { a: { dir: "d", spec: "s", output: "o", source: "url", url: "http://admin:s3cr/etPW@127.0.0.1:1/x" } } }, ['services.a.url: expected an http(s) URL, got "http://127.0.0.1:1/x" (characters such as']],
    ["a non-http url, its password hidden", { services: { a: { dir: "d", spec: "s", output: "o", source: "url", url: "ftp://admin:s3cretPW@h/x" } } }, ['services.a.url: expected an http(s) URL, got "ftp://h/x"']],
    ["header names and values fetch cannot send, values not shown", { services: { a: { ...service, headers: { "Bad Name": "v", "X-A": "s3cret\r\nInjected: 1", "X-B": "caf\u20ac", "X-C": "${TOKEN}", "X-D": "a\u007fb" } } } }, [
      "services.a.headers.Bad Name: not a valid HTTP header name",
      "services.a.headers.X-A: the value holds a line break",
      "services.a.headers.X-B: the value holds a character beyond Latin-1, which an HTTP header cannot carry",
      "services.a.headers.X-D: the value holds a control character",
    ]],
    ["url source needs no app", { services: { a: { dir: "d", spec: "s", output: "o", source: "url", url: "http://127.0.0.1:1" } } }, []],
    ["a start command without a port", { services: { a: { ...service, start: ["{python}", "serve.py"] } } }, ['services.a.start: must contain "{port}"']],
    ["bad env values", { services: { a: { ...service, env: { A: 1 } } } }, ["services.a.env.A: expected a string"]],
    ["bad openapiPath", { services: { a: { ...service, openapiPath: "openapi.json" } } }, ['services.a.openapiPath: expected a path starting with "/"']],
    ["bad level and tsconfig", { services: { a: service }, breaking: { level: "major" }, typecheck: { tsconfig: 3 } }, [
      "typecheck.tsconfig: expected a path or a list of paths",
      'breaking.level: expected one of "runtime", "types", "strict"',
    ]],
    ["breaking rules and ignores", {
      services: { a: service },
      breaking: {
        level: "types",
        rules: { "response-enum-value-added": "error", "operation-id-changed": "off" },
        ignore: [{ rule: "response-type-changed", location: "Item.price", reason: "clients parse both", expires: "2030-01-31" }],
      },
    }, []],
    ["unknown rule ids, suggested, and bad levels", {
      services: { a: service },
      breaking: { rules: { "response-enum-value-add": "warn", "operation-removed": "fatal" }, ignores: [] },
    }, [
      'breaking.ignores: unknown option (did you mean "ignore"?)',
      'breaking.rules.response-enum-value-add: unknown rule id (did you mean "response-enum-value-added"?)',
      'breaking.rules.operation-removed: expected one of "error", "warn", "info", "off"',
    ]],
    ["ignore entries need a rule, a location, a reason and a real date", {
      services: { a: service },
      breaking: { ignore: [{ rule: "no-such-rule", expires: "2025-02-30" }, "x", { rule: "operation-removed", location: "GET /a", reason: "", until: 1 }] },
    }, [
      "breaking.ignore.0.rule: unknown rule id",
      "breaking.ignore.0.location: required",
      "breaking.ignore.0.reason: required",
      "breaking.ignore.0.expires: expected a date as YYYY-MM-DD",
      "breaking.ignore.1: expected { rule, location, reason, expires? }",
      "breaking.ignore.2.until: unknown option",
      "breaking.ignore.2.reason: required",
    ]],
    ["bad breaking.policy", { services: { a: service }, breaking: { policy: "together" } }, ['breaking.policy: expected one of "independent", "deploy-together"']],
    ["fakes on", { services: { a: { ...service, fakes: true } } }, []],
    ["fakes not a boolean", { services: { a: { ...service, fakes: "yes" } } }, ['services.a.fakes: expected true, false or { msw: true }, got "yes"']],
    ["fakes with MSW handlers", { services: { a: { ...service, fakes: { msw: true } } } }, []],
    ["fakes with a typo", { services: { a: { ...service, fakes: { mws: true } } } }, ['services.a.fakes.mws: unknown option (did you mean "msw"?)']],
    ["groupByTag is a boolean", { services: { a: { ...service, groupByTag: "yes" } } }, ['services.a.groupByTag: expected true or false, got "yes"']],
    ["bad stream model", { services: { a: { ...service, streams: { "GET /x": "Token" } } } }, ['services.a.streams.GET /x: expected "module:Model"']],
    ["a service name with spaces", { services: { "my api": service } }, ["services.my api: service names may use"]],
    ["a list where one string is wanted, and a number in a list", { services: { a: { ...service, spec: ["a"], watch: ["*.py", 3] } } }, [
      "services.a.spec: required: expected a path, got a list",
      "services.a.watch.1: expected a glob, got number 3",
    ]],
    ["a day that does not exist", { services: { a: service }, breaking: { ignore: [{ rule: "operation-removed", location: "GET /a", reason: "r", expires: "2025-02-30" }] } }, ["breaking.ignore.0.expires: expected a date as YYYY-MM-DD"]],
    ["a glob that is a URL", { services: { a: { ...service, externalRefs: ["https://example.com/*.json"] } } }, ["services.a.externalRefs.0: expected a local file glob"]],
    ["a non-integer concurrency and a plugin without a name", { services: { a: service }, plugins: [{}], concurrency: 1.5 }, [
      'plugins.0: expected a plugin object with a "name", got an object',
      "concurrency: expected a positive integer, got number 1.5",
    ]],
];
