import { expect, test } from "vitest";
import { staticImports } from "../../../src/config/static-imports.js";

test.each([
  ["no imports", "export default { services: {} };", []],
  ["a named import", 'import { defineConfig } from "sync-types/config";', [["sync-types/config", ["defineConfig"]]]],
  ["default, renamed and namespace imports", 'import a, { b as c, default as d } from "x";\nimport * as ns from "y";\nimport "z";', [["x", ["default", "b", "default"]], ["y", []], ["z", []]]],
  ["re-exports, and a local export list that is none", 'export * from "a";\nexport * as n from "b";\nexport { c as e } from "c";\nconst f = 1;\nexport { f };', [["a", []], ["b", []], ["c", ["c"]]]],
  ["import-like text in strings, comments and templates", 'const s = "import(x)"; // import.meta\n/* import("y") */\nconst t = `import ${`import ${1}`} ${s}`;\nx.import = { a: 1 };', []],
  ["a template substitution holding braces", 'const t = `${{ a: 1 }.a}`;\nimport { q } from "q";', [["q", ["q"]]]],
])("%s", (_, source, want) => {
  expect(staticImports(source)?.map((i) => [i.specifier, i.names])).toEqual(want);
});

test.each([
  ["a dynamic import", 'const m = await import("x");'],
  ["import.meta", "const here = import.meta.url;"],
  ["a regular expression or a division", "const r = /import/;"],
  ["an escape outside a string", "const \\u0061 = 1;"],
  ["a string import name", 'import { "a-b" as c } from "x";'],
  ["an escaped specifier", 'import "\\x61";'],
  ["an unterminated template", "const t = `${1}"],
  ["import as an object key", "const o = { import: 1 };"],
])("%s: not read, left to the hooks", (_, source) => {
  expect(staticImports(source)).toBeUndefined();
});

test("the specifier's position is its string literal's", () => {
  const source = 'import { x } from "sync-types";';
  const [found] = staticImports(source)!;
  expect(source.slice(found!.start, found!.end)).toBe('"sync-types"');
});
