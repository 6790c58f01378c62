/**
 * What a config file needs, without loading the library (`import { defineConfig } from
 * "sync-types/config"`): the CLI evaluates the config before it needs anything else.
 */
export { defineConfig } from "./config/define.js";
export { definePlugin, type Plugin, type PluginHook } from "./plugins.js";
export type { ServiceConfig, UserConfig } from "./config/types.js";
