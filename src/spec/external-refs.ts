/**
 * The opt-in for external `$ref`s (`services.<name>.externalRefs`): local JSON files matched by
 * the service's globs are read here, and only here, and their content is inlined in place of
 * each `$ref` before the spec is canonicalized. The committed spec is thus self-contained:
 * diff, generation and plugins never see an external `$ref`, and refs.ts still refuses any
 * that is left. Relative references are read from the committed spec file's folder (the
 * document they will live in), references inside an included file from that file's folder.
 *
 * Never a URL; a path must match a glob both as written (after `..` is resolved) and after
 * symlinks are followed; a file referring back to itself cannot be inlined and is refused.
 */
import { realpath, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { ResolvedService } from "../config/types.js";
import { SpecError, errorMessage } from "../errors.js";
import { childPointer, parseRef, valueAt } from "./pointer.js";
import { MAX_DEPTH } from "./refs.js";
import { isJsonObject, type Json, type JsonObject } from "./types.js";
import { assertRegularFile, readRegularFile } from "../regular-file.js";

/** Inlined references per spec: a few files referring to each other twice per level would otherwise grow without bound. */
const MAX_INLINED = 10_000;
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const URL_SCHEME = /^[a-z][a-z0-9+.-]+:/i;

interface RefSite {
  /** Keys from the value being inlined down to the `$ref` holder. */
  keys: string[];
  holder: JsonObject;
  ref: string;
}

/** `raw` with every external `$ref` the service allows replaced by what it names; `raw` itself when it has none. */
export async function inlineExternalRefs(raw: Json, service: ResolvedService): Promise<Json> {
  if (service.externalRefs.length === 0 || findRefSites(raw, false).length === 0) return raw;
  const allowed = await allowList(service.externalRefs);
  const files = new Map<string, Promise<Json>>();
  let inlined = 0;

  const refuse = (site: string, ref: string, why: string) =>
    new SpecError(service.name, `$ref ${JSON.stringify(ref)} at #${site}: ${why}`, {
      hint: `external $refs are read only from local files matched by services.${service.name}.externalRefs`,
    });

  const target = async (ref: string, base: { dir: string; file: string | undefined }, site: string, chain: string[]): Promise<Json> => {
    const parsed = parseRef(base.file !== undefined && ref.startsWith("#") ? `${base.file}${ref}` : ref);
    if (parsed.kind !== "external") throw refuse(site, ref, "not a reference sync-types can read");
    if (URL_SCHEME.test(parsed.uri)) throw refuse(site, ref, "a URL; a spec never makes sync-types send a request");
    let path: string;
    try {
      path = resolve(base.dir, decodeURIComponent(parsed.uri));
    } catch {
      throw refuse(site, ref, `"${parsed.uri}" has a "%" that is not a valid escape`);
    }
    const real = await realpath(path).catch(() => undefined);
    if (real === undefined) throw refuse(site, ref, `${path} does not exist`);
    if (!allowed(path) || !allowed(real)) throw refuse(site, ref, `${real} is not matched by services.${service.name}.externalRefs`);
    const key = `${real}#${parsed.fragment}`;
    if (chain.includes(key)) throw refuse(site, ref, `it refers back to itself (${[...chain, key].join(" → ")}); move the recursive schema into the app's own components`);
    if (++inlined > MAX_INLINED) throw refuse(site, ref, `more than ${MAX_INLINED} external $refs to inline`);
    let doc = files.get(real);
    if (doc === undefined) files.set(real, (doc = readJson(real)));
    const content = await doc.catch((error: unknown) => {
      throw refuse(site, ref, errorMessage(error));
    });
    const fragment = parseRef(`#${parsed.fragment}`);
    const value = fragment.kind === "local" ? valueAt(content, fragment.pointer) : undefined;
    if (value === undefined) throw refuse(site, ref, `${real} has nothing at #${parsed.fragment}`);
    return inlineWithin(value, { dir: dirname(real), file: real }, [...chain, key]);
  };

  /** `value` with its references replaced; inside an included file, its own `#/…` references too. */
  const inlineWithin = async (value: Json, base: { dir: string; file: string | undefined }, chain: string[]): Promise<Json> => {
    let result = value;
    for (const site of findRefSites(value, base.file !== undefined)) {
      const { $ref: _ref, ...siblings } = site.holder;
      const found = await target(site.ref, base, site.keys.reduce(childPointer, ""), chain);
      result = setAt(result, site.keys, isJsonObject(found) && Object.keys(siblings).length > 0 ? { ...found, ...siblings } : found);
    }
    return result;
  };

  return inlineWithin(raw, { dir: dirname(service.spec), file: undefined }, []);
}

/** External `$ref` holders (and local ones when `local`), found without recursion; what lies past `MAX_DEPTH` is left to refs.ts. */
function findRefSites(doc: Json, local: boolean): RefSite[] {
  const sites: RefSite[] = [];
  const stack: [Json, string[]][] = [[doc, []]];
  while (stack.length > 0) {
    const [node, keys] = stack.pop()!;
    if (keys.length > MAX_DEPTH) continue;
    if (Array.isArray(node)) node.forEach((child, i) => stack.push([child, [...keys, String(i)]]));
    else if (isJsonObject(node)) {
      const ref = node["$ref"];
      if (typeof ref === "string" && (local || !ref.startsWith("#"))) {
        sites.push({ keys, holder: node, ref });
        continue;
      }
      for (const [key, child] of Object.entries(node)) stack.push([child, [...keys, key]]);
    }
  }
  return sites;
}

/** A copy of `doc` with `value` at `keys`; only the objects along the way are copied. */
function setAt(doc: Json, keys: string[], value: Json): Json {
  if (keys.length === 0) return value;
  const [key, ...rest] = keys as [string, ...string[]];
  if (Array.isArray(doc)) return doc.map((item, i) => (String(i) === key ? setAt(item, rest, value) : item));
  const object = doc as JsonObject;
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, k === key ? setAt(v, rest, value) : v]));
}

/** Matches a path against the globs, written and with their folders' symlinks followed. */
async function allowList(globs: string[]): Promise<(path: string) => boolean> {
  // Loaded here: most specs have no external $ref, and a sync should not pay for the matcher.
  const { default: picomatch } = await import("picomatch");
  const real = await Promise.all(globs.map(async (glob) => {
    const { base, glob: rest } = picomatch.scan(glob);
    const realBase = await realpath(base).catch(() => base);
    return rest === "" ? realBase : `${realBase}/${rest}`;
  }));
  return picomatch([...globs, ...real], { dot: true });
}

async function readJson(file: string): Promise<Json> {
  await assertRegularFile(file);
  const size = (await stat(file)).size;
  if (size > MAX_FILE_BYTES) throw new Error(`${file} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  const text = await readRegularFile(file);
  try {
    return JSON.parse(text) as Json;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${errorMessage(error)}`);
  }
}
