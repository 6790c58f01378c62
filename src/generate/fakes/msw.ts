/**
 * msw.gen.ts: MSW handlers answering with the same fakes, for code that calls `fetch` without
 * the client. The same text for every service: no spec text reaches it, the fake does the routing.
 */
import type { GeneratedFile } from "../file.js";

export const MSW_FILE = "msw.gen.ts";

const SOURCE = `// MSW handlers over fakes.gen.ts: every request under baseUrl is answered by the service's fake
// (its default data, or your typed overrides), validated and streamed as FastAPI would.
import { http, type HttpHandler } from "msw";
import { createFakeFetch, type FakeOverrides } from "./fakes.gen.js";

/**
 * Handlers answering every request under \`baseUrl\` (e.g. "http://127.0.0.1:8101" or "https://api.example.com/v1")
 * like the service: \`setupServer(...createHandlers(url))\`, or \`server.use(...createHandlers(url, { getItem: () => item }))\`
 * in one test. A path the service does not have is FastAPI's 404.
 */
export function createHandlers(baseUrl: string, overrides: FakeOverrides = {}): HttpHandler[] {
  const fake = createFakeFetch(overrides);
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\\/+$/, "");
  return [
    http.all(base.origin + prefix + "/*", ({ request }) => {
      // The fake routes the service's own paths: what baseUrl puts in front of them comes off.
      const url = new URL(request.url);
      url.pathname = url.pathname.slice(prefix.length) || "/";
      return fake(new Request(url, request));
    }),
  ];
}
`;

/** `msw.gen.ts` without banner. */
export function generateMswHandlers(): GeneratedFile {
  return { path: MSW_FILE, content: SOURCE };
}
