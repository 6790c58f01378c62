import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve, sep } from "node:path";
import { globSync } from "tinyglobby";
import type { Discovery } from "./discover.js";
import { relativePath } from "./service-entry.js";

/** A Node/TypeScript app that may call the services: where their clients go and whose tsconfig checks the call sites. */
export interface Consumer {
  /** Absolute folder. */
  dir: string;
  /** Absolute path of its `tsconfig.json`. */
  tsconfig: string;
  /** Why it is one, most telling first, e.g. `pm2 app "web" in ecosystem.config.cjs`. */
  foundIn: string[];
  /** The pm2 ecosystem file that runs it, when one does. */
  pm2File: string | undefined;
  /** The strongest kind of evidence, for the order: pm2 app, then workspace package, then a bare tsconfig.json. */
  evidence: Evidence;
}

type Evidence = "pm2" | "workspace" | "tsconfig";

const EVIDENCE_ORDER: Evidence[] = ["pm2", "workspace", "tsconfig"];

/** What `init` looked for, said when it found nothing. */
export const CONSUMER_SOURCES = "pm2 apps that are not FastAPI, npm/pnpm/yarn workspace packages, and a tsconfig.json in the project folder or a folder right below it";

/** How `--yes` (or a run off a terminal) picks among several, said with the pick. */
export const CONSUMER_RULE = "a pm2 app ranks first, then a workspace package, then any other folder with a tsconfig.json; the project folder itself last; ties by path";

/**
 * The Node/TypeScript apps of a project, each a folder with a `tsconfig.json` outside the
 * services, ordered by CONSUMER_RULE: the first is the one `--yes` picks.
 */
export function discoverConsumers(root: string, discovery: Pick<Discovery, "services" | "otherPm2Apps">): Consumer[] {
  const found = new Map<string, Consumer>();
  // A service at the project root (main.py beside web/) holds everything: only deeper ones rule folders out.
  const serviceDirs = discovery.services.map((s) => s.dir).filter((dir) => dir !== root);
  const add = (dir: string, evidence: Evidence, why: string, pm2File?: string) => {
    const tsconfig = join(dir, "tsconfig.json");
    if (!isFile(tsconfig) || serviceDirs.some((s) => dir === s || dir.startsWith(`${s}${sep}`))) return;
    const known = found.get(dir);
    if (!known) {
      found.set(dir, { dir, tsconfig, foundIn: [why], pm2File, evidence });
      return;
    }
    if (!known.foundIn.includes(why)) known.foundIn.push(why);
    known.pm2File ??= pm2File;
    if (EVIDENCE_ORDER.indexOf(evidence) < EVIDENCE_ORDER.indexOf(known.evidence)) known.evidence = evidence;
  };
  for (const app of discovery.otherPm2Apps) add(app.cwd, "pm2", app.foundIn, app.pm2File);
  for (const { dir, why } of workspacePackages(root)) add(dir, "workspace", why);
  for (const dir of [root, ...childFolders(root)]) add(dir, "tsconfig", `${relativePath(root, join(dir, "tsconfig.json"))}`);
  return [...found.values()].sort((a, b) => rank(a, root) - rank(b, root) || (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
}

function rank(consumer: Consumer, root: string): number {
  return EVIDENCE_ORDER.indexOf(consumer.evidence) * 2 + (consumer.dir === root ? 1 : 0);
}

/** Packages named by `package.json` `workspaces` (npm, yarn, bun) and `pnpm-workspace.yaml` `packages`. */
function workspacePackages(root: string): { dir: string; why: string }[] {
  const sources: [string, string[]][] = [
    ["package.json workspaces", packageJsonWorkspaces(join(root, "package.json"))],
    ["pnpm-workspace.yaml", pnpmWorkspaces(join(root, "pnpm-workspace.yaml"))],
  ];
  const packages: { dir: string; why: string }[] = [];
  for (const [source, patterns] of sources) {
    const included = patterns.filter((p) => !p.startsWith("!"));
    if (included.length === 0) continue;
    const dirs = globSync(included, {
      cwd: root,
      onlyDirectories: true,
      ignore: ["**/node_modules/**", ...patterns.filter((p) => p.startsWith("!")).map((p) => p.slice(1))],
      expandDirectories: false,
    });
    for (const dir of dirs.sort()) packages.push({ dir: resolve(root, dir), why: `workspace package in ${source}` });
  }
  return packages;
}

function packageJsonWorkspaces(file: string): string[] {
  try {
    const workspaces = (JSON.parse(readFileSync(file, "utf8")) as { workspaces?: unknown }).workspaces;
    const list = Array.isArray(workspaces) ? workspaces : (workspaces as { packages?: unknown } | undefined)?.packages;
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === "string") : [];
  } catch {
    return []; // no package.json, or one npm itself would refuse: no workspaces to follow
  }
}

/** The `packages:` list of a pnpm-workspace.yaml: a flat list of quoted or bare globs is all pnpm documents. */
function pnpmWorkspaces(file: string): string[] {
  if (!existsSync(file)) return [];
  const patterns: string[] = [];
  let inPackages = false;
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    if (/^packages\s*:/.test(line)) inPackages = true;
    else if (/^\S/.test(line)) inPackages = false;
    else if (inPackages) {
      const item = /^\s+-\s*(?:"([^"]*)"|'([^']*)'|([^#\s]+))/.exec(line);
      const pattern = item?.[1] ?? item?.[2] ?? item?.[3];
      if (pattern) patterns.push(pattern);
    }
  }
  return patterns;
}

/** Folders right below the project, in name order, without dependencies, build output and dot-folders. */
function childFolders(root: string): string[] {
  try {
    return readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !["node_modules", "dist", "build"].includes(e.name))
      .map((e) => join(root, e.name))
      .sort();
  } catch {
    return [];
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
