import { ConfigError } from "../errors.js";
import { findConfig, loadConfigFile } from "./load.js";
import { resolveConfig } from "./resolve.js";
import { validateConfig } from "./schema.js";
import type { ResolvedConfig, UserConfig } from "./types.js";

export { defineConfig } from "./define.js";
export type * from "./types.js";

export interface LoadConfigOptions {
  /** Where to start looking for the config. Default `process.cwd()`. */
  cwd?: string;
  /** An explicit config file (`-c`). */
  config?: string;
}

/** find → load → validate → resolve. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<ResolvedConfig> {
  const file = findConfig(options.cwd ?? process.cwd(), options.config);
  const raw = await loadConfigFile(file);
  const issues = validateConfig(raw);
  if (issues.length > 0) {
    const noun = issues.length === 1 ? "problem" : "problems";
    throw new ConfigError(`${file}: ${issues.length} config ${noun}`, { file, issues });
  }
  return resolveConfig(raw as UserConfig, file);
}
