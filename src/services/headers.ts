/**
 * A `url` service's request headers, `${VAR}` read from the environment. What fetch cannot send
 * is the user's config or environment, not the service: it is found here, before any service
 * starts (`Session.select`), and reported as a config error naming the header and the variable,
 * never the value (it is usually a secret).
 */
import type { ResolvedService, SourceKind } from "../config/types.js";
import { ConfigError } from "../errors.js";

/** What undici sends in a header value: tab, visible ASCII, space and Latin-1 above 0x7f; nothing else. */
export const HEADER_VALUE = /^[\t\u0020-\u007e\u0080-\u00ff]*$/;

const VARIABLE = /\$\{(\w+)\}/g;

/** Why fetch would refuse `value`, in words that show none of it; undefined when it is sendable. */
export function unsendable(value: string): string | undefined {
  if (HEADER_VALUE.test(value)) return undefined;
  if (/[\r\n]/.test(value)) return "a line break";
  if (/[^\u0000-\u00ff]/.test(value)) return "a character beyond Latin-1";
  return "a control character";
}

/** The headers to send, with `${VAR}` expanded; a missing or unsendable variable is a ConfigError (exit 2). */
export function expandHeaders(service: ResolvedService, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, template] of Object.entries(service.headers)) {
    const at = `services.${service.name}.headers.${name}`;
    const used: string[] = [];
    const value = template.replace(VARIABLE, (_, variable: string) => {
      const value = env[variable];
      if (value === undefined) {
        throw new ConfigError(`${at}: needs the environment variable ${variable}, which is not set`, { hint: `export ${variable}=... before running sync-types` });
      }
      used.push(variable);
      return value;
    });
    // fetch strips a value's outer whitespace first: the newline a token file ends with is sent fine.
    if (unsendable(trimOuter(value))) {
      const culprit = used.find((v) => unsendable(trimOuter(env[v]!))) ?? used.find((v) => unsendable(env[v]!));
      const why = unsendable(trimOuter(culprit === undefined ? value : env[culprit]!)) ?? unsendable(value)!;
      if (culprit === undefined) throw new ConfigError(`${at}: the value holds ${why}, which an HTTP header cannot carry`, { hint: "fix the header's value in the config" });
      throw new ConfigError(`${at}: the environment variable ${culprit} holds ${why}, which an HTTP header cannot carry (its value is not shown)`, { hint: fixFor(culprit, why) });
    }
    headers[name] = value;
  }
  return headers;
}

/** What fetch takes off both ends of a header value before checking it. */
function trimOuter(value: string): string {
  const blank = (i: number) => " \t\r\n".includes(value[i]!);
  let start = 0;
  let end = value.length;
  while (start < end && blank(start)) start++;
  while (end > start && blank(end - 1)) end--;
  return value.slice(start, end);
}

function fixFor(variable: string, why: string): string {
  if (why === "a line break") return `set ${variable} to a single line: a header cannot span lines (a multi-line secret, a PEM key say, must be encoded first, e.g. base64)`;
  if (why === "a character beyond Latin-1") return `headers carry Latin-1 only: set ${variable} to the value as the service expects it encoded (base64, percent-encoding)`;
  return `remove the control characters from ${variable}`;
}

/** The environment values the service's headers name: what an echoing server must not get printed. */
export function headerSecrets(service: ResolvedService, env: NodeJS.ProcessEnv = process.env): string[] {
  const names = Object.values(service.headers).flatMap((template) => [...template.matchAll(VARIABLE)].map((m) => m[1]!));
  return names.flatMap((name) => env[name] ?? []);
}

/** Every header a run will send, checked before anything starts: only services asked over `url` send them. */
export function assertSendableHeaders(services: ResolvedService[], source: SourceKind | undefined): void {
  for (const service of services) if ((source ?? service.source) === "url") expandHeaders(service);
}
