import { afterEach, expect, test, vi } from "vitest";
import { obtainViaUrl } from "../../../src/services/url.js";
import { startFakeServer } from "../../helpers/fake-server.js";

const SPEC = { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {} };
const KEY = "k3y-value-9f2";
const service = (url: string, openapiPath = "/openapi.json") =>
  ({
    name: "svc",
    source: "url",
    url,
    openapiPath,
    headers: { "X-Api-Key": "${SVC_KEY}", "Cf-Access-Token": "cf-${SVC_KEY}", Cookie: "session=${SVC_KEY}" },
    readyTimeoutMs: 5000,
    maxSpecBytes: 1_000_000,
  }) as never;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

const rejection = (promise: Promise<unknown>): Promise<Error> =>
  promise.then(() => Promise.reject(new Error("expected a rejection")), (error: Error) => error);

/** The secret-carrying headers a server saw. */
const carried = (headers: Record<string, unknown>) =>
  Object.keys(headers).filter((name) => ["x-api-key", "cf-access-token", "cookie", "authorization"].includes(name)).sort();

// Two real servers on two ports: two origins, as fetch and the browser define them.
const other = await startFakeServer((req, res) => {
  if (req.url === "/back") return void res.writeHead(302, { location: `${home.origin}/spec` }).end();
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(SPEC));
});
const home = await startFakeServer((req, res) => {
  const [path, query] = (req.url ?? "").split("?");
  const to: Record<string, string> = {
    "/elsewhere": `${other.origin}/spec?X-Amz-Signature=s1gnature-value`,
    "/same": "/spec",
    "/round-trip": `${other.origin}/back`,
    "/credentials-in-location": `http://evil:pa55@127.0.0.1:${other.port}/spec`,
    "/loop": `/loop?n=${Number(new URLSearchParams(query).get("n") ?? 0) + 1}`,
    "/file": "file:///etc/passwd",
  };
  if (to[path!]) return void res.writeHead(307, { location: to[path!] }).end("moved");
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(SPEC));
});

test("a redirect to another origin gets none of the configured headers nor the URL's credentials", async () => {
  vi.stubEnv("SVC_KEY", KEY);
  const warnings: string[] = [];
  const url = `http://user:pa55word@127.0.0.1:${home.port}`;
  expect(await obtainViaUrl(service(url, "/elsewhere"), { warn: (m) => warnings.push(m) })).toEqual(SPEC);
  expect(carried(home.requests.at(-1)!.headers)).toEqual(["authorization", "cf-access-token", "cookie", "x-api-key"]);
  expect(home.requests.at(-1)!.headers["x-api-key"]).toBe(KEY);
  expect(other.requests.at(-1)!.path).toBe("/spec?X-Amz-Signature=s1gnature-value");
  expect(carried(other.requests.at(-1)!.headers)).toEqual([]);
  expect(warnings).toEqual([`svc: ${home.origin} redirected to ${other.origin}; the headers and credentials configured for ${home.origin} are not sent there`]);
});

test("a redirect within the origin keeps the headers, and so does a way back to it", async () => {
  vi.stubEnv("SVC_KEY", KEY);
  await obtainViaUrl(service(home.origin, "/same"));
  expect(home.requests.at(-1)!.path).toBe("/spec");
  expect(carried(home.requests.at(-1)!.headers)).toEqual(["cf-access-token", "cookie", "x-api-key"]);

  await obtainViaUrl(service(home.origin, "/round-trip"));
  expect(other.requests.at(-1)!.path).toBe("/back");
  expect(carried(other.requests.at(-1)!.headers)).toEqual([]);
  expect(home.requests.at(-1)!.path).toBe("/spec");
  expect(carried(home.requests.at(-1)!.headers)).toEqual(["cf-access-token", "cookie", "x-api-key"]);
});

test("credentials a server writes into a Location are neither used nor printed", async () => {
  vi.stubEnv("SVC_KEY", KEY);
  const warnings: string[] = [];
  await obtainViaUrl(service(home.origin, "/credentials-in-location"), { warn: (m) => warnings.push(m) });
  expect(other.requests.at(-1)!.headers.authorization).toBeUndefined();
  expect(warnings).toEqual([`svc: ${home.origin} redirected to ${other.origin}; the headers and credentials configured for ${home.origin} are not sent there`]);
});

