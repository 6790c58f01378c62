import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { configTableRows } from "../../../src/config/definition/table.js";
import { REPO_ROOT } from "../../helpers/paths.js";

/** The keys of the README table that starts with `| <title> |`. */
function tableKeys(readme: string, title: string): string[] {
  const start = readme.indexOf(`| ${title} |`);
  if (start === -1) return [];
  const keys: string[] = [];
  for (const line of readme.slice(start).split("\n").slice(2)) {
    const key = /^\| `([^`]+)` \|/.exec(line)?.[1];
    if (key === undefined) break;
    keys.push(key);
  }
  return keys;
}

// The table text is printed by `configTableMarkdown()` (src/config/definition/table.ts).
test("the README's configuration tables list exactly the keys of the config definition", async () => {
  const readme = await readFile(join(REPO_ROOT, "README.md"), "utf8");
  const { service, topLevel } = configTableRows();
  // Rows may be ordered for reading; the set of keys must match.
  expect(tableKeys(readme, "service option").sort()).toEqual(service.map((r) => r.key).sort());
  expect(tableKeys(readme, "top-level option").sort()).toEqual(topLevel.map((r) => r.key).sort());
});
