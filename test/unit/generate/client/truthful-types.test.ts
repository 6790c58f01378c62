// How responses without content, redirects, HEAD, empty statuses and list headers are typed,
// from small specs; truthful.test.ts checks the same rules against a running FastAPI app.
import { expect, test } from "vitest";
import { generateClient } from "../../../../src/generate/client/index.js";
import { generateFiles } from "../../../../src/generate/index.js";
import type { JsonObject, OpenApiDocument } from "../../../../src/spec/types.js";

const json = (schema: JsonObject): JsonObject => ({ description: "", content: { "application/json": { schema } } });
const none: JsonObject = { description: "" };

function spec(method: string, responses: JsonObject, parameters: JsonObject[] = []): OpenApiDocument {
  return { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: { "/x": { [method]: { operationId: "op", parameters, responses } } } };
}

async function client(document: OpenApiDocument): Promise<string> {
  return (await generateClient(document)).find((file) => file.path === "client.gen.ts")!.content;
}

const cases: [string, OpenApiDocument, { returns: string; call: string; errors?: string }][] = [
  ["a 2xx without content is a Blob, read as one", spec("get", { "200": none }), { returns: "Promise<Blob>", call: 'blob: ["200"]' }],
  ["beside a typed 2xx", spec("post", { "200": json({ type: "integer" }), "202": none }), { returns: "Promise<number | Blob>", call: 'blob: ["202"]' }],
  ["a range without content is read by content type", spec("get", { "2XX": none }), { returns: "Promise<unknown>", call: 'path: "/x" }' }],
  ["204 has no body", spec("delete", { "204": none, "200": json({ type: "string" }) }), { returns: "Promise<string | void>", call: 'path: "/x" }' }],
  ["HEAD has no body, whatever it declares", spec("head", { "200": json({ type: "string" }) }), { returns: "Promise<void>", call: 'path: "/x" }' }],
  ["a followed redirect resolves with its target's body, and is no error", spec("get", { "307": none, "422": json({}) }), { returns: "Promise<unknown>", call: 'errors: ["422"] }', errors: "ApiError<422, unknown>" }],
  ["a 304 is an error without a body", spec("get", { "200": json({ type: "string" }), "304": none }), { returns: "Promise<string>", call: 'errors: ["304"] }', errors: "ApiError<304, undefined>" }],
];

test.each(cases)("%s", async (_name, document, want) => {
  const text = await client(document);
  expect(text).toContain(`op(request?: CallOptions): ${want.returns};`);
  expect(text).toContain(want.call);
  if (want.errors) expect(text).toContain(`op: ${want.errors};`);
  else expect(text).not.toContain("op: ApiError");
});

test("a list header is typed as one value in types.gen.ts, documented, and warned about once per parameter", async () => {
  const list = { type: "array", items: { type: "integer" } };
  const document = spec("get", { "200": json({}) }, [
    { name: "x-ids", in: "header", required: true, schema: list },
    { name: "x-tags", in: "header", schema: { anyOf: [{ type: "array", items: { type: "string" } }, { type: "null" }] } },
    { name: "x-one", in: "header", schema: { type: "string" } },
    { name: "ids", in: "query", schema: list },
  ]);
  const warnings: string[] = [];
  // Through generateFiles, as a sync runs it: the warning reaches the session's `warn`.
  const files = await generateFiles(document, { specPath: "spec.json", warn: (message) => warnings.push(message) });
  const [types, text] = ["types.gen.ts", "client.gen.ts"].map((path) => files.find((file) => file.path === path)!.content);
  expect(warnings).toEqual([
    expect.stringMatching(/^GET \/x: header parameter "x-ids" is a list, but fetch joins repeated header values into one "a, b" line/),
    expect.stringMatching(/^GET \/x: header parameter "x-tags" is a list/),
  ]);
  expect(text).toContain("A header the service reads as a list takes one value here");
  expect(types).toMatch(/"x-ids": number;/);
  expect(types).toMatch(/"x-tags"\?: string \| null;/);
  expect(types).toMatch(/"x-one"\?: string;/);
  expect(types).toMatch(/ids\?: number\[\];/);
});

test("a header fetch owns (Host, Connection…) is left out of the request type and warned about; the others stay", async () => {
  const document = spec("get", { "200": json({}) }, [
    { name: "host", in: "header", required: true, schema: { type: "string" } },
    { $ref: "#/components/parameters/Connection" },
    { name: "save-data", in: "header", required: true, schema: { type: "boolean" } },
  ]);
  document["components"] = { parameters: { Connection: { name: "Connection", in: "header", schema: { type: "string" } } } };
  const warnings: string[] = [];
  const files = await generateFiles(document, { specPath: "spec.json", warn: (message) => warnings.push(message) });
  const [types, text] = ["types.gen.ts", "client.gen.ts"].map((path) => files.find((file) => file.path === path)!.content);
  expect(warnings).toEqual([
    expect.stringMatching(/^GET \/x: header parameter "Connection" cannot be sent with fetch/),
    expect.stringMatching(/^GET \/x: header parameter "host" cannot be sent with fetch, which sets Host from the URL/),
  ]);
  const operation = /header: \{[^}]*\}/.exec(types!)?.[0];
  expect(operation).toMatch(/^header: \{\s*"save-data": boolean;\s*\}$/);
  expect(text).toContain("header: paths[");
});

test("an operation whose only header parameter is Host takes no header member", async () => {
  const text = await client(spec("get", { "200": json({}) }, [{ name: "host", in: "header", required: true, schema: { type: "string" } }]));
  expect(text).toContain("op(request?: CallOptions): Promise<unknown>;");
});
