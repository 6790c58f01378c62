/**
 * A fake fetch served over HTTP on loopback: Node's request in, a fetch `Request`; the fake's
 * `Response` out, streamed as it is produced (SSE and JSON Lines arrive event by event).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import type { FakeFetch } from "./load.js";

export interface FakeServer {
  readonly url: string;
  /** Stops listening and ends open connections (streams included). */
  close(): Promise<void>;
}

export async function serveFake(fetch: FakeFetch, port: number): Promise<FakeServer> {
  const server: Server = createServer((request, response) => void answer(fetch, request, response));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

async function answer(fetch: FakeFetch, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const abort = new AbortController();
  response.once("close", () => abort.abort());
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
    }
    const hasBody = request.method !== "GET" && request.method !== "HEAD";
    const init: RequestInit & { duplex?: "half" } = { method: request.method ?? "GET", headers, signal: abort.signal };
    if (hasBody) {
      init.body = Readable.toWeb(request) as ReadableStream<Uint8Array>;
      init.duplex = "half";
    }
    const answered = await fetch(`http://127.0.0.1${request.url ?? "/"}`, init);
    const out: Record<string, string> = {};
    answered.headers.forEach((value, name) => void (out[name] = value));
    if (answered.body === null) return void response.writeHead(answered.status, out).end();
    // Whole bodies in one write with their length; only streams are relayed chunk by chunk.
    if (!/^(?:text\/event-stream|application\/(?:jsonl|x-ndjson))/i.test(out["content-type"] ?? "")) {
      const bytes = Buffer.from(await answered.arrayBuffer());
      return void response.writeHead(answered.status, { ...out, "content-length": String(bytes.length) }).end(bytes);
    }
    response.writeHead(answered.status, out);
    const reader = answered.body.getReader();
    abort.signal.addEventListener("abort", () => void reader.cancel().catch(() => undefined), { once: true });
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) response.write(chunk.value);
    response.end();
  } catch (error) {
    // A resolver that threw, or a client that left: answer what can still be answered.
    if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
    response.end(response.headersSent ? undefined : JSON.stringify({ detail: `fake failed: ${error instanceof Error ? error.message : String(error)}` }));
  }
}
