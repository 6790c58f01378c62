import { ConfigError } from "../errors.js";
import { findConfig, loadConfigFile } from "./load.js";
import { resolveConfig, resolveService } from "./resolve.js";
import { validateConfig } from "./schema.js";
import type { ResolvedConfig, ResolvedService, ServiceConfig, UserConfig } from "./types.js";

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

/**
 * Validates and resolves services a plugin adds, exactly as if they were written in the config
 * file: same defaults, same dot-path messages, paths relative to the config folder.
 */
export function resolveServices(
  services: Record<string, ServiceConfig>,
  config: Pick<ResolvedConfig, "file" | "root">,
  origin: string,
): ResolvedService[] {
  const entries = Object.entries(services);
  if (entries.length === 0) return [];
  const issues = validateConfig({ services });
  if (issues.length > 0) {
    const noun = issues.length === 1 ? "problem" : "problems";
    throw new ConfigError(`${origin}: ${issues.length} service ${noun}`, { file: config.file, issues });
  }
  return entries.map(([name, service]) => resolveService(name, service, config.root, config.file));
}
