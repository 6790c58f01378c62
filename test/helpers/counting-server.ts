import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";

export interface CountingServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Every request it received, as `METHOD /path`. */
  requests: string[];
}

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((server) => new Promise((done) => server.close(done)))));

/**
 * A loopback server that records every request. It answers `/openapi.json` with `spec(url)`
 * when given, anything else with a schema holding `LEAKED_OVER_HTTP`: a spec must never make it count.
 */
export async function countingServer(spec?: (url: string) => object): Promise<CountingServer> {
  const requests: string[] = [];
  let url = "";
  const server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.writeHead(200, { "content-type": "application/json" });
    const body = spec && request.url === "/openapi.json" ? spec(url) : { type: "object", properties: { LEAKED_OVER_HTTP: { type: "string" } } };
    response.end(JSON.stringify(body));
  });
  servers.push(server);
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests };
}
