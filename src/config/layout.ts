import { isAbsolute, relative } from "node:path";
import { ConfigError } from "../errors.js";
import type { ResolvedConfig } from "./types.js";

/**
 * Paths two settings would both write: each run would silently replace the other's files (two
 * services in one output folder overwrite each other's client through the shared manifest), or
 * the spec would be written over the config. Compared case-insensitively: on macOS and Windows
 * `Out` and `out` are one folder.
 */
export function assertDistinctPaths(config: Pick<ResolvedConfig, "file" | "root" | "services" | "runtime">): void {
  const shown = (path: string) => relative(config.root, path) || ".";
  const claimed = new Map<string, string>([[config.file.toLowerCase(), "the config file"]]);
  const claim = (path: string, setting: string, what: string) => {
    const other = claimed.get(path.toLowerCase());
    if (other !== undefined) {
      throw new ConfigError(`${setting}: ${shown(path)} is already ${other}`, {
        file: config.file,
        hint: `give ${setting} a path of its own: sync-types writes the ${what} on every run and would overwrite ${other}`,
      });
    }
    claimed.set(path.toLowerCase(), setting);
  };
  for (const service of config.services) claim(service.spec, `services.${service.name}.spec`, "spec file");
  for (const service of config.services) claim(service.output, `services.${service.name}.output`, "output folder");
  for (const service of config.services) if (service.pydantic !== undefined) claim(service.pydantic, `services.${service.name}.pydantic`, "Pydantic module");
  for (const service of config.services) {
    if (service.pydantic !== undefined && within(service.output, service.pydantic))
      throw new ConfigError(`services.${service.name}.pydantic: ${shown(service.pydantic)} is inside services.${service.name}.output`, {
        file: config.file,
        hint: "keep the Pydantic module with the service's Python sources, outside the folder of generated TypeScript",
      });
  }
  // Each folder has one manifest: the shared runtime's folder cannot be a service's too.
  if (config.runtime.shared !== undefined) claim(config.runtime.shared, "runtime.shared", "shared runtime's folder");
}

function within(folder: string, path: string): boolean {
  const inside = relative(folder, path);
  return inside !== "" && !inside.startsWith("..") && !isAbsolute(inside);
}
