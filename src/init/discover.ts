import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { APP_REF } from "../config/schema.js";
import { errorMessage } from "../errors.js";
import { readPm2Apps } from "./pm2-apps.js";
import { fastApiAttribute, findVenvPython, moduleOf, tomlString, uvicornRunPort } from "./python-source.js";
import { relativePath, serviceName, type FoundService } from "./service-entry.js";

export interface DiscoveredService extends FoundService {
  app: string;
  /** Where it was found, relative to the project, e.g. `pm2 app "api" in ecosystem.config.cjs`. */
  foundIn: string[];
  /** The pm2 ecosystem files (absolute) that run it. */
  pm2Files: string[];
}

/** A pm2 app that is not a FastAPI service: maybe the Node app that calls them. */
export interface OtherPm2App {
  name: string;
  /** Absolute folder it runs in. */
  cwd: string;
  /** e.g. `pm2 app "web" in ecosystem.config.cjs`. */
  foundIn: string;
  /** The ecosystem file (absolute). */
  pm2File: string;
}

export interface Discovery {
  /** Sorted by name; names are unique. */
  services: DiscoveredService[];
  /** In the order the ecosystem files list them. */
  otherPm2Apps: OtherPm2App[];
  /** What was found but could not be used, for the user to see. */
  warnings: string[];
}

export interface DiscoverOptions {
  /** How many folder levels below the project to look. Default `6`. */
  maxDepth?: number;
  /** Folders to read at most, so a huge tree cannot stall `init`. Default `5000`. */
  maxDirs?: number;
}

const ECOSYSTEM_FILES = new Set(["ecosystem.config.cjs", "ecosystem.config.js"]);
// Dependencies, caches and build output hold other people's FastAPI apps, or copies of ours.
const SKIPPED_DIRS = new Set(["node_modules", "__pycache__", "site-packages", "build", "dist", "test", "tests"]);
const TEST_FILE = /^(test_.*|.*_test|conftest)\.py$/;
const MAX_SOURCE_BYTES = 1_000_000;

/**
 * Finds the FastAPI apps of a project, most explicit source first: pm2 ecosystem files (their
 * cwd, python, app, port, env), `pyproject.toml` `[tool.fastapi] entrypoint`, then Python files
 * that create `FastAPI(` at module level. The same app found twice is one service.
 * The walk skips dot-folders, virtualenvs and the folders in SKIPPED_DIRS.
 */
export function discoverServices(root: string, options: DiscoverOptions = {}): Discovery {
  const files = walk(root, options.maxDepth ?? 6, options.maxDirs ?? 5000);
  const found = new Collector(root);
  for (const file of files.ecosystems) fromEcosystem(file, found);
  for (const file of files.pyprojects) fromPyproject(file, found);
  for (const file of files.sources) fromSource(file, found);
  return { services: found.services(), otherPm2Apps: found.otherPm2Apps, warnings: [...files.warnings, ...found.warnings] };
}

function fromEcosystem(file: string, found: Collector): void {
  const where = found.relative(file);
  let apps, others;
  try {
    ({ apps, others } = readPm2Apps(file));
  } catch (error) {
    found.warnings.push(`skipped ${where}: ${errorMessage(error)}`);
    return;
  }
  for (const { name, cwd } of others) found.otherPm2Apps.push({ name, cwd, foundIn: `pm2 app "${name}" in ${where}`, pm2File: file });
  for (const { name, dir, app, python, port, host, env, server } of apps) {
    if (app) found.add({ name, dir, app, python, port, host, env }, `pm2 app "${name}" in ${where}`, file);
    else found.warnings.push(`pm2 app "${name}" in ${where} runs ${server} without naming its app: skipped`);
  }
}

