import { readFile, symlink } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, test } from "vitest";
import { directModule } from "../../../src/config/direct-import.js";
import { REPO_ROOT } from "../../helpers/paths.js";
import { tempTree } from "../../helpers/temp-tree.js";

const STRIPPED = "node_modules/.cache/sync-types/config/stripped.js";

/** A project with a config, its stripped source where the hooks keep it, and sync-types installed as `installed` says. */
async function project(stripped: string, installed: "this package" | "another copy" | "nothing") {
  const dir = await tempTree({
    "sync-types.config.ts": "// the source; only the stripped copy is read\n",
    [STRIPPED]: stripped,
    ...(installed === "another copy" ? { "node_modules/sync-types/package.json": '{ "name": "sync-types", "exports": { "./config": "./config.js" } }' } : {}),
  });
  if (installed === "this package") await symlink(REPO_ROOT, join(dir, "node_modules/sync-types"), "dir");
  return dir;
}

test("a config importing only this package and builtins is imported from the cache, as this package's files", async () => {
  const dir = await project('import { join } from "node:path";\nimport { defineConfig } from "sync-types/config";\nexport default defineConfig({ services: {}, root: join("a", "b") });\n', "this package");
  const module = await directModule(join(dir, "sync-types.config.ts"), join(dir, STRIPPED));
  expect(module).toBeDefined();
  const text = await readFile(module!, "utf8");
  expect(text).toContain(`from ${JSON.stringify(pathToFileURL(join(REPO_ROOT, "dist/src/config-entry.js")).href)}`);
  expect(text).toContain('from "node:path"');
  expect(text).toContain(`//# sourceURL=${pathToFileURL(join(dir, "sync-types.config.ts")).href}`);
  expect(((await import(pathToFileURL(module!).href)) as { default: unknown }).default).toEqual({ services: {}, root: join("a", "b") });
});

test.each([
  ["a relative import", 'import { dir } from "./services.ts";\nexport default { dir };\n', "this package"],
  ["another package", 'import { z } from "zod";\nexport default {};\n', "this package"],
  ["a name this package lacks", 'import { defineConfg } from "sync-types/config";\nexport default {};\n', "this package"],
  ["a subpath this package does not export", 'import x from "sync-types/dist/src/index.js";\nexport default x;\n', "this package"],
  ["another copy of sync-types", 'import { defineConfig } from "sync-types/config";\nexport default defineConfig({});\n', "another copy"],
  ["no sync-types to be found", 'import { defineConfig } from "sync-types/config";\nexport default defineConfig({});\n', "nothing"],
  ["a dynamic import", 'export default await import("sync-types/config");\n', "this package"],
] as const)("%s: left to the hooks", async (_, stripped, installed) => {
  const dir = await project(stripped, installed);
  expect(await directModule(join(dir, "sync-types.config.ts"), join(dir, STRIPPED))).toBeUndefined();
});

test("a stripped source not cached yet: left to the hooks", async () => {
  const dir = await project("export default {};\n", "nothing");
  expect(await directModule(join(dir, "sync-types.config.ts"), join(dir, "node_modules/.cache/sync-types/config/missing.js"))).toBeUndefined();
});
