import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { ConfigError } from "../../../src/errors.js";
import { generateClient } from "../../../src/generate/client/index.js";
import { bannerFor, generateFiles } from "../../../src/generate/index.js";
import { generateIndex } from "../../../src/generate/index-file.js";
import { generateTypes } from "../../../src/generate/types.js";
import type { OpenApiDocument } from "../../../src/spec/types.js";
import { generateZodSchemas } from "../../../plugins/zod/generate.js";
import { propertyKey, quotedKey } from "../../../plugins/zod/schema.js";
import { importGenerated, runtimeCode, tempDir, typecheck, writeGenerated, writeTsconfig } from "./client/support.js";

function document(schemas: Record<string, unknown>, paths: Record<string, unknown> = {}): OpenApiDocument {
  return { openapi: "3.1.0", info: { title: "t", version: "1" }, paths, components: { schemas } } as unknown as OpenApiDocument;
}

test("a description holding the safe-key suffix next to a key named `constructor` cannot end its doc comment", async () => {
  const spec = document({
    Car: { type: "object", properties: { constructor: { type: "string", description: "x*__sync_types_key__/ ; globalThis.pwned = 1; /*" } } },
  });
  const types = await generateTypes(spec);
  expect(runtimeCode(types)).toBe("export {};\n");
  expect(types).toContain("x*__sync_types_key__/ ; globalThis.pwned = 1; /*");
  expect(types).toMatch(/\n\s+constructor\?: string;/);
});

test("a spec path with a line terminator stays inside the banner of every generated file", async () => {
  for (const terminator of ["\n", "\r", "\u2028", "\u2029", "\r\n", "\u0085"]) {
    const specPath = `../x${terminator}globalThis.pwned = 1;//.json`;
    const banner = bannerFor(specPath);
    expect(banner.split(/\r\n|[\n\r\u2028\u2029]/)).toEqual([banner.trimEnd(), ""]);
    const files = await generateFiles(document({}), { specPath });
    const contents = [...files.map((file) => file.content), banner + generateIndex(), banner + generateZodSchemas(document({}))];
    for (const content of contents) expect(runtimeCode(content)).not.toContain("pwned");
  }
});

test("a route function named `new` gets a client method `new`; ones named like Object.prototype members are named after their route", async () => {
  const operation = (operationId: string) => ({
    operationId,
    responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "string" } } } }, "404": { description: "no" } },
  });
  const spec = document({}, { "/items": { post: operation("new_items_post"), get: operation("constructor_items_get") }, "/a": { get: operation("to_string_a_get") } });
  const dir = await tempDir("new");
  await writeGenerated(dir, spec);
  const tsconfig = await writeTsconfig(dir, ["types.gen.ts", "runtime.gen.ts", "client.gen.ts"], "dom");
  expect(await Promise.all([typecheck("ts5", tsconfig), typecheck("ts7", tsconfig)])).toEqual(["", ""]);
  const sources = Object.fromEntries(await Promise.all(["client.gen.ts", "runtime.gen.ts"].map(async (name) => [name, await readFile(join(dir, name), "utf8")])));
  const { createClient } = await importGenerated<{ createClient(options: object): Record<string, (request?: object) => Promise<unknown>> }>(dir, "client.gen.ts", sources);
  const client = createClient({ baseUrl: "http://h", fetch: async () => Response.json("made") });
  expect(Object.keys(client).sort()).toEqual(["getA", "getItems", "new"]);
  expect(await client["new"]!()).toBe("made");
});

test("a stream item schema with a `hasOwnProperty` field is a config error naming the route, not a crash", async () => {
  const stream = { description: "ok", content: { "text/event-stream": {} } };
  const spec = document({}, { "/events": { get: { operationId: "events", responses: { "200": stream } } } });
  const generate = generateClient(spec, { streamTypes: { events: { type: "object" as const, properties: { hasOwnProperty: { type: "string" as const } } } } });
  await expect(generate).rejects.toThrow(ConfigError);
  await expect(generate).rejects.toThrow('streams: the item schema of GET "/events" names properties "hasOwnProperty"');
});

test("zod: a `__proto__` key stays a key, a format named like an Object.prototype member is no format", () => {
  expect([propertyKey("__proto__"), quotedKey("__proto__"), propertyKey("constructor")]).toEqual(['["__proto__"]', '["__proto__"]', "constructor"]);
  const json = (schema: object) => ({ description: "", content: { "application/json": { schema } } });
  const spec = document({}, { "/a": { get: { operationId: "a", responses: { "200": json({ type: "string", format: "constructor" }), "404": json({ type: "string", format: "toString" }) } } } });
  const schemas = generateZodSchemas(spec);
  expect(schemas).toContain('    "200": z.string(),\n    "404": z.string(),\n');
});

test("fakes: examples, enum values, keys and paths from the spec stay data; a `__proto__` key stays a key", async () => {
  const hostile = '"); globalThis.pwned = 1; ("\u2028*/ `${globalThis.pwned = 2}` \\';
  const schema = { type: "object", properties: { ["__proto__"]: { type: "string", example: hostile }, [hostile]: { type: "string", enum: [hostile] } }, required: ["__proto__"] };
  const json = (value: object) => ({ description: hostile, content: { "application/json": value } });
  const spec = document({ [hostile]: schema }, {
    [`/a/{${hostile}}`]: {
      get: {
        operationId: hostile,
        parameters: [{ name: hostile, in: "path", required: true, schema: { type: "string", pattern: hostile } }],
        responses: { "200": json({ schema: { $ref: `#/components/schemas/${encodeURIComponent(hostile)}` }, example: { [hostile]: hostile } }) },
      },
    },
    "/b": { get: { operationId: "b", responses: { "200": json({ schema: { $ref: `#/components/schemas/${encodeURIComponent(hostile)}` } }) } } },
  });
  const { generateFakes } = await import("../../../src/generate/fakes/index.js");
  const source = generateFakes(spec).content;
  const literals = runtimeCode(source).match(/JSON\.parse\(\[(?:\s*"(?:[^"\\\n]|\\.)*",?)*\s*\]\.join\("\\n"\)\)/g) ?? [];
  expect(literals).toHaveLength(1);
  expect(runtimeCode(source).replace(literals[0]!, "")).not.toContain("pwned");
  const dir = await tempDir("fakes-injection");
  await writeGenerated(dir, spec);
  await writeFile(join(dir, "fakes.gen.ts"), source);
  const { createFakeFetch } = await importGenerated<{ createFakeFetch(): (input: string) => Promise<Response> }>(dir, "fakes.gen.ts", { "fakes.gen.ts": source });
  const response = await createFakeFetch()("http://h/b");
  expect(await response.json()).toEqual({ ["__proto__"]: hostile, [hostile]: hostile });
  expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
});
