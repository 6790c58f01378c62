// Timeouts and abort through the real fetch (undici) against a local HTTP server: the cases
// where fetch's own behaviour matters, such as a burst whose body arrived before the abort.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, test } from "vitest";
import * as runtime from "../../../../runtime/runtime.js";

/** Responses the server holds open, so a test can see the client hang up. */
const open = new Set<ServerResponse>();
const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  const count = Number(url.searchParams.get("count") ?? 0);
  if (url.pathname === "/burst" || url.pathname === "/burst.jsonl") {
    const sse = url.pathname === "/burst";
    response.writeHead(200, { "content-type": sse ? "text/event-stream" : "application/jsonl" });
    // One write: the whole body is sent before the client reads much of it.
    response.end(Array.from({ length: count }, (_, i) => (sse ? `data: ${i}\n\n` : `${i}\n`)).join(""));
    return;
  }
  // A body that never ends and never finishes a line: a byte every 10 ms.
  response.writeHead(200, { "content-type": url.pathname === "/trickle.json" ? "application/json" : "text/event-stream" });
  open.add(response);
  response.write(url.pathname === "/trickle.json" ? '"' : "data: ");
  const timer = setInterval(() => response.write("x"), 10);
  response.on("close", () => {
    clearInterval(timer);
    open.delete(response);
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const transport = runtime.createTransport({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
const operation = (path: string) => ({ name: "op", method: "GET", path });

/** Whether `condition` holds within a few seconds. */
async function eventually(condition: () => boolean): Promise<boolean> {
  for (let waited = 0; waited < 3000 && !condition(); waited += 10) await new Promise((resolve) => setTimeout(resolve, 10));
  return condition();
}

describe("timeouts over real HTTP", () => {
  test("timeoutMs bounds a whole call: a body trickling in forever fails with TimeoutError, and the connection closes", async () => {
    const error = await transport.call(operation("/trickle.json"), { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TimeoutError", idle: false, timeoutMs: 300, message: "op (GET /trickle.json) timed out after 300 ms" });
    expect(await eventually(() => open.size === 0)).toBe(true);
  });

  test("a stream's idle timeout counts lines, not bytes: a trickle into one line cannot hold it open", async () => {
    const stream = transport.sse(operation("/trickle"), { idleTimeoutMs: 300 }, "text");
    const error = await (async () => {
      for await (const data of stream) expect.unreachable(`no event expected, got ${String(data)}`);
    })().catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TimeoutError", idle: true, timeoutMs: 300 });
    expect(await eventually(() => open.size === 0)).toBe(true);
  });
});

describe("abort over real HTTP", () => {
  // undici 6 can leave a read pending forever when the abort lands after the whole body
  // arrived: a burst of a few thousand events read by a slower consumer hit it every time.
  test("a fast burst, a slower consumer, seeded schedules: after abort() nothing more is yielded and the loop rejects at once", async () => {
    let seed = 12345;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const pauses = [
      () => Promise.resolve(),
      () => new Promise((resolve) => setImmediate(resolve)),
      () => new Promise((resolve) => setTimeout(resolve, 1)),
    ];
    for (let run = 0; run < 30; run++) {
      const controller = new AbortController();
      const jsonl = random(3) === 0;
      const request = { query: { count: 3000 }, signal: controller.signal };
      const stream = jsonl ? transport.jsonLines(operation("/burst.jsonl"), request) : transport.sse(operation("/burst"), request, "json");
      const abortAt = 1 + random(40);
      // Aborted from the loop, or from a callback that runs while the loop waits (so the loop must wait on a macrotask).
      const fromOutside = random(2) === 0;
      const pause = pauses[fromOutside ? 1 + random(2) : random(pauses.length)]!;
      let received = 0;
      let afterAbort = 0;
      const loop = (async () => {
        for await (const _ of stream) {
          received++;
          if (controller.signal.aborted) afterAbort++;
          if (received === abortAt) {
            if (fromOutside) setImmediate(() => controller.abort());
            else controller.abort();
          }
          await pause();
        }
        return "ended";
      })().catch((e: unknown) => e);
      const outcome = await Promise.race([loop, new Promise((resolve) => setTimeout(() => resolve("unsettled"), 3000))]);
      const schedule = JSON.stringify({ run, jsonl, abortAt, fromOutside, received });
      expect(outcome, schedule).toBe(controller.signal.reason);
      expect((outcome as Error).name, schedule).toBe("AbortError");
      expect(afterAbort, schedule).toBe(0);
      if (!fromOutside) expect(received, schedule).toBe(abortAt);
    }
  });
});
