// The generated fake through the generated client: default answers, typed overrides, declared
// errors, Responses, 404/405, and SSE and JSON Lines streams read with for await.
import { describe, expect, test } from "vitest";
import { loadFake, loadSpec, SPECS } from "./support.js";

type Method = (request?: object) => Promise<unknown> & AsyncIterable<unknown> & { events(): AsyncIterable<{ data: unknown; event: string; id: string | undefined; retry: number | undefined }> };
interface ClientLike {
  [name: string]: Method;
}

const content = await loadFake("fetch-content", await loadSpec(SPECS["content-api"]!));
const estimation = await loadFake("fetch-estimation", await loadSpec(SPECS["estimation-api"]!));
const BASE = "http://fake.invalid";
const clientOf = (loaded: typeof content, overrides?: object) =>
  loaded.client.createClient({ baseUrl: BASE, fetch: loaded.fake.createFakeFetch(overrides) }) as unknown as ClientLike;
const collect = async (items: AsyncIterable<unknown>) => {
  const out: unknown[] = [];
  for await (const item of items) out.push(item);
  return out;
};

describe("default answers", () => {
  test("each call answers the spec's data with its declared status, the same on every call", async () => {
    const fetch = estimation.fake.createFakeFetch();
    const body = { customer: "ACME", line_items: [{ sku: "A-1", pricing: { kind: "fixed", amount: 10 } }] };
    const created = await fetch(`${BASE}/estimates`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
    expect(created.status).toBe(201);
    expect(created.headers.get("content-type")).toBe("application/json");
    const again = await fetch(`${BASE}/estimates`, { method: "POST", body: JSON.stringify(body) });
    expect(await again.text()).toBe(await created.clone().text());
    expect(await created.json()).toMatchObject({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), stage: "prospect" });
  });

  test("204 has no body; the client resolves with undefined", async () => {
    const client = clientOf(estimation);
    expect(await client["deleteEstimate"]!({ path: { estimate_id: "0b0f8a3e-57c5-4c2e-9f3b-3c1c2a4e5d6f" } })).toBeUndefined();
  });

  test("unknown path: 404 {detail: Not Found}; known path, other method: 405", async () => {
    const fetch = estimation.fake.createFakeFetch();
    const missing = await fetch(`${BASE}/nope`);
    expect([missing.status, await missing.json()]).toEqual([404, { detail: "Not Found" }]);
    const wrong = await fetch(`${BASE}/health`, { method: "DELETE" });
    expect([wrong.status, await wrong.json(), wrong.headers.get("allow")]).toEqual([405, { detail: "Method Not Allowed" }, "GET"]);
  });
});

describe("overrides", () => {
  test("a resolver gets the validated request (path, query coerced by schema, body) and its result is the body", async () => {
    const seen: unknown[] = [];
    const client = clientOf(estimation, {
      listEstimates: (request: { query: unknown; headers: Headers }) => {
        seen.push(request.query, request.headers.get("x-extra"));
        return [];
      },
    });
    expect(await client["listEstimates"]!({ query: { limit: 5, tags: ["a", "b"] }, headers: { "x-extra": "yes" } })).toEqual([]);
    expect(seen).toEqual([{ tags: ["a", "b"], limit: 5 }, "yes"]);
  });

  test("a declared error { status, body } is an ApiError with that status and body; a Response is sent as is", async () => {
    const client = clientOf(estimation, {
      getEstimate: () => ({ status: 404, body: { detail: "estimate 1 not found" } }),
      health: () => new Response("teapot", { status: 418 }),
    });
    const error = (await client["getEstimate"]!({ path: { estimate_id: "0b0f8a3e-57c5-4c2e-9f3b-3c1c2a4e5d6f" } }).catch((e: unknown) => e)) as { status: number; body: unknown; declared: boolean };
    expect([error.status, error.body, error.declared]).toEqual([404, { detail: "estimate 1 not found" }, true]);
    const teapot = (await client["health"]!().catch((e: unknown) => e)) as { status: number; body: unknown };
    expect([teapot.status, teapot.body]).toEqual([418, "teapot"]);
  });
});

describe("streams", () => {
  test("SSE: default events arrive through for await, as FastAPI's wire format", async () => {
    const client = clientOf(content);
    const tokens = await collect(client["streamTokens"]!({ body: { prompt: "hi" } }));
    expect(tokens).toHaveLength(2);
    const raw = await content.fake.createFakeFetch()(`${BASE}/generate/stream`, { method: "POST", body: '{"prompt":"hi"}' });
    expect(raw.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(await raw.text()).toBe(tokens.map((token) => `data: ${JSON.stringify(token)}\n\n`).join(""));
  });

  test("SSE: events from an override, with event, id and retry, from an async generator", async () => {
    const client = clientOf(content, {
      streamTokens: async function* () {
        yield { data: { index: 0, text: "a" }, event: "token", id: "1", retry: 500 };
        yield { data: { index: 1, text: "b\nc", finish_reason: "stop" } };
      },
    });
    const events = await collect(client["streamTokens"]!({ body: { prompt: "hi" } }).events());
    expect(events).toEqual([
      { data: { index: 0, text: "a" }, raw: '{"index":0,"text":"a"}', event: "token", id: "1", retry: 500 },
      { data: { index: 1, text: "b\nc", finish_reason: "stop" }, raw: '{"index":1,"text":"b\\nc","finish_reason":"stop"}', event: "message", id: "1", retry: 500 },
    ]);
    const raw = await content.fake.createFakeFetch({ streamTokens: () => [{ data: { index: 0, text: "a" }, event: "token", id: "1", retry: 500, comment: "hi" }] })(`${BASE}/generate/stream`, { method: "POST", body: '{"prompt":"x"}' });
    expect(await raw.text()).toBe(': hi\nevent: token\ndata: {"index":0,"text":"a"}\nid: 1\nretry: 500\n\n');
  });

  test("JSON Lines: default items, and items from an array override", async () => {
    const id = "0b0f8a3e-57c5-4c2e-9f3b-3c1c2a4e5d6f";
    expect(await collect(clientOf(content)["streamJobEvents"]!({ path: { job_id: id } }))).toHaveLength(2);
    const item = { job_id: id, status: "running", progress: 0.5 };
    const client = clientOf(content, { streamJobEvents: () => [item, { ...item, status: "succeeded", progress: 1 }] });
    expect(await collect(client["streamJobEvents"]!({ path: { job_id: id } }))).toEqual([item, { ...item, status: "succeeded", progress: 1 }]);
  });

  test("leaving the loop early stops the override's generator", async () => {
    let finished = false;
    const client = clientOf(content, {
      streamTokens: async function* () {
        try {
          for (let index = 0; ; index++) yield { data: { index, text: "t" } };
        } finally {
          finished = true;
        }
      },
    });
    for await (const token of client["streamTokens"]!({ body: { prompt: "hi" } })) if ((token as { index: number }).index === 3) break;
    await expect.poll(() => finished).toBe(true);
  });
});
