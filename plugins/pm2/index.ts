import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { ConfigError, definePlugin, resolveServices, type Plugin, type ServiceConfig } from "../../src/index.js";
import { readPm2Apps, toServiceConfig } from "../../src/discovery.js";

export interface Pm2Options {
  /** The pm2 ecosystem file, relative to the config. Default `ecosystem.config.cjs`, else `ecosystem.config.js`, next to the config. */
  ecosystem?: string;
  /** Only these pm2 apps, by name. Default: every FastAPI app in the file. */
  include?: string[];
  /**
   * Options per app that replace what was discovered, written as in `services.<name>`.
   * Default `{}`; without them `spec` is `contracts/<name>.openapi.json` and `output` is
   * `src/clients/<name>`, both relative to the config.
   */
  overrides?: Record<string, Partial<ServiceConfig>>;
}

const DEFAULT_FILES = ["ecosystem.config.cjs", "ecosystem.config.js"];

/**
 * Adds a service for each FastAPI app in a pm2 ecosystem file (uvicorn, `python -m uvicorn`,
 * gunicorn with a uvicorn worker, the fastapi CLI): its cwd, python, app, env, and its port as
 * `url`. Node apps and anything else are skipped; services written in the config win.
 */
export function pm2(options: Pm2Options = {}): Plugin {
  return definePlugin({
    name: "pm2",
    // Other plugins should see the discovered services as if they were written in the config.
    enforce: "pre",
    configResolved(config) {
      const file = ecosystemFile(config.root, options.ecosystem);
      const { apps, ignored } = readPm2Apps(file);
      const names = apps.map((app) => app.name);
      checkNames("include", options.include ?? [], names, ignored, file);
      checkNames("overrides", Object.keys(options.overrides ?? {}), names, ignored, file);

      const written = new Set(config.services.map((service) => service.name));
      const services: Record<string, ServiceConfig> = {};
      for (const app of apps) {
        if (written.has(app.name) || (options.include && !options.include.includes(app.name))) continue;
        services[app.name] = { ...toServiceConfig(app, config.root), ...options.overrides?.[app.name] };
      }
      const added = resolveServices(services, config, `pm2 apps of ${file}`);
      return { ...config, services: [...config.services, ...added] };
    },
  });
}

function ecosystemFile(root: string, given: string | undefined): string {
  if (given !== undefined) return resolve(root, given);
  const found = DEFAULT_FILES.map((name) => join(root, name)).find((file) => existsSync(file));
  if (found) return found;
  throw new ConfigError(`pm2: no ${DEFAULT_FILES.join(" or ")} in ${root}`, {
    hint: 'name the file: pm2({ ecosystem: "deploy/ecosystem.config.cjs" })',
  });
}

/** A name that matches no FastAPI app is a typo or a Node app: say which, rather than ignore it. */
function checkNames(option: string, given: string[], apps: string[], ignored: string[], file: string): void {
  for (const name of given) {
    if (apps.includes(name)) continue;
    const message = ignored.includes(name)
      ? `pm2 ${option}: app "${name}" of ${file} is not a FastAPI app`
      : `pm2 ${option}: ${file} has no app "${name}" (its FastAPI apps: ${apps.join(", ") || "none"})`;
    throw new ConfigError(message, { file });
  }
}
