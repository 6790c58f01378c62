import type { ResolvedService } from "../config/types.js";
import { ConfigError, ServiceError, errorMessage } from "../errors.js";
import type { Json } from "../spec/types.js";
import { maskSecrets, redactUrl, redactUrlsIn } from "../redact.js";
import { parseSpecText, readBody } from "./common.js";
import { credentialHeaders, isLoopback, requestSpec, type SpecResponse } from "./fetch-spec.js";
import { expandHeaders, headerSecrets } from "./headers.js";

/** Reads the spec of a service that is already running (pm2 in dev, a tunnel to another box). */
export async function obtainViaUrl(service: ResolvedService, options: UrlOptions = {}): Promise<Json> {
  if (!service.url) {
    throw new ConfigError(`services.${service.name}.url: source "url" needs "url" (or a numeric "port")`, {
      hint: `add "url": "http://127.0.0.1:<port>" to the service, or use another --source`,
    });
  }
  const url = new URL(service.openapiPath, service.url.endsWith("/") ? service.url : `${service.url}/`);
  if (!isLoopback(url)) options.warn?.(`${service.name}: ${url.origin} is not a loopback address; the spec travels over the network`);
  return fetchSpecFromUrl(service, url, options);
}

export interface UrlOptions {
  signal?: AbortSignal | undefined;
  warn?: ((message: string) => void) | undefined;
}

/**
 * GETs the spec at `url` with the service's headers, within `readyTimeoutMs` and `maxSpecBytes`.
 * Messages name the URL redacted (src/redact.ts) and mask what the service echoes of its secrets.
 */
export async function fetchSpecFromUrl(service: ResolvedService, url: URL, options: UrlOptions = {}): Promise<Json> {
  const auth = credentialHeaders(url, expandHeaders(service));
  const secrets = [...auth.secrets, ...headerSecrets(service)];
  // One controller held by the timer, not AbortSignal.any([AbortSignal.timeout(…)]): the timeout
  // signal inside `any` can be garbage-collected, and a body that never ends then hangs for
  // undici's 5-minute default (nodejs/node#57736).
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("timed out", "TimeoutError")), service.readyTimeoutMs);
  const forward = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", forward, { once: true });
  try {
    let answer: SpecResponse;
    try {
      answer = await requestSpec(service, url, { headers: auth.headers, signal: controller.signal, warn: options.warn });
    } catch (error) {
      if (error instanceof ServiceError) throw error;
      const reason = maskSecrets(redactUrlsIn(errorMessage((error as Error).cause ?? error)), secrets);
      throw new ServiceError(service.name, `nothing answered at ${redactUrl(url)}: ${reason}`, {
        hint: 'start the service (e.g. pm2 start ecosystem.config.cjs) or use source: "http" to let sync-types start it',
      });
    }
    const { response, shown, elsewhere } = answer;
    const text = await readBody(service, response, shown, service.readyTimeoutMs);
    if (!response.ok) {
      const denied = response.status === 401 || response.status === 403;
      throw new ServiceError(service.name, `${shown} answered ${response.status}`, {
        hint: !denied ? `check "url" and "openapiPath"`
          : elsewhere ? `the configured headers and credentials are only sent to ${url.origin}: point "url" at the origin that serves the spec`
          : 'check the auth "headers" and the environment variables they name',
      });
    }
    return parseSpecText(service, text, shown, secrets);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", forward);
  }
}
