// The generated kitchen-sink client against the kitchen-sink app under uvicorn: every
// feature over real HTTP, streams read to the end, aborted and timed out.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { generateClient } from "../../../../src/generate/client/index.js";
import { startUvicorn } from "../../../helpers/uvicorn.js";
import { collect, HAS_PYTHON, importGenerated, KITCHEN_SINK, kitchenSinkSpec, PYTHON, tempDir } from "./support.js";

type Method = (request?: Record<string, unknown>) => Promise<unknown> & AsyncIterable<unknown> & { events(): AsyncIterable<SseEvent> };
type SseEvent = { data: unknown; raw: string; event: string; id: string | undefined; retry: number | undefined };
interface ClientModule {
  createClient(options: Record<string, unknown>): Record<string, Method>;
  isApiError(error: unknown, operation: string): boolean;
  ApiError: new () => Error;
  TimeoutError: new () => Error;
  NetworkError: new () => Error;
}

const server = HAS_PYTHON ? await startUvicorn({ cwd: KITCHEN_SINK, python: PYTHON, app: "app.main:app" }) : undefined;

async function loadClient(): Promise<ClientModule> {
  const streamTypes = JSON.parse(await readFile(join(KITCHEN_SINK, "stream-types.json"), "utf8")) as Record<string, object>;
  const files = await generateClient(await kitchenSinkSpec(), { streamTypes });
  return importGenerated<ClientModule>(await tempDir("live"), "client.gen.ts", Object.fromEntries(files.map((file) => [file.path, file.content])));
}

