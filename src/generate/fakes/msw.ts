/**
 * msw.gen.ts: MSW handlers answering with the same fakes, for code that calls `fetch` without
 * the client. The same text for every service: no spec text reaches it, the fake does the routing.
 */
import type { GeneratedFile } from "../file.js";

export const MSW_FILE = "msw.gen.ts";

const SOURCE = `// MSW handlers over fakes.gen.ts: every request under baseUrl is answered by the service's fake
// (its default data, or your typed overrides), validated and streamed as FastAPI would.
import { http, type HttpHandler } from "msw";
import { createFakeFetch, fakeRouting, type FakeOverrides } from "./fakes.gen.js";

/**
 * Handlers answering every request under \`baseUrl\` (e.g. "http://127.0.0.1:8101" or "https://api.example.com/v1")
 * like the service: \`setupServer(...createHandlers(url))\`, or \`server.use(...createHandlers(url, { getItem: () => item }))\`
 * in one test. A path the service does not have is FastAPI's 404.
 */
export function createHandlers(baseUrl: string, overrides: FakeOverrides = {}): HttpHandler[] {
  const fake = createFakeFetch(overrides);
  return [underBase(baseUrl, (request) => fake(request))];
}

/** One handler per client method, keyed as \`FakeOverrides\` is; a method without a resolver answers its default data. */
export type FakeHandlers = { readonly [K in keyof FakeOverrides]-?: (baseUrl: string, resolver?: FakeOverrides[K]) => HttpHandler };

/**
 * A handler for one operation, e.g. \`server.use(fakeHandlers.getItem(url, ({ path }) => item))\`: it answers only the
 * requests the service routes to that method (validated, 422 as FastAPI), and leaves every other request to the next handler.
 */
export const fakeHandlers: FakeHandlers = Object.fromEntries(
  fakeRouting.names.map((name) => [
    name,
    (baseUrl: string, resolver?: unknown) => {
      const overrides: Record<string, unknown> = {};
      if (resolver !== undefined) Object.defineProperty(overrides, name, { value: resolver, enumerable: true });
      const fake = createFakeFetch(overrides);
      return underBase(baseUrl, (request) => (fakeRouting.operationOf(request) === name ? fake(request) : undefined));
    },
  ]),
) as FakeHandlers;

/** A handler for every request under baseUrl, given to answer with what baseUrl puts in front of the service's paths taken off. */
function underBase(baseUrl: string, answer: (request: Request) => Promise<Response> | undefined): HttpHandler {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\\/+$/, "");
  return http.all(base.origin + prefix + "/*", ({ request }) => {
    const url = new URL(request.url);
    url.pathname = url.pathname.slice(prefix.length) || "/";
    return answer(new Request(url, request));
  });
}
`;

/** `msw.gen.ts` without banner. */
export function generateMswHandlers(): GeneratedFile {
  return { path: MSW_FILE, content: SOURCE };
}
