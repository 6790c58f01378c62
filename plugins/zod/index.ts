import { ConfigError, definePlugin, type Plugin } from "../../src/index.js";
import { generateZodSchemas } from "./generate.js";

export interface ZodOptions {
  /** Services that get `schemas.gen.ts`, by name. Default: every service. */
  services?: string[];
}

/**
 * Adds `schemas.gen.ts` to each service's output: a zod schema per model, typed with
 * types.gen.ts, and `createValidatingClient`, whose calls reject with `ResponseValidationError`
 * when a response does not match the spec. zod (>= 4.3) is needed by the project that compiles
 * the generated files, not by sync-types.
 */
export function zod(options: ZodOptions = {}): Plugin {
  return definePlugin({
    name: "zod",
    configResolved(config) {
      const known = config.services.map((service) => service.name);
      const unknown = (options.services ?? []).filter((name) => !known.includes(name));
      if (unknown.length === 0) return;
      const names = unknown.map((name) => `"${name}"`).join(", ");
      throw new ConfigError(`option services: no service named ${names} in the config (its services: ${known.join(", ")})`, { file: config.file });
    },
    filesGenerated({ service, spec, files, banner }) {
      if (options.services && !options.services.includes(service.name)) return;
      return [...files, { path: "schemas.gen.ts", content: banner + generateZodSchemas(spec) }];
    },
  });
}
