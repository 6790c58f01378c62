import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { REPO_ROOT } from "../../helpers/paths.js";

/** The entries package.json exports for plugins: a bundled plugin may use nothing else of sync-types. */
const PUBLIC = new Set(["../../src/index.js", "../../src/codegen.js", "../../src/discovery.js"]);

test("the bundled plugins import sync-types only through its public entries", () => {
  const exported = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")).exports as Record<string, unknown>;
  expect(Object.keys(exported)).toEqual(expect.arrayContaining([".", "./codegen", "./discovery", "./nx"]));
  const offending: string[] = [];
  for (const plugin of readdirSync(join(REPO_ROOT, "plugins"))) {
    for (const file of readdirSync(join(REPO_ROOT, "plugins", plugin)).filter((f) => f.endsWith(".ts"))) {
      const text = readFileSync(join(REPO_ROOT, "plugins", plugin, file), "utf8");
      for (const [, specifier] of text.matchAll(/from "(\.\.\/\.\.\/[^"]+)"/g)) {
        if (!PUBLIC.has(specifier!)) offending.push(`plugins/${plugin}/${file}: ${specifier}`);
      }
    }
  }
  expect(offending).toEqual([]);
});
