/**
 * Defence in depth behind refs.ts: Redocly and openapi-typescript resolve external `$ref`s
 * with their own `BaseResolver` (file reads, `fetch`). Specs reach them with none left, and
 * should one slip through (a plugin's `specReady`, a future code path), these make the
 * attempt an error instead of I/O.
 */
import { BaseResolver, type Config } from "@redocly/openapi-core";

const refusal = (what: string) => new Error(`sync-types does not resolve external $ref ${what}: a spec never causes I/O`);

/** For `lintDocument` / `bundle`: every external document is refused, nothing is read. */
export class NoIoResolver extends BaseResolver {
  override async resolveDocument(_base: string | null, ref: string): Promise<never> {
    throw refusal(JSON.stringify(ref));
  }
}

/**
 * openapi-typescript builds its own `BaseResolver` from `config.resolve`, so only its `fetch`
 * can be replaced there (createConfig drops `customFetch`, hence set afterwards). Its file
 * reads have no hook: they are kept out by refs.ts running first (see generate/types.ts).
 */
export function withoutNetwork(config: Config): Config {
  config.resolve.http.customFetch = (url: unknown) => Promise.reject(refusal(JSON.stringify(String(url))));
  return config;
}
