import type { JSONSchema } from "json-schema-to-typescript";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import { expect, test } from "vitest";
import { generateClient } from "../../../../src/generate/client/index.js";
import type { OpenApiDocument } from "../../../../src/spec/types.js";
import { importGenerated, tempDir, typecheck, writeGenerated, writeTsconfig } from "./support.js";

/** Strings that would end a literal, a comment or a template, or run code, if pasted unescaped. */
const PAYLOADS = [
  'quote" + (globalThis.__pwned = 1) + "',
  "single' + (globalThis.__pwned = 1) + '",
  "*/ globalThis.__pwned = 1; /*",
  "`${globalThis.__pwned = 1}`",
  "back\\slash\\",
  "line\nbreak\r\n\u2028\u2029end",
  "</script><script>globalThis.__pwned = 1</script>",
  "__proto__",
  "constructor",
  "toString",
  "then",
  "日本語",
  "émoji 🎉",
  "1st digits first",
  "with spaces",
  "",
];

const stringSchema = { type: "string" };

function hostileSpec(): OpenApiDocument {
  const properties = Object.fromEntries(PAYLOADS.map((name, i) => [name, i % 2 ? stringSchema : { type: "string", enum: PAYLOADS, description: name }]));
  const schemas: Record<string, unknown> = {
    Shape: { type: "object", description: PAYLOADS.join(" "), properties, required: PAYLOADS.slice(0, 3) },
    "Body_upload": { type: "object", properties: { ...properties, "fi*/le": { type: "string", format: "binary" } } },
  };
  for (const [i, name] of ["Evil\"Name", "*/", "__proto__", "Client", "Promise", "paths", "1abc", "ünï code", "Shape-Input", "Shape-Output"].entries()) {
    schemas[name] = { type: "object", title: PAYLOADS[i], description: PAYLOADS[i], properties: { [PAYLOADS[i]!]: { $ref: "#/components/schemas/Shape" } } };
  }
  const parameters = (location: string) =>
    PAYLOADS.filter((name) => name !== "").map((name) => ({ name: `${location}${name}`, in: location, required: false, schema: stringSchema, description: name }));
  const paths: Record<string, unknown> = {};
  PAYLOADS.forEach((payload, i) => {
    const path = `/p${i}/${payload.replace(/[{}?#]/g, "")}/{id}`;
    paths[path] = {
      get: {
        operationId: payload,
        summary: payload,
        description: payload,
        tags: [payload],
        deprecated: i % 3 === 0,
        parameters: [{ name: "id", in: "path", required: true, schema: stringSchema }, ...(i === 0 ? [...parameters("query"), ...parameters("header"), ...parameters("cookie")] : [])],
        responses: {
          "200": { description: payload, content: { "application/json": { schema: { $ref: "#/components/schemas/Shape" } } } },
          "404": { description: payload, content: { "application/json": { schema: { type: "object", properties } } } },
        },
      },
      post: {
        operationId: `${payload}_p${i}_${payload}__id__post`,
        requestBody: { required: true, content: { "multipart/form-data": { schema: { $ref: "#/components/schemas/Body_upload" } } } },
        responses: {
          "200": {
            description: payload,
            content: {
              "text/event-stream": {
                itemSchema: { type: "object", properties: { data: { type: "string", contentMediaType: "application/json", contentSchema: { type: "object", properties } } } },
              },
            },
          },
        },
      },
    };
  });
  return { openapi: "3.1.0", info: { title: PAYLOADS.join(), version: "1" }, paths, components: { schemas } } as unknown as OpenApiDocument;
}

const streamTypes: Record<string, JSONSchema> = {
  [`POST /p2/${PAYLOADS[2]}/{id}`]: {
    title: "*/ evil",
    description: PAYLOADS.join(" "),
    type: "object",
    properties: { ...Object.fromEntries(PAYLOADS.map((name) => [name, { type: "string", title: name, description: name }])), injected: { tsType: "string; globalThis.__pwned = 1" } },
    $defs: { [PAYLOADS[0]!]: { type: "string", enum: PAYLOADS }, "__proto__": { type: "object", properties: { x: { $ref: "https://example.com/schema.json" } } } },
  },
};

test("a spec full of hostile strings gives a client that parses, compiles under TS 5 and TS 7, and runs none of them", async () => {
  const spec = hostileSpec();
  const dir = await tempDir("hostile");
  await writeGenerated(dir, spec, { streamTypes });
  const client = await readFile(join(dir, "client.gen.ts"), "utf8");
  const parsed = ts.createSourceFile("client.gen.ts", client, ts.ScriptTarget.Latest, true);
  expect((parsed as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);

  const tsconfig = await writeTsconfig(dir, ["types.gen.ts", "runtime.gen.ts", "client.gen.ts"], "dom");
  expect(await Promise.all([typecheck("ts5", tsconfig), typecheck("ts7", tsconfig)])).toEqual(["", ""]);

  const module = await importGenerated<{ createClient(options: object): Record<string, (request?: object) => unknown> }>(dir, "client.gen.ts", {
    "client.gen.ts": client,
    "runtime.gen.ts": await readFile(join(dir, "runtime.gen.ts"), "utf8"),
  });
  const urls: string[] = [];
  const api = module.createClient({ baseUrl: "http://h", fetch: async (url: string) => (urls.push(url), Response.json({})) });
  for (const method of Object.values(api)) {
    const result = method({ path: { id: "x/y" }, body: {} });
    if (result instanceof Promise) await result;
    else for await (const item of result as AsyncIterable<unknown>) expect(item).toBeUndefined();
  }
  expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  expect(urls).toContain(`http://h/p7/${encodeURI("__proto__")}/x%2Fy`);
});

test("a hostile spec's every method name is a plain identifier, and none is `then`", async () => {
  const [client] = await generateClient(hostileSpec());
  const methods = [...client!.content.matchAll(/^ {2}(\S+)\(request\??: /gm)].map((match) => match[1]!);
  expect(methods.length).toBe(PAYLOADS.length * 2);
  for (const name of methods) expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
  expect(methods).not.toContain("then");
  expect(new Set(methods).size).toBe(methods.length);
});
