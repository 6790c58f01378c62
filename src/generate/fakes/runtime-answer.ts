/**
 * Fakes runtime part: the fetch function. It routes a request the way Starlette does (404 and
 * 405 with FastAPI's bodies), validates it (runtime-validate.ts), asks the override or takes the
 * data computed at generation time, and answers as FastAPI would on the wire: compact JSON, SSE
 * in `fastapi.sse`'s field order, JSON Lines.
 */
export const ANSWER: string = String.raw`
interface FakeParam {
  readonly name: string;
  readonly in: "path" | "query" | "header" | "cookie";
  readonly required: boolean;
  readonly schema: unknown;
}

/** What an operation answers when no override does: data and status computed from the spec at generation time. */
type FakeAnswer =
  | { readonly kind: "empty"; readonly status: number }
  | { readonly kind: "json" | "text"; readonly status: number; readonly mediaType: string; readonly body: unknown }
  | { readonly kind: "sse"; readonly status: number; readonly data: "json" | "text"; readonly events: readonly unknown[] }
  | { readonly kind: "jsonl"; readonly status: number; readonly events: readonly unknown[] };

interface FakeOperation {
  readonly name: string;
  readonly method: string;
  readonly path: string;
  readonly params: readonly FakeParam[];
  readonly body?: { readonly mediaType: string; readonly required: boolean; readonly schema: unknown };
  /** Error statuses the spec declares: "404", "4XX", "default". */
  readonly errors: readonly string[];
  readonly answer: FakeAnswer;
}

interface FakeSpec {
  readonly operations: readonly FakeOperation[];
  /** The component schemas the requests use, for $ref. */
  readonly schemas: Readonly<Record<string, unknown>>;
}

/** What a resolver is given, whatever the operation. */
interface ResolverInput {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  cookie: Record<string, unknown>;
  body: unknown;
  headers: Headers;
  request: Request;
}

/** A fetch-compatible function: pass it as the client's fetch option. */
export type FakeFetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** An SSE event as an override gives it: the payload, and the optional fields FastAPI's ServerSentEvent has. */
export interface FakeSseEvent<T> {
  data: T;
  event?: string;
  id?: string;
  retry?: number;
  comment?: string;
}

interface Route {
  readonly operation: FakeOperation;
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** Starlette's path matching: {name} is one segment, {name:path} the rest. */
function routeOf(operation: FakeOperation): Route {
  const names: string[] = [];
  const source = operation.path.replace(/\{([^{}:]+)(?::([a-z]+))?\}|[^{]+|\{/g, (whole: string, name: string | undefined, convertor: string | undefined) => {
    if (name === undefined) return whole.replace(/[.*+?^$()|[\]\\\/{}]/g, "\\$&");
    names.push(name);
    return convertor === "path" ? "(.*)" : "([^/]+)";
  });
  return { operation, pattern: new RegExp("^" + source + "$"), names };
}

function isList(schema: unknown, schemas: Readonly<Record<string, unknown>>): boolean {
  if (!isSchema(schema)) return false;
  if (typeof schema["$ref"] === "string") return isList(new Validator(schemas).target(schema["$ref"])?.schema, schemas);
  if (schema["type"] === "array") return true;
  return Array.isArray(schema["anyOf"]) && schema["anyOf"].some((option) => isList(option, schemas));
}

function cookiesOf(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) cookies.set(part.slice(0, at).trim(), safeDecode(part.slice(at + 1).trim()));
  }
  return cookies;
}

/** The parameters as the app sees them, each validated; absent optional ones are left out. */
function readParams(spec: FakeSpec, operation: FakeOperation, route: Route, match: RegExpExecArray, url: URL, request: Request, validator: Validator): Pick<ResolverInput, "path" | "query" | "header" | "cookie"> {
  const parts: Pick<ResolverInput, "path" | "query" | "header" | "cookie"> = { path: {}, query: {}, header: {}, cookie: {} };
  const cookies = cookiesOf(request.headers.get("cookie"));
  for (const location of ["path", "query", "header", "cookie"] as const) {
    for (const param of operation.params) {
      if (param.in !== location) continue;
      let raw: unknown;
      if (location === "path") {
        const index = route.names.indexOf(param.name);
        raw = index === -1 ? undefined : safeDecode(match[index + 1]!);
      } else if (location === "query") {
        const all = url.searchParams.getAll(param.name);
        raw = isList(param.schema, spec.schemas) ? (all.length > 0 ? all : undefined) : all[all.length - 1];
      } else if (location === "header") {
        const value = request.headers.get(param.name);
        raw = value === null ? undefined : isList(param.schema, spec.schemas) ? [value] : value;
      } else raw = cookies.get(param.name);
      if (raw === undefined) {
        if (param.required) validator.report("missing", [location, param.name], "Field required", null);
        continue;
      }
      setOwn(parts[location], param.name, validator.check(param.schema, raw, [location, param.name]));
    }
  }
  return parts;
}

/** The request body as the app sees it: JSON parsed, or a form as an object (a list field takes every value, others the last). */
async function readBody(spec: FakeSpec, operation: FakeOperation, request: Request, validator: Validator): Promise<unknown> {
  const body = operation.body;
  if (body === undefined) return undefined;
  const form = /^(?:multipart\/form-data|application\/x-www-form-urlencoded)/i.test(body.mediaType);
  if (form) {
    const fields: Record<string, unknown> = {};
    const data = request.body === null ? new FormData() : await request.formData().catch(() => new FormData());
    const target = isSchema(body.schema) && typeof body.schema["$ref"] === "string" ? validator.target(body.schema["$ref"])?.schema : body.schema;
    const properties = isSchema(target) && isSchema(target["properties"]) ? target["properties"] : {};
    // forEach rather than keys(): FormData's iterators need the DOM.Iterable lib, which not every project has.
    const names = new Set<string>();
    data.forEach((_value, name) => void names.add(name));
    for (const name of names) {
      const values = data.getAll(name);
      setOwn(fields, name, isList(properties[name], spec.schemas) ? values : values[values.length - 1]);
    }
    if (Object.keys(fields).length === 0 && body.required && Object.keys(properties).length === 0) {
      return validator.report("missing", ["body"], "Field required", null);
    }
    return validator.check(body.schema, fields, ["body"]);
  }
  const text = await request.text();
  if (text === "") return body.required ? validator.report("missing", ["body"], "Field required", null) : undefined;
  if (!/json/i.test(body.mediaType)) return validator.check(body.schema, text, ["body"]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return validator.report("json_invalid", ["body", jsonErrorPosition(text, error)], "JSON decode error", {}, { error: "Expecting value" });
  }
  return validator.check(body.schema, parsed, ["body"]);
}

/** Where JSON.parse gave up, as Python's json module counts it (characters from the start). */
function jsonErrorPosition(text: string, error: unknown): number {
  const message = error instanceof Error ? error.message : "";
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const line = /line (\d+) column (\d+)/.exec(message);
  if (line) return text.split("\n").slice(0, Number(line[1]) - 1).reduce((sum, l) => sum + l.length + 1, 0) + Number(line[2]) - 1;
  return text.length;
}

/** A declared error an override returned as { status, body }. */
function declaredError(operation: FakeOperation, result: unknown): { status: number; body: unknown } | undefined {
  if (!isRecord(result) || typeof result["status"] !== "number") return undefined;
  if (Object.keys(result).some((key) => key !== "status" && key !== "body")) return undefined;
  const status = result["status"];
  const declared = operation.errors.some((e) => e === String(status) || (/^\dXX$/.test(e) && e[0] === String(status)[0]) || (e === "default" && status >= 400));
  return declared ? { status, body: result["body"] } : undefined;
}

/** FastAPI's fastapi.sse format_sse_event: comment, event, data, id, retry, then a blank line. */
function sseText(event: FakeSseEvent<unknown>, data: "json" | "text"): string {
  const lines: string[] = [];
  const split = (text: string) => text.replace(/\r\n?/g, "\n").split("\n");
  if (event.comment !== undefined) for (const line of split(event.comment)) lines.push(": " + line);
  if (event.event !== undefined) lines.push("event: " + event.event);
  const payload = data === "json" ? JSON.stringify(event.data) : String(event.data);
  for (const line of split(payload)) lines.push("data: " + line);
  if (event.id !== undefined) lines.push("id: " + event.id);
  if (event.retry !== undefined) lines.push("retry: " + event.retry);
  return lines.join("\n") + "\n\n";
}

/** A body that pulls one item at a time from items; cancelling it (the client leaving its loop) stops the source. */
function streamBody(items: Iterable<unknown> | AsyncIterable<unknown>, encode: (item: unknown) => string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let iterator: AsyncIterator<unknown> | Iterator<unknown> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      iterator ??= Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(encode(next.value)));
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}

function isIterable(value: unknown): value is Iterable<unknown> | AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && (Symbol.iterator in value || Symbol.asyncIterator in value);
}

function answerWith(operation: FakeOperation, result: unknown, overridden: boolean): Response {
  if (result instanceof Response) return result;
  const error = overridden ? declaredError(operation, result) : undefined;
  if (error) return error.body === undefined ? new Response(null, { status: error.status }) : jsonResponse(error.status, error.body);
  const answer = operation.answer;
  const value = overridden ? result : undefined;
  switch (answer.kind) {
    case "empty":
      return new Response(null, { status: answer.status });
    case "json":
      return new Response(JSON.stringify(overridden ? (value ?? null) : answer.body), { status: answer.status, headers: { "content-type": answer.mediaType } });
    case "text":
      return new Response(String(overridden ? value : answer.body), { status: answer.status, headers: { "content-type": answer.mediaType } });
    case "sse": {
      const events = overridden && isIterable(value) ? value : answer.events.map((data) => ({ data }));
      const body = streamBody(events, (event) => sseText(isRecord(event) ? (event as unknown as FakeSseEvent<unknown>) : { data: event }, answer.data));
      return new Response(body, { status: answer.status, headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache" } });
    }
    case "jsonl": {
      const items = overridden && isIterable(value) ? value : answer.events;
      return new Response(streamBody(items, (item) => JSON.stringify(item) + "\n"), { status: answer.status, headers: { "content-type": "application/jsonl" } });
    }
  }
}

/** The routes of spec, the ones with fewer parameters first: a fixed path wins over a template that also matches it. */
function routesOf(spec: FakeSpec): Route[] {
  return spec.operations.map(routeOf).sort((a, b) => a.names.length - b.names.length);
}

/** The route a request reaches, or FastAPI's 404 or 405 when none does. */
function findRoute(routes: readonly Route[], method: string, pathname: string): Route | Response {
  const matching = routes.filter((route) => route.pattern.test(pathname));
  if (matching.length === 0) return jsonResponse(404, { detail: "Not Found" });
  const route = matching.find((candidate) => candidate.operation.method === method);
  if (route !== undefined) return route;
  const allow = [...new Set(matching.map((candidate) => candidate.operation.method))].join(", ");
  return jsonResponse(405, { detail: "Method Not Allowed" }, { allow });
}

/** Which operation a request reaches, by its client method name: what a handler for one operation answers. */
function operationOf(routes: readonly Route[], request: Request): string | undefined {
  const route = findRoute(routes, request.method, new URL(request.url).pathname);
  return route instanceof Response ? undefined : route.operation.name;
}

/** The fetch function over spec: overrides by client method name, each called with the validated request. */
function createFake(spec: FakeSpec, overrides: object): FakeFetch {
  const routes = routesOf(spec);
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const route = findRoute(routes, request.method, url.pathname);
    if (route instanceof Response) return route;
    const operation = route.operation;
    const validator = new Validator(spec.schemas);
    const params = readParams(spec, operation, route, route.pattern.exec(url.pathname)!, url, request, validator);
    const body = await readBody(spec, operation, request, validator);
    if (validator.problems.length > 0) return jsonResponse(422, { detail: validator.problems });
    const resolver: unknown = Object.hasOwn(overrides, operation.name) ? (overrides as Record<string, unknown>)[operation.name] : undefined;
    if (typeof resolver !== "function") return answerWith(operation, undefined, false);
    const result: unknown = await resolver({ ...params, body, headers: request.headers, request });
    return answerWith(operation, result, true);
  };
}
`;
