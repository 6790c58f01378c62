import * as runtime from "../../../../runtime/runtime.js";
import { describe, expect, test } from "vitest";
import { collect } from "./support.js";

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: RequestInit["body"];
}

/** A transport whose fetch records the request and answers with `respond`'s response. */
function transportWith(respond: (init: RequestInit) => Response | Promise<Response> = () => Response.json({ ok: true }), options: Record<string, unknown> = {}) {
  const sent: Sent[] = [];
  const transport = runtime.createTransport({
    baseUrl: "http://api.test/base/",
    fetch: async (url: string, init: RequestInit) => {
      sent.push({ url, method: String(init.method), headers: Object.fromEntries(new Headers(init.headers)), body: init.body });
      return respond(init);
    },
    ...options,
  });
  return { transport, sent };
}

const GET = { name: "op", method: "GET", path: "/items/{item_id}" };

describe("request serialization", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ["path parameters percent-encoded", { path: { item_id: "a b/ç?#%&" } }, "/items/a%20b%2F%C3%A7%3F%23%25%26"],
    ["numbers and booleans as text", { path: { item_id: 42 }, query: { flag: true, n: 1.5 } }, "/items/42?flag=true&n=1.5"],
    ["arrays repeat the key, as FastAPI reads them", { path: { item_id: 1 }, query: { tags: ["a", "b c"], one: ["x"] } }, "/items/1?tags=a&tags=b+c&one=x"],
    ["undefined and null left out", { path: { item_id: 1 }, query: { q: undefined, r: null, s: "", t: [undefined, "x", null] } }, "/items/1?s=&t=x"],
    ["empty arrays send nothing", { path: { item_id: 1 }, query: { tags: [] } }, "/items/1"],
    ["dates as ISO strings", { path: { item_id: 1 }, query: { since: new Date(Date.UTC(2024, 0, 2)) } }, "/items/1?since=2024-01-02T00%3A00%3A00.000Z"],
    ["hostile keys are plain data", { path: { item_id: 1 }, query: JSON.parse('{"__proto__": "p", "constructor": "c", "a&b=c": "d"}') }, "/items/1?__proto__=p&constructor=c&a%26b%3Dc=d"],
  ];
  test.each(cases)("%s", async (_name, request, url) => {
    const { transport, sent } = transportWith();
    await transport.call(GET, request);
    expect(sent[0]!.url).toBe(`http://api.test/base${url}`);
  });

  test("a missing path parameter is a TypeError before anything is sent", async () => {
    const { transport, sent } = transportWith();
    await expect(transport.call(GET, { path: {} })).rejects.toThrow(/missing path parameter "item_id"/);
    await expect(transport.call(GET, { path: JSON.parse('{"__proto__": {"item_id": 1}}') })).rejects.toThrow(TypeError);
    expect(sent).toHaveLength(0);
  });

  test("headers: client defaults (even async) < header parameters < call headers; cookies in one Cookie header, quoted as Python does", async () => {
    let calls = 0;
    const { transport, sent } = transportWith(undefined, {
      headers: async () => ({ authorization: `Bearer ${++calls}`, "x-token": "default", "x-skip": undefined }),
    });
    await transport.call(GET, {
      path: { item_id: 1 },
      header: { "x-token": "param", "x-list": ["a", "b"], "x-none": undefined },
      cookie: { session: 'a "b";c,d\\', theme: undefined, n: 1 },
      headers: new Headers({ "x-call": "1", authorization: "Bearer call" }),
    });
    await transport.call(GET, { path: { item_id: 1 }, headers: [["x-pair", "p"]] });
    expect(sent[0]!.headers).toEqual({
      authorization: "Bearer call",
      "x-token": "param",
      "x-list": "a, b",
      "x-call": "1",
      cookie: 'session="a \\"b\\"\\073c\\054d\\\\"; n=1',
    });
    expect(sent[1]!.headers).toEqual({ authorization: "Bearer 2", "x-token": "default", "x-pair": "p" });
  });

  test("fetch options pass through, the call's over the client's; method, headers, body and signal stay the client's", async () => {
    const inits: RequestInit[] = [];
    const transport = runtime.createTransport({
      baseUrl: "http://api.test",
      init: { credentials: "include", cache: "no-store", keepalive: true },
      fetch: async (_url: string, init: RequestInit) => (inits.push(init), Response.json({})),
    });
    await transport.call(GET, { path: { item_id: 1 }, init: { cache: "force-cache", method: "DELETE" } as runtime.FetchInit });
    expect(inits[0]).toMatchObject({ credentials: "include", cache: "force-cache", keepalive: true, method: "GET" });
  });

  test("JSON body", async () => {
    const { transport, sent } = transportWith();
    await transport.call({ ...GET, method: "POST", body: "application/json" }, { path: { item_id: 1 }, body: { name: "x", tags: [], n: null } });
    expect(sent[0]).toMatchObject({ method: "POST", body: '{"name":"x","tags":[],"n":null}', headers: { "content-type": "application/json" } });
  });

  test("form body: arrays repeat, undefined and null left out", async () => {
    const { transport, sent } = transportWith();
    await transport.call({ ...GET, body: "application/x-www-form-urlencoded" }, { path: { item_id: 1 }, body: { user: "a b", scopes: ["r", "w"], remember: false, skip: undefined } });
    expect(String(sent[0]!.body)).toBe("user=a+b&scopes=r&scopes=w&remember=false");
  });

  test("multipart body: Blobs as files, lists of files, fields as text", async () => {
    const { transport, sent } = transportWith();
    const file = new File(["hello"], "hello.txt", { type: "text/plain" });
    await transport.call(
      { ...GET, body: "multipart/form-data" },
      { path: { item_id: 1 }, body: { file, files: [new Blob(["a"]), new Blob(["bc"])], note: "n", count: 2, skip: null, labels: ["x", "y"] } },
    );
    const form = sent[0]!.body as FormData;
    expect(sent[0]!.headers["content-type"]).toBeUndefined();
    expect((form.get("file") as File).name).toBe("hello.txt");
    expect(await Promise.all(form.getAll("files").map((part) => (part as Blob).text()))).toEqual(["a", "bc"]);
    expect([form.get("note"), form.get("count"), form.has("skip"), form.getAll("labels")]).toEqual(["n", "2", false, ["x", "y"]]);
  });

  test("text and binary bodies are sent as they are, with the declared content type", async () => {
    const { transport, sent } = transportWith();
    await transport.call({ ...GET, body: "text/plain" }, { path: { item_id: 1 }, body: "héllo" });
    const blob = new Blob([new Uint8Array([1, 2])]);
    await transport.call({ ...GET, body: "application/octet-stream" }, { path: { item_id: 1 }, body: blob });
    expect([sent[0]!.body, sent[0]!.headers["content-type"]]).toEqual(["héllo", "text/plain"]);
    expect([sent[1]!.body, sent[1]!.headers["content-type"]]).toEqual([blob, "application/octet-stream"]);
  });
});

