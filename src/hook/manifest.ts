/**
 * The hook's fast path needs a few facts per service (folder, watch globs, spec, output) and
 * the config file's path, not the config: loading a `.ts` config means stripping its types and
 * importing whatever it imports (`sync-types` itself), when the whole budget of a commit that
 * touches no service is 0.3 s. So those facts are cached next to the spec cache, keyed by the
 * config file's bytes and our version, and by the staged contract files (the commit's contract,
 * not the working tree's, decides what a staged path changes). */
import { createHash } from "node:crypto";
import { dirname, isAbsolute, join, relative, sep } from "node:path";
import picomatch from "picomatch";
import type { ResolvedService } from "../config/types.js";
import type { ContractCopy } from "../contract/generator.js";
import { readRegularFile } from "../regular-file.js";
import { IGNORED_DIRS, cacheDir } from "../services/cache.js";
import { readTextIfExists, writeFileAtomic } from "../spec/store.js";
import { VERSION } from "../version.js";
import { indexedBlobs } from "./staged.js";

export interface ManifestService {
  name: string;
  /** Absolute service folder; `watch` globs are relative to it. */
  dir: string;
  watch: string[];
  /** Absolute committed spec file and output folder. */
  spec: string;
  output: string;
  /** With a `contract`: the contract and every local file it imports as staged, absolute; staged changes to them change the service. */
  contractFiles?: string[];
}

export interface HookManifest {
  key: string;
  /** SHA-256 of the contract files' staged blobs: staging an edit to one may add an import, so the list is made again. */
  contractKey?: string;
  configFile: string;
  services: ManifestService[];
  /** Absolute `runtime.shared` folder, when set: every client imports it. */
  shared?: string | undefined;
}

/** Bumped when the manifest's shape changes: one cached by an older build is then a miss. */
const MANIFEST_FORMAT = 2;

const sha256 = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

export async function manifestKey(configFile: string): Promise<string> {
  return sha256(`${VERSION}\0${MANIFEST_FORMAT}\0${sha256(await readRegularFile(configFile, "config", null))}`);
}

function manifestFile(configFile: string): string {
  return join(cacheDir(dirname(configFile)), `hook-manifest.${sha256(configFile).slice(0, 16)}.json`);
}

/** The cached manifest when it was made from these exact config bytes and staged contract files; anything else is a miss. */
export async function readManifest(configFile: string, key: string, root: string): Promise<HookManifest | undefined> {
  const text = await readTextIfExists(manifestFile(configFile));
  if (text === undefined) return undefined;
  try {
    const manifest = JSON.parse(text) as HookManifest;
    if (manifest.key !== key) return undefined;
    return manifest.contractKey === (await contractKey(manifest.services, root)) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The contract files as the index holds them (their blob ids: no file is read), since what the
 * contract is made of is found from the index too; a file outside the repository by its bytes.
 */
async function contractKey(services: ManifestService[], root: string): Promise<string | undefined> {
  const files = [...new Set(services.flatMap((s) => s.contractFiles ?? []))].sort();
  if (files.length === 0) return undefined;
  const blobs = await indexedBlobs(root, files.filter((file) => within(root, file)));
  const ids = await Promise.all(files.map(async (file) => `${file}\0${within(root, file) ? (blobs.get(file) ?? "") : sha256((await readTextIfExists(file)) ?? "")}`));
  return sha256(ids.join("\0"));
}

async function writeManifest(manifest: HookManifest): Promise<void> {
  await writeFileAtomic(manifestFile(manifest.configFile), JSON.stringify(manifest));
}

/** Loads the config (after plugins: a plugin may add services) and caches its manifest. */
export async function buildManifest(configFile: string, key: string, root: string): Promise<HookManifest> {
  const { withSession } = await import("../session.js");
  const config = await withSession({ config: configFile }, async (session) => session.config);
  const files = await stagedContractFiles(root, config.services);
  const services: ManifestService[] = config.services.map(({ name, dir, watch, spec, output }) => {
    const contractFiles = files.get(name);
    return { name, dir, watch, spec, output, ...(contractFiles ? { contractFiles } : {}) };
  });
  const manifest: HookManifest = { key, configFile: config.file, services, shared: config.runtime.shared };
  const contract = await contractKey(services, root);
  if (contract !== undefined) manifest.contractKey = contract;
  // Like the spec cache, an optimisation: failing to write it must never fail the hook.
  await writeManifest(manifest).catch(() => undefined);
  return manifest;
}

/**
 * What each contract is made of as staged, found by the contract's own TypeScript program (no
 * module is generated): in place, unless the working tree differs there (contract-tree.ts), then
 * in a tree written out from the index. A contract that cannot be read counts as itself alone (the check then says why).
 */
async function stagedContractFiles(root: string, services: ResolvedService[]): Promise<Map<string, string[]>> {
  const withContract = services.filter((s): s is ResolvedService & { contract: string } => s.contract !== undefined);
  if (withContract.length === 0) return new Map();
  const { contractFiles } = await import("../contract/generator.js");
  const { stageContracts } = await import("./contract-tree.js");
  const read = (service: ResolvedService & { contract: string }, copy?: ContractCopy) => contractFiles(service, copy).catch(() => [service.contract]);
  const working = await Promise.all(withContract.map(async (s) => ({ name: s.name, contract: s.contract, files: await read(s) })));
  const tree = await stageContracts(root, working, { wide: true });
  try {
    return new Map(await Promise.all(withContract.map(async (s, i) => [s.name, tree.copies[s.name] ? await read(s, tree.copies[s.name]) : working[i]!.files] as const)));
  } finally {
    await tree.dispose();
  }
}

/**
 * The services a set of staged paths can change, in config order: a file matching a service's
 * `watch` globs (the same files its spec cache hashes), its committed spec, a file in its output
 * folder, a file of its contract; the config file and the shared runtime's folder (every client imports it) change them all.
 */
export function affectedServices(manifest: HookManifest, staged: string[]): string[] {
  const { shared } = manifest;
  if (staged.some((path) => path === manifest.configFile || (shared !== undefined && within(shared, path)))) return manifest.services.map((s) => s.name);
  return manifest.services
    .filter((service) => {
      const watched = watchedBy(service);
      return staged.some((path) => path === service.spec || within(service.output, path) || watched(path) || (service.contractFiles?.includes(path) ?? false));
    })
    .map((s) => s.name);
}

/** Whether an absolute path is one of the service's sources, as its `watch` globs say. */
export function watchedBy(service: ManifestService): (path: string) => boolean {
  // Compiled on first use: a docs-only commit never pays for it.
  let matches: picomatch.Matcher | undefined;
  return (path) => within(service.dir, path) && (matches ??= picomatch(service.watch, { dot: true, ignore: IGNORED_DIRS }))(relative(service.dir, path).split(sep).join("/"));
}

/** `path` is inside `dir` (not `dir` itself). */
export function within(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}
