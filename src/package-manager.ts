import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export type PackageManagerName = "npm" | "pnpm" | "yarn" | "bun";

/** The commands a hint prints, spelled for the project's package manager. */
export interface PackageManager {
  name: PackageManagerName;
  /** Runs the project's own `sync-types` (never downloads one): `npx sync-types`, `pnpm exec sync-types`, `yarn sync-types`, `bun run sync-types` */
  run(args?: string): string;
  /** Adds a dev dependency: `npm i -D sync-types`, `pnpm add -D sync-types`, … */
  addDev(pkg: string): string;
  /** Installs the project's dependencies. */
  install: string;
}

// Several lock files in one folder happen (a migration half done): the rarer tool is the deliberate one.
const LOCK_FILES: [string, PackageManagerName][] = [
  ["bun.lock", "bun"],
  ["bun.lockb", "bun"],
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["package-lock.json", "npm"],
  ["npm-shrinkwrap.json", "npm"],
];

const RUN: Record<PackageManagerName, string> = { npm: "npx", pnpm: "pnpm exec", yarn: "yarn", bun: "bun run" };
const ADD_DEV: Record<PackageManagerName, string> = { npm: "npm i -D", pnpm: "pnpm add -D", yarn: "yarn add -D", bun: "bun add -d" };

const detected = new Map<string, PackageManagerName>();

/**
 * The package manager of the project holding `dir`: from the nearest folder (upward) with a
 * `package.json` `packageManager` field or a lock file, that field first; else npm. Only the
 * project decides, never the tool that happened to start us, so the same tree always prints the
 * same hints. Read once per folder and process.
 */
export function packageManagerFor(dir: string): PackageManager {
  const start = resolve(dir);
  let name = detected.get(start);
  if (!name) {
    name = fromFiles(start) ?? "npm";
    detected.set(start, name);
  }
  return commandsOf(name);
}

export function commandsOf(name: PackageManagerName): PackageManager {
  return {
    name,
    run: (args) => `${RUN[name]} sync-types${args ? ` ${args}` : ""}`,
    addDev: (pkg) => `${ADD_DEV[name]} ${pkg}`,
    install: `${name} install`,
  };
}

function fromFiles(start: string): PackageManagerName | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    const declared = declaredIn(join(dir, "package.json"));
    if (declared) return declared;
    const lock = LOCK_FILES.find(([file]) => existsSync(join(dir, file)));
    if (lock) return lock[1];
    if (dirname(dir) === dir) return undefined;
  }
}

/** Corepack's `"packageManager": "pnpm@9.1.0"`. */
function declaredIn(file: string): PackageManagerName | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const value = (JSON.parse(readFileSync(file, "utf8")) as { packageManager?: unknown }).packageManager;
    return typeof value === "string" ? known(value.split("@")[0]!) : undefined;
  } catch {
    return undefined; // a broken package.json is not ours to report
  }
}

function known(name: string): PackageManagerName | undefined {
  return name === "npm" || name === "pnpm" || name === "yarn" || name === "bun" ? name : undefined;
}
