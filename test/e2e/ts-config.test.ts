import { readdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { REPO_ROOT } from "../helpers/paths.js";
import { tempTree } from "../helpers/temp-tree.js";

// A port out of range makes the run stop at validation, after the config was evaluated: what it
// reports proves which values were loaded, without starting any service.
const servicesTs = `export const port: number = 70000;\nexport const dir = "svc" as const;\n`;
const PORT_REFUSED = 'services.api.port: expected "auto" or a port number (1-65535), got number 70000';

/** A project holding `files`, with sync-types installed as a user would have it: resolved from the config's own folder. */
async function installedProject(files: Record<string, string>): Promise<string> {
  const dir = await tempTree({ ...files, "node_modules/.keep": "" });
  await symlink(REPO_ROOT, join(dir, "node_modules/sync-types"), "dir");
  return dir;
}

test("a .ts config imports sync-types and a local .ts module, with nothing written next to it", async () => {
  const dir = await installedProject({
    "sync-types.config.ts": [
      'import { defineConfig } from "sync-types";',
      'import { definePlugin } from "sync-types/config";',
      'import { dir, port } from "./services.ts";',
      "type Spec = `${string}.json`;",
      'const spec: Spec = "a.json";',
      'export default defineConfig({ services: { api: { dir, app: "m:app", spec, output: "o", port } }, plugins: [definePlugin({ name: "p" })] });',
      "",
    ].join("\n"),
    "services.ts": servicesTs,
  });
  const before = (await readdir(dir)).sort();
  const run = await runCli(["check"], { cwd: dir });
  expect(run.stderr).toContain(PORT_REFUSED);
  expect(run.code).toBe(2);
  expect((await readdir(dir)).sort()).toEqual(before);
});

test("a .ts config loaded again, from its cached stripped source without module hooks, gives the same values", async () => {
  const dir = await installedProject({
    "sync-types.config.ts": [
      'import { defineConfig } from "sync-types/config";',
      "const port: number = 70000;",
      'export default defineConfig({ services: { api: { dir: "svc", app: "m:app", spec: "a.json", output: "o", port } } });',
      "",
    ].join("\n"),
  });
  const before = (await readdir(dir)).sort();
  const runs = [await runCli(["check"], { cwd: dir }), await runCli(["check"], { cwd: dir })];
  for (const run of runs) {
    expect(run.stderr).toContain(PORT_REFUSED);
    expect(run.code).toBe(2);
  }
  // The first run cached the stripped source (.js); the second imported it as a module of its own (.mjs).
  const cached = await readdir(join(dir, "node_modules/.cache/sync-types/config"));
  expect(cached.map((name) => name.slice(name.lastIndexOf(".")))).toEqual(expect.arrayContaining([".js", ".mjs"]));
  expect((await readdir(dir)).sort()).toEqual(before);
});

test("a .ts config next to no installed sync-types: the config file is named, with the fix", async () => {
  const dir = await tempTree({
    "sync-types.config.ts": 'import { defineConfig } from "sync-types";\nexport default defineConfig({ services: {} });\n',
  });
  const run = await runCli(["check"], { cwd: dir });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(`${join(dir, "sync-types.config.ts")} imports "sync-types", which cannot be found from ${dir}`);
  expect(run.stderr).toContain("npm install --save-dev sync-types");
  expect(run.stderr).not.toContain(".mjs");
  expect(await readdir(dir)).toEqual(["sync-types.config.ts"]);
});

test("TypeScript that type stripping cannot erase is named at its line, with what to write instead", async () => {
  const dir = await tempTree({
    "sync-types.config.ts": 'const a = 1;\nenum Source { Http = "http" }\nexport default { services: {} };\n',
  });
  const run = await runCli(["check"], { cwd: dir });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain(`${join(dir, "sync-types.config.ts")}:2:1: TypeScript enum is not supported in strip-only mode`);
  expect(run.stderr).toContain("instead of an enum");
});