function fromPyproject(file: string, found: Collector): void {
  const text = readFileSync(file, "utf8");
  const app = tomlString(text, "tool.fastapi", "entrypoint");
  if (app === undefined) return;
  const where = `[tool.fastapi] entrypoint in ${found.relative(file)}`;
  if (!APP_REF.test(app)) {
    found.warnings.push(`${where} is "${app}", not "module:attr": skipped`);
    return;
  }
  const dir = dirname(file);
  const name = serviceName(tomlString(text, "project", "name") ?? basename(dir));
  found.add({ name, dir, app, python: findVenvPython(dir, found.root), port: undefined, host: undefined, env: {} }, where);
}

function fromSource(file: string, found: Collector): void {
  if (statSync(file).size > MAX_SOURCE_BYTES) return;
  const source = readFileSync(file, "utf8");
  if (!source.includes("FastAPI")) return;
  const attribute = fastApiAttribute(source);
  if (!attribute) return;
  const { root: dir, module } = moduleOf(file);
  const app = `${module}:${attribute}`;
  if (!APP_REF.test(app)) return;
  const folder = basename(dir) === "src" ? basename(dirname(dir)) : basename(dir);
  const python = findVenvPython(dir, found.root);
  found.add({ name: serviceName(folder), dir, app, python, port: uvicornRunPort(source), host: undefined, env: {} }, `FastAPI() in ${found.relative(file)}`);
}

/** Merges finds of the same app (same folder and `module:attr`) and keeps names unique. */
class Collector {
  readonly warnings: string[] = [];
  readonly otherPm2Apps: OtherPm2App[] = [];
  private readonly byApp = new Map<string, DiscoveredService>();
  constructor(readonly root: string) {}

  relative(path: string): string {
    return relativePath(this.root, path);
  }

  add(service: Omit<DiscoveredService, "foundIn" | "pm2Files">, where: string, pm2File?: string): void {
    const pm2Files = pm2File ? [pm2File] : [];
    const key = `${service.dir}\0${service.app}`;
    const known = this.byApp.get(key);
    if (!known) {
      const names = new Set([...this.byApp.values()].map((s) => s.name));
      let name = service.name;
      for (let n = 2; names.has(name); n++) name = `${service.name}-${n}`;
      this.byApp.set(key, { ...service, name, foundIn: [where], pm2Files });
      return;
    }
    known.foundIn.push(where);
    known.pm2Files.push(...pm2Files);
    known.python ??= service.python;
    known.port ??= service.port;
  }

  services(): DiscoveredService[] {
    return [...this.byApp.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

interface ProjectFiles {
  ecosystems: string[];
  pyprojects: string[];
  sources: string[];
  warnings: string[];
}

/** Breadth-first with sorted entries, so the same tree always gives the same order. */
function walk(root: string, maxDepth: number, maxDirs: number): ProjectFiles {
  const files: ProjectFiles = { ecosystems: [], pyprojects: [], sources: [], warnings: [] };
  const queue: Array<[string, number]> = [[root, 0]];
  for (let visited = 0; queue.length > 0; visited++) {
    if (visited === maxDirs) {
      files.warnings.push(`stopped looking after ${maxDirs} folders; services deeper in the tree are not listed`);
      break;
    }
    const [dir, depth] = queue.shift()!;
    for (const entry of readEntries(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < maxDepth && !isSkipped(entry.name, path)) queue.push([path, depth + 1]);
      } else if (entry.isFile()) {
        if (ECOSYSTEM_FILES.has(entry.name)) files.ecosystems.push(path);
        else if (entry.name === "pyproject.toml") files.pyprojects.push(path);
        else if (entry.name.endsWith(".py") && !TEST_FILE.test(entry.name)) files.sources.push(path);
      }
    }
  }
  return files;
}

/** Sorted entries; a folder we may not read is one we cannot discover anything in. */
function readEntries(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  } catch {
    return [];
  }
}

function isSkipped(name: string, path: string): boolean {
  return name.startsWith(".") || SKIPPED_DIRS.has(name) || existsSync(join(path, "pyvenv.cfg"));
}
