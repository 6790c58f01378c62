import { copyFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { generateClient } from "../../../../src/generate/client/index.js";
import { RUNTIME_FILE } from "../../../../src/generate/client/runtime-source.js";
import type { OpenApiDocument } from "../../../../src/spec/types.js";
import { KITCHEN_SINK, kitchenSinkSpec, tempDir, typecheck, writeGenerated, writeTsconfig, type Compiler, type Globals } from "./support.js";

const spec = await kitchenSinkSpec();
const streamTypes = JSON.parse(await readFile(join(KITCHEN_SINK, "stream-types.json"), "utf8")) as Record<string, object>;
const files = Object.fromEntries((await generateClient(spec, { streamTypes })).map((file) => [file.path, file.content]));

describe("kitchen-sink client", () => {
  test("client.gen.ts matches its snapshot; runtime.gen.ts is runtime/runtime.ts byte for byte", async () => {
    expect(Object.keys(files)).toEqual(["client.gen.ts", "runtime.gen.ts"]);
    await expect(files["client.gen.ts"]).toMatchFileSnapshot("__snapshots__/kitchen-sink/client.gen.ts");
    expect(files["runtime.gen.ts"]).toBe(await readFile(RUNTIME_FILE, "utf8"));
  });

  test("the same bytes every time, whatever order routes, methods, schemas and stream types come in", async () => {
    const reversed = <T>(record: Record<string, T>, map: (value: T) => T = (value) => value) =>
      Object.fromEntries(Object.entries(record).reverse().map(([key, value]) => [key, map(value)]));
    const paths = spec["paths"] as Record<string, Record<string, never>>;
    const components = spec["components"] as Record<string, Record<string, never>>;
    const shuffled = { ...spec, paths: reversed(paths, (item) => reversed(item)), components: { ...components, schemas: reversed(components["schemas"]!) } };
    const again = await generateClient(spec, { streamTypes });
    const reordered = await generateClient(shuffled as OpenApiDocument, { streamTypes: reversed(streamTypes) });
    expect(again.map((file) => file.content)).toEqual(Object.values(files));
    expect(reordered.map((file) => file.content)).toEqual(Object.values(files));
  });

  test("generated files and call sites compile strictly under TS 5 and TS 7, with DOM or Node globals; every wrong call site is an error", async () => {
    const dir = await tempDir("kitchen-sink");
    await writeGenerated(dir, spec, { streamTypes });
    for (const fixture of ["call-sites.ts", "call-site-errors.ts"]) await copyFile(join(KITCHEN_SINK, fixture), join(dir, fixture));
    const sources = ["types.gen.ts", "runtime.gen.ts", "client.gen.ts", "call-sites.ts", "call-site-errors.ts"];
    const runs: [Compiler, Globals][] = [["ts5", "dom"], ["ts7", "dom"], ["ts7", "node"]];
    const results = await Promise.all(
      runs.map(async ([compiler, globals]) => [compiler, globals, await typecheck(compiler, await writeTsconfig(dir, sources, globals, `tsconfig.${compiler}.${globals}.json`))]),
    );
    expect(results).toEqual(runs.map(([compiler, globals]) => [compiler, globals, ""]));
  });
});