describe("responses", () => {
  const cases: [string, () => Response, unknown][] = [
    ["JSON parsed", () => Response.json({ a: [1] }), { a: [1] }],
    ["problem+json parsed", () => new Response('{"a":1}', { headers: { "content-type": "application/problem+json" } }), { a: 1 }],
    ["text as a string", () => new Response("hi", { headers: { "content-type": "text/plain; charset=utf-8" } }), "hi"],
    ["204 as undefined", () => new Response(null, { status: 204 }), undefined],
    ["empty JSON body as undefined", () => new Response("", { headers: { "content-type": "application/json" } }), undefined],
  ];
  test.each(cases)("%s", async (_name, response, expected) => {
    expect(await transportWith(response).transport.call(GET, { path: { item_id: 1 } })).toEqual(expected);
  });

  test("anything else as a Blob", async () => {
    const body = await transportWith(() => new Response(new Uint8Array([137, 80]), { headers: { "content-type": "image/png" } })).transport.call(GET, { path: { item_id: 1 } });
    expect(body).toBeInstanceOf(Blob);
    expect([...new Uint8Array(await (body as Blob).arrayBuffer())]).toEqual([137, 80]);
  });

  test("a status declared without content is a Blob whatever its content type, empty or not, and never validated", async () => {
    const validate = (context: { body: unknown }) => ({ validated: context.body });
    const operation = { ...GET, blob: ["200"] };
    for (const [text, type] of [['{"a":1}', "application/json"], ["", "application/json"], ["hi", "text/plain"]] as const) {
      const body = await transportWith(() => new Response(text, { headers: { "content-type": type } }), { validate }).transport.call(operation, { path: { item_id: 1 } });
      expect(body).toBeInstanceOf(Blob);
      expect(await (body as Blob).text()).toBe(text);
    }
    // Other statuses of the same operation are still read by content type.
    const created = await transportWith(() => Response.json({ a: 1 }, { status: 201 })).transport.call(operation, { path: { item_id: 1 } });
    expect(created).toEqual({ a: 1 });
  });

  test("HEAD resolves with undefined, whatever the response claims", async () => {
    const head = { ...GET, method: "HEAD", blob: ["200"] };
    expect(await transportWith(() => new Response(null, { headers: { "content-type": "application/json", "content-length": "7" } })).transport.call(head, { path: { item_id: 1 } })).toBeUndefined();
  });
});

