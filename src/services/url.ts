import type { ResolvedService } from "../config/types.js";
import { ConfigError, ServiceError, errorMessage } from "../errors.js";
import type { Json } from "../spec/types.js";
import { parseSpecText, readBody } from "./common.js";

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Reads the spec of a service that is already running (pm2 in dev, a tunnel to another box). */
export async function obtainViaUrl(
  service: ResolvedService,
  options: { signal?: AbortSignal | undefined; warn?: ((message: string) => void) | undefined } = {},
): Promise<Json> {
  if (!service.url) {
    throw new ConfigError(`services.${service.name}.url: source "url" needs "url" (or a numeric "port")`, {
      hint: `add "url": "http://127.0.0.1:<port>" to the service, or use another --source`,
    });
  }
  const url = new URL(service.openapiPath, service.url.endsWith("/") ? service.url : `${service.url}/`);
  if (!LOOPBACK.test(url.hostname)) options.warn?.(`${service.name}: ${url.origin} is not a loopback address; the spec travels over the network`);
  const headers = expandHeaders(service);
  // One controller held by the timer, not AbortSignal.any([AbortSignal.timeout(…)]): the timeout
  // signal inside `any` can be garbage-collected, and a body that never ends then hangs for
  // undici's 5-minute default (nodejs/node#57736).
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException("timed out", "TimeoutError")), service.readyTimeoutMs);
  const forward = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", forward, { once: true });
  const shown = withoutCredentials(url);
  try {
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: controller.signal });
    } catch (error) {
      throw new ServiceError(service.name, `nothing answered at ${shown}: ${errorMessage((error as Error).cause ?? error)}`, {
        hint: 'start the service (e.g. pm2 start ecosystem.config.cjs) or use source: "http" to let sync-types start it',
      });
    }
    const text = await readBody(service, response, shown, service.readyTimeoutMs);
    if (!response.ok) {
      throw new ServiceError(service.name, `${shown} answered ${response.status}`, {
        hint: response.status === 401 || response.status === 403 ? 'check the auth "headers" and the environment variables they name' : `check "url" and "openapiPath"`,
      });
    }
    return parseSpecText(service, text, shown);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", forward);
  }
}

/** A URL for messages: `user:password@` is a secret like any header. */
function withoutCredentials(url: URL): string {
  if (!url.username && !url.password) return url.href;
  const copy = new URL(url);
  copy.username = "";
  copy.password = "";
  return copy.href;
}

/** `${VAR}` in header values comes from the environment; values are secrets and are never printed. */
export function expandHeaders(service: ResolvedService, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, template] of Object.entries(service.headers)) {
    headers[name] = template.replace(/\$\{(\w+)\}/g, (_, variable: string) => {
      const value = env[variable];
      if (value === undefined) {
        throw new ServiceError(service.name, `header ${name} needs the environment variable ${variable}, which is not set`, {
          hint: `export ${variable}=... before running sync-types`,
        });
      }
      return value;
    });
  }
  return headers;
}
