import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { afterAll } from "vitest";

export interface FakeServer {
  port: number;
  /** `http://<host>:<port>`. */
  origin: string;
  /** Each request's path and headers, oldest first. */
  requests: { path: string; headers: IncomingHttpHeaders }[];
  /** Bytes written to responses whose client went away before they ended. */
  abandoned: number[];
}

const servers: ReturnType<typeof createServer>[] = [];
// Registered when a test file imports this helper: an afterAll called from a test body never runs.
afterAll(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

/** An HTTP server for one test file (on loopback unless `host` says otherwise), closed after it; `handle` answers by path. */
export async function startFakeServer(handle: (req: IncomingMessage, res: ServerResponse, server: FakeServer) => void, host = "127.0.0.1"): Promise<FakeServer> {
  const fake: FakeServer = { port: 0, origin: "", requests: [], abandoned: [] };
  const server = createServer((req, res) => {
    fake.requests.push({ path: req.url ?? "", headers: req.headers });
    handle(req, res, fake);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  fake.port = (server.address() as { port: number }).port;
  fake.origin = `http://${host}:${fake.port}`;
  return fake;
}

/**
 * An endless body made on demand, written as fast as the client reads (backpressure), so a
 * huge answer costs the server no memory; the bytes sent are recorded when the client leaves.
 */
export function sendEndless(res: ServerResponse, fake: FakeServer, headers: Record<string, string | number> = {}): void {
  const chunk = Buffer.alloc(64 * 1024, " ");
  let sent = 0;
  res.writeHead(200, { "content-type": "application/json", ...headers });
  res.write("{");
  const pump = () => {
    while (!res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return;
    }
  };
  res.on("drain", pump);
  res.on("close", () => fake.abandoned.push(sent));
  pump();
}

/** One byte at a time, forever (until the client leaves): each chunk would reset a per-read timeout. */
export function sendTrickle(res: ServerResponse, fake: FakeServer): void {
  res.writeHead(200, { "content-type": "application/json" });
  let sent = 0;
  const timer = setInterval(() => {
    res.write(" ");
    sent++;
  }, 50);
  res.on("close", () => {
    clearInterval(timer);
    fake.abandoned.push(sent);
  });
}
