import type { ResolvedService } from "../config/types.js";
import { ServiceError } from "../errors.js";
import { redactUrl } from "../redact.js";

/** Hops after the first request; browsers allow 20, a spec route needs one or two. */
export const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export const isLoopback = (url: URL): boolean => LOOPBACK.test(url.hostname);

export interface SpecRequestOptions {
  /** Sent to the target's own origin (scheme, host and port) only; see credentialHeaders. Default none. */
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
  /** Told of each origin a redirect leads to outside loopback, and of secrets left behind. */
  warn?: ((message: string) => void) | undefined;
}

export interface SpecResponse {
  response: Response;
  /** Where the answer came from, for messages: `target` redacted, plus the redirect when there was one. */
  shown: string;
  /** The answer came from another origin than the target's: it was sent no headers. */
  elsewhere: boolean;
}

/**
 * GETs a spec, following redirects by hand: fetch would forward custom headers (`X-Api-Key`,
 * `Cf-Access-Token`; it drops only Authorization, Cookie and Proxy-Authorization) to whatever
 * origin a redirect names. Here the configured headers and the URL's `user:password` go to the
 * configured origin and nowhere else (the URL's own credentials are never sent: turn them into a
 * header with credentialHeaders), a redirect from https to http is refused, and each new
 * non-loopback origin is announced. Network failures are thrown as fetch throws them.
 */
export async function requestSpec(service: ResolvedService, target: URL, options: SpecRequestOptions = {}): Promise<SpecResponse> {
  const headers = options.headers ?? {};
  const hasSecrets = Object.keys(headers).length > 0;
  const shownTarget = redactUrl(target);
  const announced = new Set([target.origin]);
  let url = withoutCredentials(target);
  for (let hops = 0; ; hops++) {
    const response = await fetch(url, { headers: url.origin === target.origin ? headers : {}, redirect: "manual", signal: options.signal ?? null });
    const location = REDIRECTS.has(response.status) ? response.headers.get("location") : null;
    const shown = hops === 0 ? shownTarget : `${shownTarget} (redirected to ${redactUrl(url)})`;
    if (location === null) return { response, shown, elsewhere: url.origin !== target.origin };
    await response.body?.cancel().catch(() => undefined);
    const next = followable(service, location, url, shown);
    if (hops === MAX_REDIRECTS) {
      throw new ServiceError(service.name, `${shownTarget} redirected more than ${MAX_REDIRECTS} times (the last to ${redactUrl(next)})`, {
        hint: `point "url" and "openapiPath" at where the spec is served`,
      });
    }
    if (url.protocol === "https:" && next.protocol === "http:") {
      throw new ServiceError(service.name, `${shown} redirected from https to plain http (${redactUrl(next)}); not followed`, {
        hint: `the spec would travel unencrypted: fix the redirect on the server, or point "url" at where the spec is served over https`,
      });
    }
    if (!announced.has(next.origin)) {
      announced.add(next.origin);
      const left = hasSecrets && next.origin !== target.origin ? `; the headers and credentials configured for ${target.origin} are not sent there` : "";
      const remote = isLoopback(next) ? "" : ", which is not a loopback address: the spec travels over the network";
      if (left || remote) options.warn?.(`${service.name}: ${target.origin} redirected to ${next.origin}${remote}${left}`);
    }
    url = next;
  }
}

/** The next hop, or a clear error for a Location that is not an http(s) URL. */
function followable(service: ResolvedService, location: string, base: URL, shown: string): URL {
  let next: URL | undefined;
  try {
    next = new URL(location, base);
  } catch {
    next = undefined;
  }
  if (next === undefined || (next.protocol !== "http:" && next.protocol !== "https:")) {
    throw new ServiceError(service.name, `${shown} redirected to ${JSON.stringify(redactUrl(location))}, not an http(s) URL`, {
      hint: `point "url" and "openapiPath" at where the spec is served`,
    });
  }
  // Credentials a server writes into a Location are never used: only the configured ones are ours to send.
  return withoutCredentials(next);
}

/**
 * The headers for a URL's own origin: the configured ones plus `user:password@` as the Basic
 * header curl and browsers would send (fetch refuses URLs with credentials); a configured
 * Authorization header wins. Also the values an echoing server must not get printed.
 */
export function credentialHeaders(target: URL, headers: Record<string, string>): { headers: Record<string, string>; secrets: string[] } {
  const secrets = Object.values(headers);
  const explicitAuth = Object.keys(headers).some((name) => name.toLowerCase() === "authorization");
  if ((!target.username && !target.password) || explicitAuth) return { headers, secrets };
  const password = decode(target.password);
  const token = Buffer.from(`${decode(target.username)}:${password}`).toString("base64");
  return { headers: { Authorization: `Basic ${token}`, ...headers }, secrets: [...secrets, target.password, password, token] };
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function withoutCredentials(url: URL): URL {
  const copy = new URL(url);
  copy.username = "";
  copy.password = "";
  return copy;
}
