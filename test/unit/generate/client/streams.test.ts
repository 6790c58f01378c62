import { describe, expect, test } from "vitest";
import { ConfigError } from "../../../../src/errors.js";
import { generateClient } from "../../../../src/generate/client/index.js";
import type { OpenApiDocument } from "../../../../src/spec/types.js";

const token = { type: "object", title: "Token", properties: { index: { type: "integer", title: "Index" }, text: { type: "string", title: "Text" } }, required: ["index", "text"] };

function specWith(content: Record<string, unknown> | undefined, extraSchemas: Record<string, unknown> = {}): OpenApiDocument {
  return {
    openapi: "3.1.0",
    paths: { "/events": { get: { operationId: "events_events_get", responses: { "200": { description: "", ...(content ? { content } : {}) } } } } },
    components: { schemas: { Token: token, ...extraSchemas } },
  } as unknown as OpenApiDocument;
}

async function client(spec: OpenApiDocument, streamTypes?: Record<string, object>): Promise<string> {
  return (await generateClient(spec, { streamTypes }))[0]!.content;
}

const signature = (text: string) => /^ {2}events\(.*$/m.exec(text)?.[0];
const call = (text: string) => /transport\.\w+\(.*$/m.exec(text)?.[0];

describe("streams the spec types", () => {
  const sseData = (data: object) => ({ "text/event-stream": { itemSchema: { type: "object", properties: { data, event: { type: "string" } } } } });
  const cases: [string, Record<string, unknown>, string, string][] = [
    ["SSE with contentSchema", sseData({ type: "string", contentMediaType: "application/json", contentSchema: { $ref: "#/components/schemas/Token" } }), "SseStream<Token>", '"json")'],
    ["SSE with an inline contentSchema", sseData({ type: "string", contentMediaType: "application/json", contentSchema: { type: "array", items: { type: "integer" } } }), "SseStream<number[]>", '"json")'],
    ["SSE of ServerSentEvent: FastAPI's JSON data or raw_data text", sseData({ type: "string" }), "SseStream<unknown>", '"json-or-text")'],
    ["SSE whose data is declared text/plain", sseData({ type: "string", contentMediaType: "text/plain" }), "SseStream<string>", '"text")'],
    ["SSE with JSON data but no schema", sseData({ type: "string", contentMediaType: "application/json" }), "SseStream<unknown>", '"json")'],
    ["sse-starlette declared as text/event-stream", { "text/event-stream": { schema: { type: "string" } } }, "SseStream<string>", '"text")'],
    ["JSON Lines", { "application/jsonl": { itemSchema: { $ref: "#/components/schemas/Token" } } }, "AsyncIterable<Token>", "transport.jsonLines"],
    ["NDJSON without item schema", { "application/x-ndjson": {} }, "AsyncIterable<unknown>", "transport.jsonLines"],
  ];
  test.each(cases)("%s", async (_name, content, returnType, transport) => {
    const text = await client(specWith(content));
    expect(signature(text)).toContain(`): ${returnType};`);
    expect(call(text)).toContain(transport);
  });

  test("only SSE operations take lastEventId", async () => {
    expect(signature(await client(specWith(cases[0]![1])))).toContain("request?: SseCallOptions");
    expect(signature(await client(specWith(cases[6]![1])))).toContain("request?: CallOptions");
  });
});

describe("streams typed by the config (json-schema-to-typescript)", () => {
  const legacy = { "application/json": { schema: {} } };

  test("keyed by operationId or METHOD /path; the format comes from the spec, else from the response", async () => {
    const byId = await client(specWith({ "text/event-stream": { schema: { type: "string" } } }), { events_events_get: token });
    expect(signature(byId)).toContain("SseStream<EventsItem>");
    expect(call(byId)).toContain('transport.sse(');
    const byRoute = await client(specWith(legacy), { "GET /events": token });
    expect(signature(byRoute)).toContain("SseStream<EventsItem>");
    expect(call(byRoute)).toContain("transport.stream(");
    const lines = await client(specWith({ "application/jsonl": {} }), { "GET /events": token });
    expect(signature(lines)).toContain("AsyncIterable<EventsItem>");
    expect(byRoute).toContain("export interface EventsItem {\n  index: number;\n  text: string;\n}");
  });

  test("item names never collide with models, and nested definitions are named after the item", async () => {
    const nested = { ...token, properties: { ...token.properties, color: { $ref: "#/$defs/Color" } }, $defs: { Color: { enum: ["red", "blue"], title: "Color", type: "string" } } };
    const text = await client(specWith(legacy, { EventsItem: { type: "object" } }), { "GET /events": nested });
    expect(signature(text)).toContain("SseStream<EventsItem2>");
    expect(text).toContain('export type EventsItem2Color = "red" | "blue";');
    expect(text).toContain("color?: EventsItem2Color;");
    expect(text).toMatch(/export type EventsItem = components\["schemas"\]\["EventsItem"\]/);
  });

  test("json-schema-to-typescript gets no raw TypeScript and reads no file or URL", async () => {
    const hostile = { type: "object", properties: { a: { tsType: "string; console.log(1)" }, b: { $ref: "https://example.com/x.json" }, c: { $ref: "/etc/passwd" } } };
    const text = await client(specWith(legacy), { "GET /events": hostile });
    expect(text).toContain("export interface EventsItem {\n  a?: unknown;\n  b?: unknown;\n  c?: unknown;\n}");
  });

  test("a key that names no operation is a config error", async () => {
    const error = await client(specWith(legacy), { "GET /nope": token, events_events_get: token }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toBe('streams["GET /nope"]: no operation has this operationId or "METHOD /path"');
  });
});
