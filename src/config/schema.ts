import { RULE_IDS } from "../diff/rules/index.js";
import type { ConfigIssue } from "../errors.js";
import { redactUrl } from "../redact.js";

/**
 * Validates a raw config object and reports every problem with its dot-path, so one run
 * shows all mistakes. Hand-written rather than a schema library: the messages are the product.
 */
export function validateConfig(raw: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const report = (path: string, message: string) => issues.push({ path, message });

  if (!isRecord(raw)) {
    report("(root)", `expected an object (the default export), got ${describe(raw)}`);
    return issues;
  }
  checkKeys(raw, "", ["services", "typecheck", "breaking", "plugins", "concurrency"], report);

  if (!isRecord(raw["services"])) {
    report("services", `expected an object of services by name, got ${describe(raw["services"])}`);
  } else {
    const names = Object.keys(raw["services"]);
    // Plugins may add every service (pm2 does), so an empty list is only wrong without them.
    const pluginsMayAdd = Array.isArray(raw["plugins"]) && raw["plugins"].length > 0;
    if (names.length === 0 && !pluginsMayAdd) report("services", "expected at least one service");
    for (const name of names) validateService(name, raw["services"][name], report);
  }

  const typecheck = raw["typecheck"];
  if (typecheck !== undefined) {
    if (!isRecord(typecheck)) report("typecheck", `expected an object, got ${describe(typecheck)}`);
    else {
      checkKeys(typecheck, "typecheck", ["tsconfig"], report);
      const tsconfig = typecheck["tsconfig"];
      if (tsconfig !== undefined && !isString(tsconfig) && !isStringArray(tsconfig))
        report("typecheck.tsconfig", `expected a path or a list of paths, got ${describe(tsconfig)}`);
    }
  }

  const breaking = raw["breaking"];
  if (breaking !== undefined) {
    if (!isRecord(breaking)) report("breaking", `expected an object, got ${describe(breaking)}`);
    else {
      checkKeys(breaking, "breaking", ["level", "rules", "ignore"], report);
      checkEnum(breaking["level"], "breaking.level", ["runtime", "types", "strict"], report);
      validateBreakingRules(breaking["rules"], report);
      validateIgnores(breaking["ignore"], report);
    }
  }

  const plugins = raw["plugins"];
  if (plugins !== undefined) {
    if (!Array.isArray(plugins)) report("plugins", `expected a list of plugins, got ${describe(plugins)}`);
    else
      plugins.forEach((plugin, i) => {
        if (!isRecord(plugin) || !isString(plugin["name"]))
          report(`plugins.${i}`, `expected a plugin object with a "name", got ${describe(plugin)}`);
      });
  }

  const concurrency = raw["concurrency"];
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && (concurrency as number) >= 1))
    report("concurrency", `expected a positive integer, got ${describe(concurrency)}`);

  return issues;
}