describe("errors", () => {
  const withErrors = { ...GET, errors: ["404", "5XX"] };
  const cases: [string, () => Response, { status: number; declared: boolean; body: unknown; message: RegExp }][] = [
    ["declared status", () => Response.json({ detail: "no item" }, { status: 404 }), { status: 404, declared: true, body: { detail: "no item" }, message: /op \(GET \/items\/\{item_id\}\) failed with 404: no item/ }],
    ["declared range", () => new Response("down", { status: 503, headers: { "content-type": "text/plain" } }), { status: 503, declared: true, body: "down", message: /503: down/ }],
    ["undeclared status", () => Response.json({ detail: [{ msg: "bad" }] }, { status: 422 }), { status: 422, declared: false, body: { detail: [{ msg: "bad" }] }, message: /422: \[\{"msg":"bad"\}\]/ }],
    ["error body that is not the JSON it claims", () => new Response("<html>", { status: 404, headers: { "content-type": "application/json" } }), { status: 404, declared: true, body: "<html>", message: /404: <html>/ }],
  ];
  test.each(cases)("%s: ApiError with status and body", async (_name, response, expected) => {
    const error = await transportWith(response).transport.call(withErrors, { path: { item_id: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(runtime.ApiError);
    expect(error).toMatchObject({ name: "ApiError", status: expected.status, declared: expected.declared, body: expected.body, operation: "op" });
    expect((error as Error).message).toMatch(expected.message);
    expect(runtime.isDeclaredError(error, "op")).toBe(expected.declared);
    expect(runtime.isDeclaredError(error, "other")).toBe(false);
  });

  test("a status every other one falls under with `default`", async () => {
    const error = await transportWith(() => new Response(null, { status: 418 })).transport.call({ ...GET, errors: ["default"] }, { path: { item_id: 1 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 418, declared: true, body: undefined });
  });

  test("network failure → NetworkError with the cause", async () => {
    const cause = new TypeError("fetch failed");
    const { transport } = transportWith(() => Promise.reject(cause));
    const error = await transport.call(GET, { path: { item_id: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(runtime.NetworkError);
    expect(error).toMatchObject({ name: "NetworkError", cause, message: "op (GET /items/{item_id}) failed: fetch failed" });
  });

  test("an invalid JSON success body is a SyntaxError, not a network error", async () => {
    const { transport } = transportWith(() => new Response("{", { headers: { "content-type": "application/json" } }));
    await expect(transport.call(GET, { path: { item_id: 1 } })).rejects.toThrow(SyntaxError);
  });
});

/** A fetch that never answers until its signal aborts, like a stalled server. */
const stalled = (init: RequestInit) =>
  new Promise<Response>((_, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason), { once: true }));

/** A response whose body yields `parts` and then stalls until aborted. */
function trickle(parts: string[], contentType = "text/event-stream") {
  return (init: RequestInit) => {
    const encoder = new TextEncoder();
    let index = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (index < parts.length) return controller.enqueue(encoder.encode(parts[index++]));
        return new Promise<void>((_, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason), { once: true }));
      },
    });
    return new Response(body, { headers: { "content-type": contentType } });
  };
}

describe("timeouts and abort", () => {
  test("timeoutMs → TimeoutError; the call's timeoutMs overrides the client's", async () => {
    const { transport } = transportWith(stalled, { timeoutMs: 10_000 });
    const started = Date.now();
    const error = await transport.call(GET, { path: { item_id: 1 }, timeoutMs: 30 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(runtime.TimeoutError);
    expect(error).toMatchObject({ timeoutMs: 30, message: "op (GET /items/{item_id}) timed out after 30 ms" });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test("abort → rejects with the signal's reason, before or during the call", async () => {
    const { transport, sent } = transportWith(stalled);
    const reason = new Error("user left");
    await expect(transport.call(GET, { path: { item_id: 1 }, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(sent).toHaveLength(0);
    const controller = new AbortController();
    const pending = transport.call(GET, { path: { item_id: 1 }, signal: controller.signal });
    setTimeout(() => controller.abort(reason), 10);
    await expect(pending).rejects.toBe(reason);
  });

  test("a stream's idle timeout is per line, keep-alive comments included; it defaults to timeoutMs", async () => {
    const { transport } = transportWith(trickle(["data: 1\n\n", ": ping\n\n", "data: 2\n\n"]), { timeoutMs: 50 });
    const received: unknown[] = [];
    const error = await (async () => {
      for await (const data of transport.sse({ name: "s", method: "GET", path: "/s" }, undefined, "json")) received.push(data);
    })().catch((e: unknown) => e);
    expect(received).toEqual([1, 2]);
    expect(error).toBeInstanceOf(runtime.TimeoutError);
    expect(error).toMatchObject({ idle: true, timeoutMs: 50, message: "s (GET /s) sent no new line for 50 ms (idleTimeoutMs)" });
  });

  test("a consumer slower than idleTimeoutMs does not time its stream out: only waits on the server count", async () => {
    const { transport } = transportWith(() => new Response("data: 1\n\ndata: 2\n\ndata: 3\n\n", { headers: { "content-type": "text/event-stream" } }), { idleTimeoutMs: 20 });
    const received: unknown[] = [];
    for await (const data of transport.sse({ name: "s", method: "GET", path: "/s" }, undefined, "json")) {
      received.push(data);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    expect(received).toEqual([1, 2, 3]);
  });

  test("timeoutMs and abort bound the whole call even when fetch ignores the signal or the headers function never settles", async () => {
    const never = () => new Promise<never>(() => undefined);
    const ignoring = transportWith(never, { timeoutMs: 30 });
    expect(await ignoring.transport.call(GET, { path: { item_id: 1 } }).catch((e: unknown) => e)).toMatchObject({ name: "TimeoutError", idle: false, timeoutMs: 30 });
    const headers = transportWith(undefined, { timeoutMs: 30, headers: never });
    expect(await headers.transport.call(GET, { path: { item_id: 1 } }).catch((e: unknown) => e)).toMatchObject({ name: "TimeoutError", timeoutMs: 30 });
    expect(headers.sent).toHaveLength(0);
    const reason = new Error("gone");
    const controller = new AbortController();
    const pending = [ignoring, headers].map(({ transport }) => transport.call(GET, { path: { item_id: 1 }, timeoutMs: 60_000, signal: controller.signal }));
    controller.abort(reason);
    for (const call of pending) await expect(call).rejects.toBe(reason);
  });

  test("abort mid-stream rejects the loop with the reason", async () => {
    const controller = new AbortController();
    const { transport } = transportWith(trickle(["data: 1\n\n", "data: 2\n\n"]));
    const received: unknown[] = [];
    const error = await (async () => {
      for await (const data of transport.sse({ name: "s", method: "GET", path: "/s" }, { signal: controller.signal }, "json")) {
        received.push(data);
        if (received.length === 2) setTimeout(() => controller.abort(new Error("stop")), 5);
      }
    })().catch((e: unknown) => e);
    expect(received).toEqual([1, 2]);
    expect(error).toMatchObject({ message: "stop" });
  });

  test("leaving a stream early cancels the body", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new TextEncoder().encode("data: 1\n\n")),
      cancel: () => {
        cancelled = true;
      },
    });
    const { transport } = transportWith(() => new Response(body, { headers: { "content-type": "text/event-stream" } }));
    for await (const data of transport.sse({ name: "s", method: "GET", path: "/s" }, undefined, "json")) {
      expect(data).toBe(1);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cancelled).toBe(true);
  });
});

describe("auth", () => {
  const schemes: [string, runtime.SecurityScheme][] = [
    ["key", { type: "apiKey", in: "header", name: "X-Key" }],
    ["other", { type: "apiKey", in: "header", name: "x-key" }],
    ["bearer", { type: "http", scheme: "Bearer" }],
    ["basic", { type: "basic" }],
  ];
  const withAuth = (auth: Record<string, runtime.AuthValue<unknown>>) => {
    const sent: Record<string, string>[] = [];
    const transport = runtime.createTransport({ baseUrl: "http://api.test", auth, fetch: async (_url, init) => (sent.push(Object.fromEntries(new Headers(init.headers))), Response.json({})) }, schemes);
    return { transport, sent };
  };

  test("schemes one requirement names together are all sent; of two for one place, the first listed that is configured", async () => {
    const { transport, sent } = withAuth({ key: undefined, other: () => "o", bearer: "b", basic: { username: "u", password: "p" } });
    await transport.call({ name: "op", method: "GET", path: "/", security: [["bearer", "key"], ["basic"], ["other"]] }, undefined);
    expect(sent[0]).toEqual({ authorization: "Bearer b", "x-key": "o" });
  });

  test("an operation without security gets nothing, and its auth functions are not called", async () => {
    let called = 0;
    const { transport, sent } = withAuth({ bearer: () => String(++called) });
    await transport.call({ name: "op", method: "GET", path: "/" }, undefined);
    await transport.call({ name: "op", method: "GET", path: "/", security: [["bearer"]] }, undefined);
    expect(sent).toEqual([{}, { authorization: "Bearer 1" }]);
    expect(called).toBe(1);
  });

  test("a scheme the client does not know, or an inherited key, sends nothing", async () => {
    const { transport, sent } = withAuth(Object.create({ bearer: "inherited" }) as Record<string, never>);
    await transport.call({ name: "op", method: "GET", path: "/", security: [["bearer"], ["unknown"]] }, undefined);
    expect(sent[0]).toEqual({});
  });
});

describe("streams", () => {
  const SSE = { name: "s", method: "GET", path: "/s" };

  test("SSE: each iteration makes its own request; events() carries event, id and retry", async () => {
    const frames = "retry: 100\nevent: tick\nid: 1\ndata: {\"n\":1}\n\ndata: {\"n\":2}\n\n";
    const { transport, sent } = transportWith(() => new Response(frames, { headers: { "content-type": "text/event-stream" } }));
    const stream = transport.sse(SSE, { lastEventId: "0" }, "json");
    expect(await collect(stream)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await collect(stream.events())).toEqual([
      { data: { n: 1 }, raw: '{"n":1}', event: "tick", id: "1", retry: 100 },
      { data: { n: 2 }, raw: '{"n":2}', event: "message", id: "1", retry: 100 },
    ]);
    expect(sent).toHaveLength(2);
    expect(sent[0]!.headers).toMatchObject({ accept: "text/event-stream", "last-event-id": "0" });
  });

  test("SSE text data stays raw, multi-byte characters split across chunks included", async () => {
    const bytes = new TextEncoder().encode("data: é🎉\ndata: [DONE]\n\n");
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    const { transport } = transportWith(() => new Response(body, { headers: { "content-type": "text/event-stream" } }));
    expect(await collect(transport.sse(SSE, undefined, "text"))).toEqual(["é🎉\n[DONE]"]);
  });

  test("an HTTP error is thrown from the loop as ApiError", async () => {
    const { transport } = transportWith(() => Response.json({ detail: "nope" }, { status: 422 }));
    const error = await collect(transport.sse({ ...SSE, errors: ["422"] }, undefined, "json")).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ApiError", status: 422, declared: true, body: { detail: "nope" } });
  });

  test("JSON Lines", async () => {
    const { transport } = transportWith(trickle(['{"i":0}\n{"i"', ':1}\n{"i":2}'], "application/jsonl"));
    const received: unknown[] = [];
    for await (const item of transport.jsonLines(SSE, undefined)) {
      received.push(item);
      if (received.length === 2) break;
    }
    expect(received).toEqual([{ i: 0 }, { i: 1 }]);
  });

  test("an event with empty data carries no item on a JSON stream (FastAPI's raw_data=\"\"), and is \"\" on a text stream", async () => {
    const frames = 'data:\n\ndata: 1\n\nevent: beat\ndata: \n\n: ping\n\ndata: "x"\n\n';
    const { transport } = transportWith(() => new Response(frames, { headers: { "content-type": "text/event-stream" } }));
    expect(await collect(transport.sse(SSE, undefined, "json"))).toEqual([1, "x"]);
    expect(await collect(transport.stream(SSE, undefined).events())).toEqual([
      { data: 1, raw: "1", event: "message", id: undefined, retry: undefined },
      { data: "x", raw: '"x"', event: "message", id: undefined, retry: undefined },
    ]);
    expect(await collect(transport.sse(SSE, undefined, "text"))).toEqual(["", "1", "", '"x"']);
  });

  test("a line past maxLineLength fails with StreamLimitError naming the operation, and closes the connection", async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new TextEncoder().encode("data: xxxxxxxx")),
      cancel: () => {
        cancelled = true;
      },
    });
    const { transport } = transportWith(() => new Response(body, { headers: { "content-type": "text/event-stream" } }), { maxLineLength: 100 });
    const error = await collect(transport.sse(SSE, undefined, "json")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(runtime.StreamLimitError);
    expect(error).toMatchObject({ operation: "s", maxLineLength: 100, message: "s (GET /s) sent a line or event longer than 100 characters; if that is expected, raise maxLineLength in the client's options" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cancelled).toBe(true);
  });

  test("after abort, a pending next() rejects with the reason at once, even if the body never ends; then the stream is done and its body cancelled", async () => {
    let cancelled: unknown;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode("data: 1\n\ndata: 2\n\n")),
      cancel: (why) => {
        cancelled = why;
      },
    });
    // The fetch never looks at the signal: only the runtime can end the wait.
    const { transport } = transportWith(() => new Response(body, { headers: { "content-type": "text/event-stream" } }));
    const controller = new AbortController();
    const iterator = transport.sse(SSE, { signal: controller.signal }, "json")[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: 1 });
    const reason = new Error("stop");
    controller.abort(reason);
    // Event 2 is already parsed; it is dropped, not yielded.
    await expect(iterator.next()).rejects.toBe(reason);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(cancelled).toBe(reason);

    const stalled = transportWith(() => new Response(new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode("data: 1\n\n")) }), { headers: { "content-type": "text/event-stream" } }));
    const again = new AbortController();
    const lines = stalled.transport.sse(SSE, { signal: again.signal }, "json")[Symbol.asyncIterator]();
    expect(await lines.next()).toEqual({ done: false, value: 1 });
    const pending = lines.next();
    setTimeout(() => again.abort(reason), 5);
    await expect(pending).rejects.toBe(reason);
  });

  test("an undeclared stream format is read by content type", async () => {
    const sse = transportWith(() => new Response("event: t\ndata: 1\n\n", { headers: { "content-type": "text/event-stream" } }));
    const lines = transportWith(() => new Response("1\n2\n", { headers: { "content-type": "application/x-ndjson" } }));
    expect(await collect(sse.transport.stream(SSE, undefined).events())).toEqual([{ data: 1, raw: "1", event: "t", id: undefined, retry: undefined }]);
    expect(await collect(lines.transport.stream(SSE, undefined))).toEqual([1, 2]);
  });
});

