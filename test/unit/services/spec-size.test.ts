import { expect, test } from "vitest";
import { readSpecFile } from "../../../src/services/common.js";
import { obtainViaUrl } from "../../../src/services/url.js";
import { sendEndless, sendTrickle, startFakeServer } from "../../helpers/fake-server.js";
import { tempTree } from "../../helpers/temp-tree.js";

const SPEC = JSON.stringify({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {} });
const service = (url: string, openapiPath: string, maxSpecBytes: number, readyTimeoutMs = 10_000) =>
  ({ name: "svc", source: "url", url, openapiPath, headers: {}, readyTimeoutMs, maxSpecBytes }) as never;

const server = await startFakeServer((req, res, fake) => {
  if (req.url === "/exact") return void res.end(SPEC);
  if (req.url === "/announced") return void res.writeHead(200, { "content-length": 200 * 1024 * 1024 }).end();
  if (req.url === "/endless") return sendEndless(res, fake);
  if (req.url === "/trickle") return sendTrickle(res, fake);
});

const rejection = (promise: Promise<unknown>): Promise<Error & { hint?: string; exitCode?: number }> =>
  promise.then(() => Promise.reject(new Error("expected a rejection")), (error: Error) => error);

test("a spec of exactly maxSpecBytes is read", async () => {
  expect(await obtainViaUrl(service(server.origin, "/exact", Buffer.byteLength(SPEC)))).toEqual(JSON.parse(SPEC));
});

test("a Content-Length over the cap is refused before the body is read", async () => {
  const error = await rejection(obtainViaUrl(service(server.origin, "/announced", 64 * 1024 * 1024)));
  expect(error.message).toBe(`${server.origin}/announced: the spec is 200 MiB (its Content-Length), over the 64 MiB limit (maxSpecBytes)`);
  expect(error.hint).toBe(`check that "openapiPath" (now /announced) serves the OpenAPI document; if the spec really is that large, raise the service's "maxSpecBytes" (bytes)`);
  expect(error.exitCode).toBe(3);
});

test("an endless body stops being read at the cap: the connection is closed, not drained", async () => {
  const cap = 4 * 1024 * 1024;
  const error = await rejection(obtainViaUrl(service(server.origin, "/endless", cap)));
  expect(error.message).toBe(`${server.origin}/endless: the spec is over the 4 MiB limit (maxSpecBytes); reading stopped there`);
  await expect.poll(() => server.abandoned.length).toBe(1);
  // What the server got out before the client left: the cap plus what socket buffers hold.
  expect(server.abandoned[0]).toBeLessThan(cap + 16 * 1024 * 1024);
});

test("a body that trickles forever ends at readyTimeoutMs", async () => {
  const error = await rejection(obtainViaUrl(service(server.origin, "/trickle", 1024 * 1024, 800)));
  expect(error.message).toBe(`${server.origin}/trickle did not finish sending its spec within 800 ms`);
});

test("a spec file the app wrote over the cap is refused unread, with a hint about the app", async () => {
  const dir = await tempTree({ "openapi.json": SPEC });
  const svc = { name: "svc", openapiPath: "/openapi.json", maxSpecBytes: 10 } as never;
  const error = await rejection(readSpecFile(svc, `${dir}/openapi.json`, "app:app.openapi()"));
  expect(error.message).toBe(`app:app.openapi(): the spec is ${Buffer.byteLength(SPEC)} bytes, over the 10 bytes limit (maxSpecBytes)`);
  expect(error.hint).toMatch(/^check what the app's openapi\(\) returns;/);
});
