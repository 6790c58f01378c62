import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { generationKey, rememberGenerated, reuseGenerated } from "../../../src/generate/cache.js";
import { serializeSpec } from "../../../src/spec/canonical.js";
import { SpecValidator } from "../../../src/spec/validator.js";
import { tempTree } from "../../helpers/temp-tree.js";

const FILES = [
  { path: "types.gen.ts", content: "// generated\nexport interface paths {}\n" },
  { path: "client.gen.ts", content: "// generated\nexport const é = \"ü\";\n" },
];

test.each([
  ["every committed file as generated", {}, true],
  ["one byte changed", { "client.gen.ts": "// generated\nexport const é = \"u\";\n" }, false],
  ["a trailing newline more", { "types.gen.ts": `${FILES[0]!.content}\n` }, false],
] as const)("generation cache: %s", async (_name, edits, reused) => {
  const cache = await tempTree({});
  const output = await tempTree(Object.fromEntries(FILES.map((f) => [f.path, f.content])));
  const key = generationKey("{}\n", "../spec.json", undefined);
  await rememberGenerated(cache, key, FILES, ["a warning"]);
  for (const [path, content] of Object.entries(edits)) await writeFile(join(output, path), content);
  const hit = await reuseGenerated(cache, key, output);
  expect(hit).toEqual(reused ? { files: FILES, warnings: ["a warning"] } : undefined);
});

test("generation cache: the key covers the spec text, the banner's spec path, the stream schemas and the options that shape the files", async () => {
  const base = generationKey("{}\n", "../spec.json", undefined);
  expect(generationKey("{}\n", "../spec.json", undefined)).toBe(base);
  expect(new Set([
    base,
    generationKey("{ }\n", "../spec.json", undefined),
    generationKey("{}\n", "../other.json", undefined),
    generationKey("{}\n", "../spec.json", { "GET /events": { type: "string" } }),
    generationKey("{}\n", "../spec.json", undefined, { groupByTag: true }),
    generationKey("{}\n", "../spec.json", undefined, { fakes: { msw: false } }),
    generationKey("{}\n", "../spec.json", undefined, { sharedRuntime: "../runtime/runtime.gen.js" }),
  ]).size).toBe(7);
  const cache = await tempTree({});
  const output = await tempTree(Object.fromEntries(FILES.map((f) => [f.path, f.content])));
  await rememberGenerated(cache, base, FILES, []);
  expect(await reuseGenerated(cache, generationKey("{ }\n", "../spec.json", undefined), output)).toBeUndefined();
  await writeFile(join(cache, "generated", `${base}.json`), "{ damaged");
  expect(await reuseGenerated(cache, base, output)).toBeUndefined();
});

/** Valid, with one warning: FastAPI's api_route(methods=[...]) repeats an operationId. */
const SPEC = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/a": {
      get: { operationId: "a", responses: { "200": { description: "ok" } } },
      post: { operationId: "a", responses: { "200": { description: "ok" } } },
    },
  },
};

test("validation cache: one verdict per distinct spec, reused as it was given", async () => {
  const cache = await tempTree({});
  const validator = new SpecValidator(cache);
  const text = serializeSpec(SPEC);
  const problems = await validator.validate(text, "svc.openapi.json");
  expect(problems.length).toBeGreaterThan(0);
  expect(problems.every((p) => p.severity === "warn")).toBe(true);
  const [entry] = await readdir(join(cache, "validated"));
  // A hit is read, not recomputed: what the entry says is what the next run is told.
  const marked = [{ severity: "warn", ruleId: "marker", message: "from the cache", pointer: "#/" }];
  await writeFile(join(cache, "validated", entry!), JSON.stringify({ problems: marked }));
  expect(await validator.validate(text, "svc.openapi.json")).toEqual(marked);
  // Another text, or the same under another name, is validated afresh.
  expect(await validator.validate(serializeSpec({ ...SPEC, info: { title: "u", version: "1" } }), "svc.openapi.json")).toEqual(problems);
  expect(await validator.validate(text, "other.openapi.json")).toEqual(problems);
  // Without a cache folder (`--no-cache`), every call lints.
  expect(await new SpecValidator(undefined).validate(text, "svc.openapi.json")).toEqual(problems);
  await validator.close();
});