describe.skipIf(!server)("generated client against the running kitchen-sink service", async () => {
  const generated = await loadClient();
  const client = generated.createClient({ baseUrl: server?.baseUrl, headers: async () => ({ "x-token": "secret" }) });
  const failure = (promise: Promise<unknown>) => promise.then(() => expect.unreachable("should have failed"), (error: unknown) => error);

  describe("parameters", () => {
    test("path, query with repeated arrays, defaults", async () => {
      const stored = (await client.readItem!({ path: { item_id: 7 }, query: { q: "hello world", tags: ["a", "b c"], limit: 3 } })) as { id: string; item: Record<string, unknown> };
      expect(stored.id).toBe("00000000-0000-0000-0000-000000000007");
      expect(stored.item).toMatchObject({ name: "hello world", quantity: 3, tags: ["a", "b c"], total: "4.50", color: "red" });
    });

    test("path parameters are percent-encoded", async () => {
      expect(await client.echoPath!({ path: { text: "a b ç?#%&=" } })).toBe("a b ç?#%&=");
    });

    test("headers from a dependency, optional headers and cookies", async () => {
      const session = 'a "b";c,d\\ é';
      const who = await client.whoami!({ header: { "x-token": "secret", "x-trace-id": "t-1" }, cookie: { session, theme: undefined } });
      expect(who).toEqual({ token: "secret", trace: "t-1", session, theme: null });
    });

    test("a missing required header is a declared 422 with HTTPValidationError", async () => {
      const bare = generated.createClient({ baseUrl: server?.baseUrl });
      const error = (await failure(bare.whoami!({ header: {} }))) as { status: number; body: { detail: { loc: string[]; type: string }[] } };
      expect(generated.isApiError(error, "whoami")).toBe(true);
      expect(error.status).toBe(422);
      expect(error.body.detail[0]).toMatchObject({ loc: ["header", "x-token"], type: "missing" });
    });
  });

  describe("bodies", () => {
    const item = { name: "lamp", price: "19.99", quantity: 2, tags: ["home"], available_on: "2024-05-01" };

    test("JSON body in, Output model back (Decimal as string, computed field)", async () => {
      const stored = (await client.replaceItem!({ path: { item_id: 1 }, header: { "x-token": "secret" }, body: item })) as { item: Record<string, unknown> };
      expect(stored.item).toMatchObject({ ...item, total: "39.98", size: "m", description: null });
    });

    test("422: declared, typed as HTTPValidationError, with the failing location", async () => {
      const error = (await failure(client.replaceItem!({ path: { item_id: 1 }, header: { "x-token": "secret" }, body: { ...item, name: " bad", quantity: -1 } }))) as {
        status: number;
        declared: boolean;
        body: { detail: { loc: (string | number)[]; msg: string }[] };
        message: string;
      };
      expect(error).toBeInstanceOf(generated.ApiError);
      expect([error.status, error.declared]).toEqual([422, true]);
      expect(error.body.detail.map((d) => d.loc.join("."))).toEqual(["body.name", "body.quantity"]);
      expect(error.message).toMatch(/^replaceItem \(PUT \/items\/\{item_id\}\) failed with 422: /);
    });

    test("an undeclared status is a plain ApiError", async () => {
      const error = (await failure(client.replaceItem!({ path: { item_id: 1 }, header: { "x-token": "wrong" }, body: item }))) as { status: number; declared: boolean; body: unknown };
      expect([error.status, error.declared, error.body]).toEqual([401, false, { detail: "bad token" }]);
      expect(generated.isApiError(error, "replaceItem")).toBe(false);
    });

    test("form body with a repeated field", async () => {
      expect(await client.login!({ body: { username: "ana", password: "secret", scopes: ["read", "write"], remember: true } })).toEqual({ user: "ana", remember: true, scopes: ["read", "write"] });
    });

    test("multipart: one file with a field, a list of files, raw bytes", async () => {
      const file = new File(["hello file"], "hello.txt", { type: "text/plain" });
      expect(await client.uploadFile!({ body: { file, note: null } })).toEqual({ filename: "hello.txt", size: 10, content_type: "text/plain" });
      expect(await client.uploadFile!({ body: { file: new Blob([new Uint8Array(300)]), note: "n" } })).toEqual({ filename: "blob", size: 300, content_type: "n" });
      const files = [new File(["a"], "a.bin"), new File(["bb"], "b.bin")];
      expect(await client.uploadFiles!({ body: { files, labels: ["first", "second"] } })).toEqual([
        { filename: "a.bin", size: 1, content_type: "first" },
        { filename: "b.bin", size: 2, content_type: "second" },
      ]);
      expect(await client.uploadBytes!({ body: { data: new Blob(["12345"]) } })).toBe(5);
      expect(await client.attachFile!({ path: { order_id: 9 }, body: { file, caption: "c" } })).toEqual({ id: 9, item_name: "hello.txt", note: "c" });
    });

    test("text body from openapi_extra", async () => {
      expect(await client.postNote!({ body: "héllo" })).toEqual({ length: 5 });
    });
  });

  describe("responses", () => {
    test("text, binary, untyped, 204", async () => {
      expect(await client.getText!()).toBe("hello, text");
      const image = (await client.getImage!()) as Blob;
      expect([image.type, image.size]).toEqual(["image/png", 67]);
      expect(await client.untyped!()).toEqual({ anything: [1, "two"] });
      expect(await client.deleteItem!({ path: { item_id: 1 } })).toBeUndefined();
    });

    test("unions, discriminated unions, recursion, generics, maps, name clashes", async () => {
      expect(await client.getUnion!({ query: { cat: false } })).toEqual({ kind: "dog", name: "Rex", good_boy: true });
      expect(await client.getPet!({ path: { pet_id: 1 } })).toEqual({ kind: "cat", name: "Tom", lives: 9 });
      expect(await client.createPet!({ body: { kind: "dog", name: "Fido", good_boy: false } })).toEqual({ kind: "dog", name: "Fido", good_boy: false });
      const tree = (await client.getTree!({ query: { depth: 2 } })) as { children: { children: { children: unknown[] }[] }[] };
      expect(tree.children[0]!.children[0]!.children).toEqual([]);
      expect(await client.getPage!()).toMatchObject({ total: 1, next_cursor: "next", items: [{ name: "a", total: "2" }] });
      expect(await client.getCounts!()).toEqual({ a: 1, b: 2 });
      expect([await client.getM1User!(), await client.getM2User!()]).toEqual([{ id: 1, email: "a@example.com" }, { username: "bob", admin: false }]);
    });

    test("several 2xx, a multi-method route, tag-prefixed operation ids, a deprecated operation", async () => {
      const body = { name: "x", price: 1 };
      expect(await client.upsert!({ path: { key: 2 }, body })).toMatchObject({ id: "00000000-0000-0000-0000-000000000002" });
      expect(await client.upsert!({ path: { key: 3 }, body })).toMatchObject({ id: "00000000-0000-0000-0000-000000000003" });
      expect([await client.getPing!(), await client.postPing!()]).toEqual(["pong", "pong"]);
      expect(await client.listOrders!({ query: { limit: 2 } })).toHaveLength(2);
      expect(await client.createOrder!({ body: { item_name: "pen" } })).toEqual({ id: 1, item_name: "pen", note: null });
      expect(await client.legacy!()).toEqual(["old"]);
    });

    test("a declared 404 narrows to its model; an undeclared status stays unknown", async () => {
      const notFound = (await failure(client.readItem!({ path: { item_id: 404 } }))) as { status: number; body: unknown };
      expect(generated.isApiError(notFound, "readItem")).toBe(true);
      expect([notFound.status, notFound.body]).toEqual([404, { detail: "item 404 not found" }]);
      const teapot = (await failure(client.fail!({ path: { status: 418 } }))) as { status: number; declared: boolean };
      expect([teapot.status, teapot.declared, generated.isApiError(teapot, "fail")]).toEqual([418, false, false]);
    });
  });

  describe("streams", () => {
    test("typed SSE read to the end: payloads, and events with name, id and retry", async () => {
      expect(await collect(client.streamTokens!({ query: { count: 4 } }))).toEqual([0, 1, 2, 3].map((index) => ({ index, text: `t${index}` })));
      const events = await collect(client.streamTokens!({ query: { count: 2 } }).events());
      expect(events).toEqual([
        { data: { index: 0, text: "t0" }, raw: '{"index":0,"text":"t0"}', event: "token", id: "0", retry: 1500 },
        { data: { index: 1, text: "t1" }, raw: '{"index":1,"text":"t1"}', event: "token", id: "1", retry: 1500 },
      ]);
    });

    test("keep-alive pings between slow events are skipped, and keep the stream within its idle timeout", async () => {
      const started = Date.now();
      const tokens = await collect(client.streamTokens!({ query: { count: 3, delay: 0.35 }, timeoutMs: 250 }));
      expect(tokens).toHaveLength(3);
      expect(Date.now() - started).toBeGreaterThan(1000);
      // Without pings (JSON Lines has none) the same gaps exceed it.
      const error = await failure(collect(client.streamTokensJsonl!({ query: { count: 3, delay: 0.35 }, idleTimeoutMs: 250 })));
      expect(error).toMatchObject({ name: "TimeoutError", idle: true, timeoutMs: 250 });
    });

    test("resume after an event with lastEventId", async () => {
      const first = await collect(client.streamTokens!({ query: { count: 5 } }).events());
      const resumed = await collect(client.streamTokens!({ query: { count: 5 }, lastEventId: first[2]!.id }));
      expect(resumed).toEqual([{ index: 3, text: "t3" }, { index: 4, text: "t4" }]);
    });

    test("SSE over POST with a JSON body", async () => {
      expect(await collect(client.streamChat!({ body: { prompt: "one two three four", words: 3 } }))).toEqual([
        { delta: "one", done: false },
        { delta: "two", done: false },
        { delta: "three", done: false },
        { delta: "", done: true },
      ]);
    });

    test("untyped SSE: raw_data as sent (multi-line too), data= decoded from JSON, names, retry, comments skipped", async () => {
      const events = await collect(client.streamEvents!().events());
      expect(events).toEqual([
        { data: "line one\nline two", raw: "line one\nline two", event: "multi", id: "1", retry: undefined },
        { data: "plain", raw: "plain", event: "message", id: "1", retry: 2000 },
        { data: { json: true }, raw: '{"json": true}', event: "object", id: "1", retry: 2000 },
        { data: "[DONE]", raw: "[DONE]", event: "done", id: "1", retry: 2000 },
      ]);
    });

    test("JSON Lines read to the end", async () => {
      expect(await collect(client.streamTokensJsonl!({ query: { count: 3 } }))).toEqual([0, 1, 2].map((index) => ({ index, text: `line ${index}` })));
    });

    test("untyped StreamingResponses typed by the config: NDJSON and hand-written SSE", async () => {
      expect(await collect(client.streamRaw!({ query: { count: 2 } }))).toEqual([{ index: 0, text: "raw 0" }, { index: 1, text: "raw 1" }]);
      const legacy = await collect(client.streamLegacy!({ query: { count: 2 } }).events());
      expect(legacy.map((event) => [event.event, event.data])).toEqual([
        ["token", { token: { index: 0, text: "legacy 0" }, color: "red" }],
        ["token", { token: { index: 1, text: "legacy 1" }, color: "blue" }],
      ]);
    });

    test("abort mid-stream rejects the loop with the signal's reason, promptly", async () => {
      const controller = new AbortController();
      const received: unknown[] = [];
      const started = Date.now();
      const error = await (async () => {
        for await (const token of client.streamTokens!({ query: { count: 100, delay: 0.05 }, signal: controller.signal })) {
          received.push(token);
          if (received.length === 2) controller.abort(new Error("enough"));
        }
      })().catch((e: unknown) => e);
      expect(error).toMatchObject({ message: "enough" });
      expect(received).toHaveLength(2);
      expect(Date.now() - started).toBeLessThan(2000);
    });

    test("a fast burst read slower than it arrives: after abort() nothing buffered is yielded and the loop rejects at once, every time", async () => {
      let seed = 99;
      for (let run = 0; run < 8; run++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const abortAt = 1 + (seed % 30);
        const controller = new AbortController();
        let received = 0;
        let afterAbort = 0;
        const loop = (async () => {
          for await (const _ of client.streamTokens!({ query: { count: 1000 }, signal: controller.signal })) {
            if (controller.signal.aborted) afterAbort++;
            if (++received === abortAt) controller.abort();
            await new Promise((resolve) => setTimeout(resolve, run % 2));
          }
          return "ended";
        })().catch((e: unknown) => e);
        const outcome = await Promise.race([loop, new Promise((resolve) => setTimeout(() => resolve("unsettled"), 3000))]);
        expect([(outcome as Error).name, received, afterAbort], `run ${run}`).toEqual(["AbortError", abortAt, 0]);
      }
    });

    test("leaving the loop early ends the request", async () => {
      for await (const token of client.streamTokensJsonl!({ query: { count: 100, delay: 0.05 } })) {
        expect(token).toEqual({ index: 0, text: "line 0" });
        break;
      }
      expect(await client.getText!()).toBe("hello, text");
    });

    test("an HTTP error is thrown from the loop", async () => {
      const error = (await failure(collect(client.streamTokens!({ query: { count: -1 } })))) as { status: number; declared: boolean };
      expect([error.status, error.declared]).toEqual([422, true]);
    });
  });

  describe("timeouts and network failures", () => {
    test("a slow response fails with TimeoutError after timeoutMs", async () => {
      const started = Date.now();
      const error = await failure(client.slow!({ query: { seconds: 3 }, timeoutMs: 200 }));
      expect(error).toBeInstanceOf(generated.TimeoutError);
      expect(Date.now() - started).toBeLessThan(1500);
      expect(await client.slow!({ query: { seconds: 0.05 }, timeoutMs: 2000 })).toEqual({ slept: 0.05 });
    });

    test("a refused connection fails with NetworkError", async () => {
      const nobody = generated.createClient({ baseUrl: "http://127.0.0.1:9" });
      expect(await failure(nobody.getText!())).toBeInstanceOf(generated.NetworkError);
    });
  });
});
