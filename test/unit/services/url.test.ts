import { afterEach, expect, test, vi } from "vitest";
import { obtainViaUrl } from "../../../src/services/url.js";

const SPEC = { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {} };
const service = (url: string, headers: Record<string, string> = {}, openapiPath = "/openapi.json", maxSpecBytes = 1_000_000) =>
  ({ name: "svc", source: "url", url, openapiPath, headers, readyTimeoutMs: 1000, maxSpecBytes }) as never;

/** Replaces fetch, so no request leaves the machine whatever host a case names. */
function stubFetch(answer: (url: string) => Promise<Response>): { url: string; headers: Record<string, string> }[] {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  vi.stubGlobal("fetch", async (url: URL, init: RequestInit) => {
    calls.push({ url: String(url), headers: init.headers as Record<string, string> });
    return answer(String(url));
  });
  return calls;
}
afterEach(() => vi.unstubAllGlobals());

const rejection = (promise: Promise<unknown>): Promise<Error & { hint?: string }> =>
  promise.then(() => Promise.reject(new Error("expected a rejection")), (error: Error) => error);

test.each([
  ["http://127.0.0.1:8000", false],
  ["http://127.0.0.2:8000", false],
  ["http://127.255.255.254", false],
  ["http://127.1:8000", false],
  ["http://localhost:8000", false],
  ["http://LocalHost:8000", false],
  ["http://[::1]:8000", false],
  ["http://[0:0:0:0:0:0:0:1]:8000", false],
  ["http://10.0.0.5:8000", true],
  ["http://192.168.1.20", true],
  ["http://128.0.0.1", true],
  ["https://api.example.com", true],
  ["http://localhost.example.com", true],
  ["http://127.0.0.1.nip.io", true],
  ["http://[fe80::1]:8000", true],
])("url source at %s: warns that it is not loopback: %s", async (url, warns) => {
  const calls = stubFetch(async () => new Response(JSON.stringify(SPEC)));
  const warnings: string[] = [];
  expect(await obtainViaUrl(service(url), { warn: (m) => warnings.push(m) })).toEqual(SPEC);
  expect(calls).toHaveLength(1);
  expect(warnings).toEqual(warns ? [`svc: ${new URL(url).origin} is not a loopback address; the spec travels over the network`] : []);
});

test("credentials in the URL and header values are sent, never put in a message", async () => {
  const calls = stubFetch(async () => new Response("no", { status: 401 }));
  vi.stubEnv("SVC_TOKEN", "t0ken-value");
  const failure = obtainViaUrl(service("http://user:pa55word@127.0.0.1:8000", { Authorization: "Bearer ${SVC_TOKEN}" }));
  await expect(failure).rejects.toThrow("http://127.0.0.1:8000/openapi.json answered 401");
  const error = await rejection(failure);
  expect(JSON.stringify({ message: error.message, hint: error.hint })).not.toMatch(/pa55word|t0ken-value/);
  expect(calls[0]!.headers).toEqual({ Authorization: "Bearer t0ken-value" });
  vi.unstubAllEnvs();
});

test("credentials in the URL become a Basic header for their origin; the URL fetched carries none", async () => {
  const calls = stubFetch(async () => new Response(JSON.stringify(SPEC)));
  expect(await obtainViaUrl(service("http://us%40er:pa%3A55word@127.0.0.1:8000"))).toEqual(SPEC);
  expect(calls).toEqual([
    { url: "http://127.0.0.1:8000/openapi.json", headers: { Authorization: `Basic ${Buffer.from("us@er:pa:55word").toString("base64")}` } },
  ]);
});

test("a configured Authorization header wins over credentials in the URL", async () => {
  const calls = stubFetch(async () => new Response(JSON.stringify(SPEC)));
  await obtainViaUrl(service("http://user:pa55word@127.0.0.1:8000", { authorization: "Token abc" }));
  expect(calls[0]!.headers).toEqual({ authorization: "Token abc" });
});

test("a network error that names the URL is reported without its secrets", async () => {
  stubFetch((url) => Promise.reject(new TypeError(`cannot reach http://user:pa55word@${new URL(url).host}/openapi.json?api_key=k3y-value`)));
  const error = await rejection(obtainViaUrl(service("http://user:pa55word@127.0.0.1:8000")));
  expect(error.message).toBe("nothing answered at http://127.0.0.1:8000/openapi.json: cannot reach http://127.0.0.1:8000/openapi.json?api_key=***");
});

test("what a server echoes of the secrets it was sent is masked in the excerpt shown", async () => {
  vi.stubEnv("SVC_TOKEN", "t0ken-value");
  stubFetch(async () => new Response("<html>token t0ken-value refused for user:pa55word (dXNlcjpwYTU1d29yZA==)</html>"));
  const error = await rejection(obtainViaUrl(service("http://user:pa55word@127.0.0.1:8000", { "X-Api-Key": "${SVC_TOKEN}" })));
  expect(error.message).toBe('http://127.0.0.1:8000/openapi.json did not return JSON (it returned an HTML page): "<html>token *** refused for user:*** (***)</html>"');
  vi.unstubAllEnvs();
});
