import type { UserConfig } from "./types.js";

/** Identity function that gives `sync-types.config.ts` its types. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
