import { createHash } from "node:crypto";
import { readFile, readdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { BANNER } from "../../../src/generate/index.js";
import { generateIndex } from "../../../src/generate/index-file.js";
import { MANIFEST_FILE, hashContent, manifestEntries, serializeManifest } from "../../../src/generate/manifest.js";
import { applyOutput, planOutput } from "../../../src/generate/write.js";
import { VERSION } from "../../../src/version.js";
import { tempTree } from "../../helpers/temp-tree.js";
import { summarizeSpecChange } from "../../../src/diff/summary.js";
import type { Json } from "../../../src/spec/types.js";

test("index.ts re-exports the openapi-typescript roots and the client", () => {
  expect(generateIndex()).toBe('export type { components, operations, paths } from "./types.gen.js";\nexport * from "./client.gen.js";\n');
});

const gen = (body: string) => `${BANNER}; source: ../spec.json\n${body}\n`;
const FILES = [
  { path: "types.gen.ts", content: gen("types") },
  { path: "index.ts", content: gen("index") },
];
const manifestOf = (entries: Record<string, string>) => serializeManifest(Object.fromEntries(Object.entries(entries).map(([p, c]) => [p, hashContent(c)])));
const tree = async (dir: string) => Object.fromEntries(await Promise.all((await readdir(dir)).sort().map(async (f) => [f, await readFile(join(dir, f), "utf8")])));

test("the manifest lists each generated file with its hash, sorted, with no tool version: the same files give the same bytes", () => {
  const text = serializeManifest(manifestEntries([...FILES].reverse()));
  expect(text).toBe(serializeManifest(manifestEntries(FILES)));
  expect(Object.keys(JSON.parse(text).files)).toEqual(["index.ts", "types.gen.ts"]);
  expect(JSON.parse(text).files["index.ts"]).toBe(createHash("sha256").update(gen("index")).digest("hex"));
  expect(text).not.toContain(VERSION);
  expect(text.endsWith("}\n")).toBe(true);
});

test("an empty folder gets the files and the manifest; a second plan finds everything unchanged", async () => {
  const dir = await tempTree({});
  await applyOutput(dir, await planOutput(dir, FILES));
  expect(Object.keys(await tree(dir))).toEqual(["index.ts", MANIFEST_FILE, "types.gen.ts"]);
  const again = await planOutput(dir, FILES);
  expect(again.write).toEqual([]);
  expect(again.unchanged.sort()).toEqual(["index.ts", MANIFEST_FILE, "types.gen.ts"]);
});

test.each([
  ["a hand-written index.ts, no manifest", { "index.ts": "export const mine = 1;\n" }, /index\.ts is not a file sync-types generated \(no manifest lists it and it does not start with the banner\)/],
  ["a banner-carrying file the manifest does not list", { [MANIFEST_FILE]: manifestOf({ "types.gen.ts": gen("old") }), "types.gen.ts": gen("old"), "index.ts": gen("mine") }, new RegExp(`index\\.ts is not a file sync-types generated \\(${MANIFEST_FILE.replaceAll(".", "\\.")} does not list it\\)`)],
  ["two user files", { "index.ts": "mine\n", "types.gen.ts": "mine too\n" }, /2 files in out are not files sync-types generated .*: types\.gen\.ts, index\.ts; nothing in out was touched/],
])("%s at a generated path: exit 2 naming the file and the fix, before anything is written", async (_name, files, message) => {
  const dir = await tempTree(files);
  const before = await tree(dir);
  const error = await planOutput(dir, FILES, { shownAs: "out", setting: "services.api.output" }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UsageError);
  expect((error as UsageError).exitCode).toBe(2);
  expect((error as UsageError).message).toMatch(message);
  expect((error as UsageError).hint).toContain("or point services.api.output at a folder of its own");
  expect(await tree(dir)).toEqual(before);
});

test("files named like Object.prototype members are owned only when the manifest lists them", async () => {
  const files = [{ path: "constructor", content: gen("c") }, { path: "__proto__", content: gen("p") }];
  const dir = await tempTree({ constructor: "mine\n", [MANIFEST_FILE]: manifestOf({ ["__proto__"]: gen("old") }), ["__proto__"]: gen("old") });
  await expect(planOutput(dir, files)).rejects.toThrow(/constructor is not a file sync-types generated/);
  await writeFile(join(dir, "constructor"), gen("c"));
  expect((await planOutput(dir, files)).write.map((f) => f.path)).toEqual(["__proto__", MANIFEST_FILE]);
});

test("a symlink at a generated path is the user's, even when the manifest lists the path", async () => {
  const dir = await tempTree({ [MANIFEST_FILE]: manifestOf({ "index.ts": gen("index") }), "elsewhere.ts": "mine\n" });
  await symlink("elsewhere.ts", join(dir, "index.ts"));
  await expect(planOutput(dir, FILES)).rejects.toThrow(/index\.ts is not a file sync-types generated/);
});

test("with no manifest (an earlier version's folder), banner files at generated paths are adopted and nothing is removed", async () => {
  const leftover = gen("an earlier plugin's file");
  const dir = await tempTree({ "types.gen.ts": gen("old types"), "old.gen.ts": leftover, "notes.ts": `${BANNER} (copied by hand)\n` });
  const plan = await planOutput(dir, FILES, { shownAs: "out" });
  expect(plan.write.map((f) => f.path)).toEqual(["types.gen.ts", "index.ts", MANIFEST_FILE]);
  expect(plan.remove).toEqual([]);
  expect(plan.warnings).toEqual([
    "out/notes.ts starts with the sync-types banner but is not generated any more, and no manifest lists it: left in place (delete it if it is a leftover)",
    "out/old.gen.ts starts with the sync-types banner but is not generated any more, and no manifest lists it: left in place (delete it if it is a leftover)",
  ]);
  await applyOutput(dir, plan);
  expect(await tree(dir)).toMatchObject({ "types.gen.ts": gen("types"), "old.gen.ts": leftover, [MANIFEST_FILE]: manifestOf({ "types.gen.ts": gen("types"), "index.ts": gen("index") }) });
});

test("a file the manifest lists is overwritten, even edited; one no longer generated is removed only while its bytes are as written", async () => {
  const dir = await tempTree({
    [MANIFEST_FILE]: manifestOf({ "index.ts": gen("index"), "types.gen.ts": gen("old"), "gone.gen.ts": gen("gone"), "edited.gen.ts": gen("edited") }),
    "index.ts": gen("index"),
    "types.gen.ts": gen("old, then edited by hand"),
    "gone.gen.ts": gen("gone"),
    "edited.gen.ts": gen("edited, then edited by hand"),
    "helpers.ts": "// written by a human\n",
  });
  const plan = await planOutput(dir, FILES, { shownAs: "out" });
  expect(plan.write.map((f) => f.path)).toEqual(["types.gen.ts", MANIFEST_FILE]);
  expect(plan.remove).toEqual(["gone.gen.ts"]);
  expect(plan.warnings).toEqual(["out/edited.gen.ts is no longer generated but was edited since sync-types wrote it: left in place and no longer tracked (delete it if you do not need it)"]);
  // Written before anything else: a run killed half-way leaves only files the manifest claims.
  expect(Object.keys(JSON.parse(plan.claim!).files)).toEqual(["gone.gen.ts", "index.ts", "types.gen.ts"]);
  await applyOutput(dir, plan);
  expect(await tree(dir)).toEqual({
    [MANIFEST_FILE]: manifestOf({ "index.ts": gen("index"), "types.gen.ts": gen("types") }),
    "edited.gen.ts": gen("edited, then edited by hand"),
    "helpers.ts": "// written by a human\n",
    "index.ts": gen("index"),
    "types.gen.ts": gen("types"),
  });
});

test.each([
  ["a merge conflict", `<<<<<<< ours\n${manifestOf({ "index.ts": "a" })}=======\n${manifestOf({ "index.ts": "b" })}>>>>>>> theirs\n`, "it is not JSON (a merge conflict?)"],
  ["an entry outside the folder", manifestOf({ "../outside.ts": "outside\n" }), 'it lists "../outside.ts", which is not a file inside the folder'],
  ["a bad hash", JSON.stringify({ files: { "index.ts": "md5:1" } }), 'the hash of "index.ts" is not a SHA-256 hex digest'],
])("a manifest with %s is not trusted: nothing is removed, banner files are adopted, it is rewritten", async (_name, text, problem) => {
  const root = await tempTree({ "outside.ts": "outside\n", "out/old.gen.ts": gen("old") });
  const dir = join(root, "out");
  await writeFile(join(dir, MANIFEST_FILE), text);
  const plan = await planOutput(dir, FILES, { shownAs: "out" });
  expect(plan.warnings[0]).toBe(`out/${MANIFEST_FILE} cannot be read: ${problem}. It is rewritten; files are taken as generated only where they start with the sync-types banner, and none is removed`);
  expect(plan.remove).toEqual([]);
  await applyOutput(dir, plan);
  expect(await readFile(join(root, "outside.ts"), "utf8")).toBe("outside\n");
  expect(await readFile(join(dir, MANIFEST_FILE), "utf8")).toBe(serializeManifest(manifestEntries(FILES)));
});

test.each([
  ["../escape.ts", /is not a plain path inside the output folder/],
  ["/abs.ts", /is not a plain path inside the output folder/],
  ["sub/../x.ts", /is not a plain path inside the output folder/],
  [MANIFEST_FILE, /the name of sync-types' own manifest/],
  ["index.ts", /two generated files have the same path "index.ts"/],
])("a plugin file at %s is refused (exit 2) before anything is written", async (path, message) => {
  const dir = await tempTree({});
  const error = await planOutput(dir, [...FILES, { path, content: gen("plugin") }]).catch((e: unknown) => e);
  expect((error as UsageError).exitCode).toBe(2);
  expect((error as UsageError).message).toMatch(message);
  expect(await readdir(dir)).toEqual([]);
});

test("summarizeSpecChange counts operations changed through the schemas they reference", () => {
  const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
  const response = (schema: Json) => ({ responses: { "200": { content: { "application/json": { schema } } } } });
  const before = {
    openapi: "3.1.0",
    paths: { "/a": { get: response(ref("A")) }, "/b": { get: response(ref("B")) }, "/gone": { get: response({}) } },
    components: { schemas: { A: { properties: { inner: ref("Inner") } }, Inner: { type: "string" }, B: { type: "string" } } },
  };
  const after = {
    openapi: "3.1.0",
    paths: { "/a": { get: response(ref("A")) }, "/b": { get: response(ref("B")) }, "/new": { post: response({}) } },
    components: { schemas: { A: { properties: { inner: ref("Inner") } }, Inner: { type: "integer" }, B: { type: "string" } } },
  };
  expect(summarizeSpecChange(before, after)).toEqual({
    operations: { added: 1, removed: 1, changed: 1 },
    schemas: { added: 0, removed: 0, changed: 1 },
  });
});

test.each([
  ["a file", "out"],
  ["below a file", "out/clients"],
])("an output folder that is %s: exit 2 naming it and the setting, before anything is written", async (_name, folder) => {
  const root = await tempTree({ out: "mine\n" });
  const planning = planOutput(join(root, folder), FILES, { shownAs: folder, setting: "-o" });
  await expect(planning).rejects.toThrow(UsageError);
  await expect(planning).rejects.toThrow(`the output folder ${folder} is not a folder`);
  expect(await readFile(join(root, "out"), "utf8")).toBe("mine\n");
});
