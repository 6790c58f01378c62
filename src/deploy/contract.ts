import { relative } from "node:path";
import type { ResolvedService } from "../config/types.js";
import { ConfigError, SpecError, UsageError, errorMessage } from "../errors.js";
import { redactUrl } from "../redact.js";
import type { Extracted } from "../services/cache.js";
import { obtainStreamSchemas } from "../services/stream-models.js";
import type { Session } from "../session.js";
import { readTextIfExists } from "../spec/store.js";
import type { Json } from "../spec/types.js";

/** Which contract of the service is judged: the one it serves (`live`) or the one committed in the working tree. */
export type ContractSource = { kind: "live"; url: string | undefined } | { kind: "committed" };

/** The contract to judge, raw, and how reports name where it came from (a URL always redacted). */
export async function obtainContract(session: Session, service: ResolvedService, source: ContractSource, warn: (message: string) => void): Promise<{ label: string; extracted: Extracted }> {
  if (source.kind === "live") {
    const url = source.url ?? service.url;
    if (!url) {
      throw new ConfigError(`services.${service.name}.url: --live asks each service at its configured url, and ${service.name} has none`, {
        file: session.config.file,
        hint: `add "url" to the service, or pass --live-url URL --service ${service.name}`,
      });
    }
    const live = { ...service, url };
    const { extracted } = await session.obtain(live, { source: "url", warn });
    return { label: `live ${redactUrl(new URL(service.openapiPath, url.endsWith("/") ? url : `${url}/`))}`, extracted };
  }
  const shown = relative(session.config.root, service.spec);
  const text = await readTextIfExists(service.spec, `services.${service.name}.spec`);
  if (text === undefined) {
    throw new UsageError(`${service.name}: no committed spec at ${shown} to judge`, `run \`sync-types -s ${service.name}\` and commit its spec, or judge the running service with --live`);
  }
  let spec: Json;
  try {
    spec = JSON.parse(text) as Json;
  } catch (error) {
    throw new SpecError(service.name, `${shown} is not valid JSON: ${errorMessage(error)}`, { hint: `resolve merge conflicts, or run \`sync-types -s ${service.name}\` to rewrite it` });
  }
  return { label: shown, extracted: { spec, streams: await obtainStreamSchemas(service) } };
}

/** `--live-url` must be an http(s) URL; its credentials, if any, are sent as Basic auth and never printed. */
export function parseLiveUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new UsageError(`--live-url ${JSON.stringify(redactUrl(value))}: not an http(s) URL`, "pass the base URL the service answers on, e.g. https://orders.example.com (its openapiPath is appended)");
  }
  return value;
}
