import type { ResolvedService, SourceKind } from "../config/types.js";
import type { Json } from "../spec/types.js";
import { obtainViaHttp } from "./http.js";
import { obtainViaImport } from "./import.js";
import { obtainViaUrl } from "./url.js";

export interface ObtainOptions {
  /** Overrides the service's own `source`. */
  source?: SourceKind | undefined;
  signal?: AbortSignal | undefined;
  onLine?: ((line: string) => void) | undefined;
  onStatus?: ((status: string) => void) | undefined;
  warn?: ((message: string) => void) | undefined;
}

/** The service's OpenAPI document as raw JSON, from whichever source applies. */
export function obtainSpec(service: ResolvedService, options: ObtainOptions = {}): Promise<Json> {
  switch (options.source ?? service.source) {
    case "http":
      return obtainViaHttp(service, options);
    case "import":
      options.onStatus?.("importing the app");
      return obtainViaImport(service, options);
    case "url":
      return obtainViaUrl(service, options);
  }
}

export { stopAllProcesses } from "./process.js";
