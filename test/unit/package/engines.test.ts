// sync-types promises the Node versions package.json's `engines.node` names: every package a user
// installs with it must promise at least its lowest one, or `npm ci` warns (EBADENGINE) and we ship
// code whose authors do not support our users' Node. Those that do not, yet work, are listed below.
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { expect, test } from "vitest";
import { REPO_ROOT } from "../../helpers/paths.js";

// Not a dependency of ours: installed with the dev tools (@hey-api/openapi-ts, nx); only its range functions are used.
const semver = createRequire(import.meta.url)("semver") as {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
};

interface Manifest {
  name?: string;
  version?: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/**
 * Packages known to exclude that version, with the range they declare, why they are accepted and
 * which test shows them working on Node 20. The list must match exactly: a new exclusion fails, and
 * so does one that no longer excludes it (or is no longer installed) but is still listed here.
 */
const KNOWN_EXCLUSIONS: Record<string, string> = {
  // Every amaro release since 0.5 declares Node >= 22, yet it is what strips a `.ts` config's types
  // on Node < 22.6 (src/config/load.ts), and does so on Node 20: test/e2e/ts-config.test.ts and
  // test/unit/config/load.test.ts load `.ts` configs through it.
  amaro: ">=22",
  // 2.10.0 declares Node 22 but reads contracts on Node 20, as test/e2e/pydantic-roundtrip.test.ts
  // shows on Node 20. 2.4.0, the last release declaring Node 18, reads several contract constructs
  // differently, so the pin stays.
  "ts-json-schema-generator": ">=22.0.0",
};

const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;

/** The folder `name` resolves to from `from`, as Node looks it up (each `node_modules` up the tree). */
function resolvePackage(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

interface Installed {
  dir: string;
  manifest: Manifest;
  /** How the root reaches it, for the failure message. */
  via: string[];
}

/** Every package of the production tree: dependencies, installed optional ones, and required peers, transitively. */
function productionTree(root: string): Installed[] {
  const seen = new Map<string, Installed>();
  const visit = (from: string, manifest: Manifest, via: string[], isRoot: boolean) => {
    const required = Object.keys(manifest.dependencies ?? {});
    const peers = isRoot ? [] : Object.keys(manifest.peerDependencies ?? {}).filter((name) => !manifest.peerDependenciesMeta?.[name]?.optional);
    const optional = Object.keys(manifest.optionalDependencies ?? {});
    for (const name of [...required, ...peers, ...optional]) {
      const dir = resolvePackage(name, from);
      if (!dir) {
        if (optional.includes(name)) continue; // an optional dependency for another platform
        throw new Error(`${[...via, name].join(" → ")}: not installed (run npm install)`);
      }
      if (seen.has(dir)) continue;
      const installed = { dir, manifest: readManifest(dir), via: [...via, name] };
      seen.set(dir, installed);
      visit(dir, installed.manifest, installed.via, false);
    }
  };
  visit(root, readManifest(root), [], true);
  return [...seen.values()];
}

test("every production dependency supports the lowest Node version package.json promises", () => {
  const range = readManifest(REPO_ROOT).engines?.node;
  expect(range, "package.json engines.node").toBeTypeOf("string");
  const lowest = semver.minVersion(range!)!.version;
  const tree = productionTree(REPO_ROOT);
  expect(tree.map((p) => p.manifest.name)).toContain("ts-json-schema-generator");
  const excluding = tree.filter(({ manifest }) => typeof manifest.engines?.node === "string" && !semver.satisfies(lowest, manifest.engines.node));
  const unexpected = excluding
    .filter(({ manifest }) => KNOWN_EXCLUSIONS[manifest.name!] !== manifest.engines!.node)
    .map(({ manifest, via }) => `${manifest.name}@${manifest.version} (${via.join(" → ")}) wants Node ${manifest.engines!.node}`);
  expect(unexpected, `packages that exclude Node ${lowest}`).toEqual([]);
  const fixed = Object.keys(KNOWN_EXCLUSIONS).filter((name) => !excluding.some(({ manifest }) => manifest.name === name));
  expect(fixed, "known exclusions no longer found: remove them from KNOWN_EXCLUSIONS").toEqual([]);
});
