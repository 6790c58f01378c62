import type { CheckReport } from "./check/index.js";
import type { ResolvedConfig, ResolvedService } from "./config/types.js";
import type { Change } from "./diff/types.js";
import type { GeneratedFile } from "./generate/file.js";
import type { OpenApiDocument } from "./spec/types.js";
import { PluginError, SyncTypesError } from "./errors.js";

type Awaitable<T> = T | Promise<T>;

/** A plugin is a plain object with a name and optional hooks, called in order at each stage. */
export interface Plugin {
  name: string;
  /** Runs first (`"pre"`) or last (`"post"`) among plugins. Default: in declaration order. */
  enforce?: "pre" | "post";
  /** The config is resolved; return a new one to change it. */
  configResolved?(config: ResolvedConfig): Awaitable<ResolvedConfig | void>;
  /** A service's spec is obtained and canonical; return a document to replace it. */
  specReady?(context: { service: ResolvedService; spec: OpenApiDocument }): Awaitable<OpenApiDocument | void>;
  /**
   * A service's files are generated in memory; return a list to replace them (add, drop, transform).
   * Start an added file with `banner`. Each file returned is listed in the output folder's manifest, which is how a later sync knows to remove it once it is no longer generated.
   */
  filesGenerated?(context: { service: ResolvedService; spec: OpenApiDocument; files: GeneratedFile[]; banner: string }): Awaitable<GeneratedFile[] | void>;
  /** A service's contract diff is computed (sync, check, `diff`); return a list to replace it (drop or reclassify changes) before `breaking` judges it. */
  diffDone?(context: { service: ResolvedService; changes: Change[] }): Awaitable<Change[] | void>;
  /** `check` is done and its report final, exit code included: report it elsewhere (a PR comment, a dashboard). */
  checkDone?(context: { report: CheckReport }): Awaitable<void>;
}

export type PluginHook = Exclude<keyof Plugin, "name" | "enforce">;

export function definePlugin(plugin: Plugin): Plugin {
  return plugin;
}

export function sortPlugins(plugins: Plugin[]): Plugin[] {
  const rank = (p: Plugin) => (p.enforce === "pre" ? 0 : p.enforce === "post" ? 2 : 1);
  return [...plugins].sort((a, b) => rank(a) - rank(b));
}

/** Threads `value` through every plugin's `hook`; a plugin that throws is named in the error. */
export async function runHook<K extends PluginHook, T>(
  plugins: Plugin[],
  hook: K,
  value: T,
  call: (plugin: Plugin, value: T) => Awaitable<T | void> | undefined,
): Promise<T> {
  let current = value;
  for (const plugin of plugins) {
    if (!plugin[hook]) continue;
    try {
      const next = await call(plugin, current);
      if (next !== undefined) current = next;
    } catch (error) {
      // A plugin reporting a user error (a bad ecosystem file, say) keeps its exit code and details.
      if (error instanceof SyncTypesError) {
        error.message = `plugin "${plugin.name}" (${hook}): ${error.message}`;
        throw error;
      }
      throw new PluginError(plugin.name, hook, error);
    }
  }
  return current;
}
