/**
 * Several fakes behind one port: `/<service>/…` goes to that service's fake with the prefix taken
 * off, as a reverse proxy in front of the real services would; anything else is FastAPI's 404.
 * The table is read per request, so `--watch` swaps one service's fake in place.
 */
import type { FakeFetch } from "./load.js";

/** The path prefix of `service` on the shared port: its name, percent-encoded as one path segment. */
export function prefixOf(service: string): string {
  return "/" + encodeURIComponent(service);
}

export function routeByPrefix(fakes: ReadonlyMap<string, FakeFetch>): FakeFetch {
  const byPrefix = new Map([...fakes.keys()].map((name) => [prefixOf(name), name]));
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const [, first = ""] = url.pathname.split("/", 2);
    const name = byPrefix.get("/" + first);
    const fake = name === undefined ? undefined : fakes.get(name);
    if (name === undefined || fake === undefined) return Response.json({ detail: "Not Found" }, { status: 404 });
    url.pathname = url.pathname.slice(prefixOf(name).length) || "/";
    return input instanceof Request ? fake(new Request(url, input), init) : fake(url, init);
  };
}