const SERVICE_KEYS = [
  "dir", "app", "spec", "output", "source", "start", "python", "port", "openapiPath", "url",
  "headers", "env", "envFile", "watch", "readyTimeoutMs", "maxSpecBytes", "baseUrlEnv", "streams", "externalRefs", "fakes",
];
/** `module:attr` or `module:factory()`, as uvicorn takes it. */
export const APP_REF = /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*:[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*(\(\))?$/;
const SERVICE_NAME = /^[A-Za-z0-9][\w.-]*$/;

function validateService(name: string, raw: unknown, report: (path: string, message: string) => void): void {
  const at = `services.${name}`;
  if (!SERVICE_NAME.test(name))
    report(at, "service names may use letters, digits, '-', '_' and '.', and start with a letter or digit");
  if (!isRecord(raw)) {
    report(at, `expected an object, got ${describe(raw)}`);
    return;
  }
  checkKeys(raw, at, SERVICE_KEYS, report);
  const source = raw["source"] ?? "http";
  checkEnum(raw["source"], `${at}.source`, ["http", "import", "url"], report);

  for (const key of ["dir", "spec", "output"]) {
    if (!isNonEmptyString(raw[key])) report(`${at}.${key}`, `required: expected a path, got ${describe(raw[key])}`);
  }
  for (const key of ["python", "envFile", "openapiPath", "url", "baseUrlEnv"]) {
    if (raw[key] !== undefined && !isNonEmptyString(raw[key]))
      report(`${at}.${key}`, `expected a string, got ${describe(raw[key])}`);
  }

  const app = raw["app"];
  if (app === undefined) {
    if (source !== "url") report(`${at}.app`, `required for source "${String(source)}": expected "module:attr", e.g. "app.main:app"`);
  } else if (!isString(app) || !APP_REF.test(app)) {
    report(`${at}.app`, `expected "module:attr" or "module:factory()", e.g. "app.main:app", got ${describe(app)}`);
  }

  const openapiPath = raw["openapiPath"];
  if (isString(openapiPath) && !openapiPath.startsWith("/"))
    report(`${at}.openapiPath`, `expected a path starting with "/", got ${describe(openapiPath)}`);

  const url = raw["url"];
  // A URL may carry a password: shown redacted, even when it cannot be parsed (a "/" in the password).
  if (isString(url) && (!/^https?:\/\/[^/]/.test(url) || !URL.canParse(url)))
    report(`${at}.url`, `expected an http(s) URL, got ${describe(redactUrl(url))}${/^https?:/.test(url) ? " (characters such as / ? # @ in a user name or password must be percent-encoded)" : ""}`);
  if (source === "url" && url === undefined && !Number.isInteger(raw["port"]))
    report(`${at}.url`, 'required for source "url" (or set a numeric "port" for http://127.0.0.1:{port})');

  const port = raw["port"];
  if (port !== undefined && port !== "auto" && !(Number.isInteger(port) && (port as number) > 0 && (port as number) < 65536))
    report(`${at}.port`, `expected "auto" or a port number (1-65535), got ${describe(port)}`);

  const start = raw["start"];
  if (start !== undefined) {
    if (!isStringArray(start) || start.length === 0)
      report(`${at}.start`, `expected a non-empty list of strings (argv), got ${describe(start)}`);
    else if (!start.some((arg) => arg.includes("{port}")) && port === undefined)
      report(`${at}.start`, 'must contain "{port}" or the service needs a fixed "port"');
  }

  const timeout = raw["readyTimeoutMs"];
  if (timeout !== undefined && !(Number.isInteger(timeout) && (timeout as number) > 0))
    report(`${at}.readyTimeoutMs`, `expected a positive integer (milliseconds), got ${describe(timeout)}`);
  const maxSpecBytes = raw["maxSpecBytes"];
  if (maxSpecBytes !== undefined && !(Number.isSafeInteger(maxSpecBytes) && (maxSpecBytes as number) > 0))
    report(`${at}.maxSpecBytes`, `expected a positive integer (bytes), got ${describe(maxSpecBytes)}`);

  for (const key of ["env", "headers", "streams"]) {
    const value = raw[key];
    if (value === undefined) continue;
    if (!isRecord(value)) report(`${at}.${key}`, `expected an object of strings, got ${describe(value)}`);
    else
      for (const [k, v] of Object.entries(value)) {
        if (!isString(v)) report(`${at}.${key}.${k}`, `expected a string, got ${describe(v)}`);
      }
  }
  // fetch would throw on these at request time, reported as "nothing answered"; the value is never shown (it may be a secret).
  const headers = raw["headers"];
  if (isRecord(headers))
    for (const [name, value] of Object.entries(headers)) {
      if (!HEADER_NAME.test(name)) report(`${at}.headers.${name}`, "not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only)");
      else if (isString(value) && /[\r\n\0]|[^\u0000-\u00ff]/.test(value))
        report(`${at}.headers.${name}`, "the value holds a line break, a NUL or a character beyond Latin-1, which HTTP headers cannot carry");
    }
  const streams = raw["streams"];
  if (isRecord(streams))
    for (const [k, v] of Object.entries(streams)) {
      if (isString(v) && !APP_REF.test(v)) report(`${at}.streams.${k}`, `expected "module:Model", got ${describe(v)}`);
    }

  const externalRefs = raw["externalRefs"];
  if (externalRefs !== undefined) {
    if (!isStringArray(externalRefs)) report(`${at}.externalRefs`, `expected a list of globs, got ${describe(externalRefs)}`);
    else externalRefs.forEach((glob, i) => {
      // A drive letter is a path, any other scheme a URL: a spec never makes sync-types send a request.
      if (/^[a-z][a-z0-9+.-]+:/i.test(glob)) report(`${at}.externalRefs.${i}`, `expected a local file glob relative to the config file, got the URL ${JSON.stringify(glob)}`);
      else if (glob.trim() === "") report(`${at}.externalRefs.${i}`, "expected a glob, got an empty string");
    });
  }
  const fakes = raw["fakes"];
  if (isRecord(fakes)) {
    checkKeys(fakes, `${at}.fakes`, ["msw"], report);
    if (fakes["msw"] !== undefined && typeof fakes["msw"] !== "boolean") report(`${at}.fakes.msw`, `expected true or false, got ${describe(fakes["msw"])}`);
  } else if (fakes !== undefined && typeof fakes !== "boolean") report(`${at}.fakes`, `expected true, false or { msw: true }, got ${describe(fakes)}`);
  const watch = raw["watch"];
  if (watch !== undefined && (!isStringArray(watch) || watch.length === 0))
    report(`${at}.watch`, `expected a non-empty list of globs, got ${describe(watch)}`);
}

function validateBreakingRules(rules: unknown, report: (path: string, message: string) => void): void {
  if (rules === undefined) return;
  if (!isRecord(rules)) return report("breaking.rules", `expected an object of levels by rule id, got ${describe(rules)}`);
  for (const [id, level] of Object.entries(rules)) {
    checkRuleId(id, `breaking.rules.${id}`, report);
    checkEnum(level, `breaking.rules.${id}`, ["error", "warn", "info", "off"], report);
  }
}

function validateIgnores(ignore: unknown, report: (path: string, message: string) => void): void {
  if (ignore === undefined) return;
  if (!Array.isArray(ignore)) return report("breaking.ignore", `expected a list of { rule, location, reason }, got ${describe(ignore)}`);
  ignore.forEach((entry, i) => {
    const at = `breaking.ignore.${i}`;
    if (!isRecord(entry)) return report(at, `expected { rule, location, reason, expires? }, got ${describe(entry)}`);
    checkKeys(entry, at, ["rule", "location", "reason", "expires"], report);
    if (!isNonEmptyString(entry["rule"])) report(`${at}.rule`, `required: expected a rule id, got ${describe(entry["rule"])}`);
    else checkRuleId(entry["rule"], `${at}.rule`, report);
    if (!isNonEmptyString(entry["location"]))
      report(`${at}.location`, `required: expected the location as reported (e.g. "Item.price"), got ${describe(entry["location"])}`);
    if (!isNonEmptyString(entry["reason"])) report(`${at}.reason`, `required: say why this change is accepted, got ${describe(entry["reason"])}`);
    const expires = entry["expires"];
    if (expires !== undefined && !(isString(expires) && isCalendarDate(expires)))
      report(`${at}.expires`, `expected a date as YYYY-MM-DD, got ${describe(expires)}`);
  });
}

function checkRuleId(id: string, path: string, report: (path: string, message: string) => void): void {
  if (RULE_IDS.includes(id)) return;
  const close = RULE_IDS.find((known) => editDistance(known, id) <= 3);
  report(path, `unknown rule id${close ? ` (did you mean "${close}"?)` : ""}`);
}

/** `YYYY-MM-DD` naming a real day: `Date` rolls 2025-02-30 over to March, so compare round-tripped. */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
}

function checkKeys(
  obj: Record<string, unknown>,
  at: string,
  known: string[],
  report: (path: string, message: string) => void,
): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const close = known.find((k) => editDistance(k.toLowerCase(), key.toLowerCase()) <= 2);
    report(at ? `${at}.${key}` : key, `unknown option${close ? ` (did you mean "${close}"?)` : ""}`);
  }
}

function checkEnum(value: unknown, path: string, allowed: string[], report: (path: string, message: string) => void) {
  if (value !== undefined && !allowed.includes(value as string))
    report(path, `expected one of ${allowed.map((a) => `"${a}"`).join(", ")}, got ${describe(value)}`);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";
const isNonEmptyString = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