describe("validate", () => {
  const seen: unknown[] = [];
  const validate = (context: { operation: string; status: number; body: unknown }) => (seen.push(context), { checked: context.body });

  test("sees every JSON body, error bodies too, and its result is what the call returns or the ApiError carries; text is left alone", async () => {
    seen.length = 0;
    const json = transportWith(() => Response.json({ a: 1 }, { status: 201 }), { validate });
    const error = transportWith(() => Response.json({ detail: "x" }, { status: 404 }), { validate });
    const text = transportWith(() => new Response("hi", { headers: { "content-type": "text/plain" } }), { validate });
    expect(await json.transport.call(GET, { path: { item_id: 1 } })).toEqual({ checked: { a: 1 } });
    expect(await error.transport.call({ ...GET, errors: ["404"] }, { path: { item_id: 1 } }).catch((e: unknown) => e)).toMatchObject({ status: 404, body: { checked: { detail: "x" } } });
    expect(await text.transport.call(GET, { path: { item_id: 1 } })).toBe("hi");
    expect(seen).toEqual([{ operation: "op", status: 201, body: { a: 1 } }, { operation: "op", status: 404, body: { detail: "x" } }]);
  });

  test("sees every stream item, SSE and JSON Lines", async () => {
    seen.length = 0;
    const sse = transportWith(() => new Response('data: {"n":1}\n\n', { headers: { "content-type": "text/event-stream" } }), { validate });
    const lines = transportWith(() => new Response("1\n2\n", { headers: { "content-type": "application/jsonl" } }), { validate });
    expect(await collect(sse.transport.sse({ name: "s", method: "GET", path: "/s" }, undefined, "json"))).toEqual([{ checked: { n: 1 } }]);
    expect(await collect(lines.transport.jsonLines({ name: "l", method: "GET", path: "/l" }, undefined))).toEqual([{ checked: 1 }, { checked: 2 }]);
    expect(seen).toEqual([{ operation: "s", status: 200, body: { n: 1 } }, { operation: "l", status: 200, body: 1 }, { operation: "l", status: 200, body: 2 }]);
  });

  test("what it throws rejects the call as is, a TypeError too (never taken for a network failure), and a rejected stream closes", async () => {
    const thrown = new TypeError("drifted");
    const reject = () => {
      throw thrown;
    };
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new TextEncoder().encode("data: 1\n\n")),
      cancel: () => {
        cancelled = true;
      },
    });
    const call = transportWith(() => Response.json({ a: 1 }), { validate: reject });
    const stream = transportWith(() => new Response(body, { headers: { "content-type": "text/event-stream" } }), { validate: reject });
    expect(await call.transport.call(GET, { path: { item_id: 1 } }).catch((e: unknown) => e)).toBe(thrown);
    expect(await collect(stream.transport.sse({ name: "s", method: "GET", path: "/s" }, undefined, "json")).catch((e: unknown) => e)).toBe(thrown);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(cancelled).toBe(true);
  });
});