test.each([
  ["/loop", /redirected more than 5 times \(the last to http:\/\/127\.0\.0\.1:\d+\/loop\?n=6\)$/],
  ["/file", /redirected to "file:\/\/\/etc\/passwd", not an http\(s\) URL$/],
])("a redirect that cannot be followed (%s) is a clear error", async (path, message) => {
  vi.stubEnv("SVC_KEY", KEY);
  const error = await rejection(obtainViaUrl(service(home.origin, path)));
  expect(error.message).toMatch(message);
  expect((error as { exitCode?: number }).exitCode).toBe(3);
  if (path === "/loop") expect(home.requests.filter((r) => r.path.startsWith("/loop"))).toHaveLength(6);
});

/** Replaces fetch for hosts that must not be reached: redirects are answered from `hops`. */
function stubRedirects(hops: Record<string, string>) {
  const seen: { url: string; headers: Record<string, string> }[] = [];
  vi.stubGlobal("fetch", async (url: URL, init: RequestInit) => {
    seen.push({ url: String(url), headers: init.headers as Record<string, string> });
    const location = hops[String(url)];
    return location ? new Response(null, { status: 302, headers: { location } }) : new Response(JSON.stringify(SPEC));
  });
  return seen;
}

test("a loopback URL redirecting to a remote host warns, naming the new origin without credentials", async () => {
  vi.stubEnv("SVC_KEY", KEY);
  const seen = stubRedirects({ "http://127.0.0.1:8000/openapi.json": "https://bob:hunter22@api.example.com:8443/v1/openapi.json?token=t0k" });
  const warnings: string[] = [];
  await obtainViaUrl(service("http://127.0.0.1:8000"), { warn: (m) => warnings.push(m) });
  expect(warnings).toEqual([
    "svc: http://127.0.0.1:8000 redirected to https://api.example.com:8443, which is not a loopback address: the spec travels over the network; the headers and credentials configured for http://127.0.0.1:8000 are not sent there",
  ]);
  expect(seen.map((s) => s.url)).toEqual(["http://127.0.0.1:8000/openapi.json", "https://api.example.com:8443/v1/openapi.json?token=t0k"]);
  expect(seen[1]!.headers).toEqual({});
});

test("https redirecting to plain http is refused, whatever the host", async () => {
  vi.stubEnv("SVC_KEY", KEY);
  const seen = stubRedirects({ "https://api.example.com/openapi.json": "http://api.example.com/openapi.json?sig=abc" });
  const error = await rejection(obtainViaUrl(service("https://api.example.com")));
  expect(error.message).toBe("https://api.example.com/openapi.json redirected from https to plain http (http://api.example.com/openapi.json?sig=***); not followed");
  expect(seen).toHaveLength(1);
});

test("an error after a redirect names both ends, redacted", async () => {
  vi.stubEnv("SVC_KEY", KEY);
  vi.stubGlobal("fetch", async (url: URL) =>
    String(url).includes("cdn")
      ? new Response("nope", { status: 500 })
      : new Response(null, { status: 301, headers: { location: "https://cdn.example.com/spec.json?X-Amz-Credential=AKIA&X-Amz-Signature=abc&v=2" } }),
  );
  const error = await rejection(obtainViaUrl(service("https://u:pw1234@api.example.com")));
  expect(error.message).toBe(
    "https://api.example.com/openapi.json (redirected to https://cdn.example.com/spec.json?X-Amz-Credential=***&X-Amz-Signature=***&v=2) answered 500",
  );
});

test("a refusal after a redirect to another origin says the headers stayed behind", async () => {
  vi.stubEnv("SVC_KEY", KEY);
  vi.stubGlobal("fetch", async (url: URL) =>
    String(url).startsWith("https://api.")
      ? new Response(null, { status: 302, headers: { location: "https://auth.example.com/openapi.json" } })
      : new Response("", { status: 401 }),
  );
  const error = await rejection(obtainViaUrl(service("https://api.example.com")));
  expect(error.message).toBe("https://api.example.com/openapi.json (redirected to https://auth.example.com/openapi.json) answered 401");
  expect((error as { hint?: string }).hint).toBe('the configured headers and credentials are only sent to https://api.example.com: point "url" at the origin that serves the spec');
});
