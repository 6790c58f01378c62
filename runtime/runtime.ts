// Runtime of the clients sync-types generates: fetch with typed errors, timeouts and abort,
// and readers for Server-Sent Events and JSON Lines. It needs only fetch, ReadableStream,
// TextDecoder and AbortController, so it runs on Node >= 20, browsers, Deno, Bun, Next.js
// and edge runtimes, with no dependency.

/** A fetch-compatible function. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** Headers as a Headers object, a record (undefined values are skipped) or name/value pairs. */
export type HeaderMap = Headers | Record<string, string | undefined> | Array<[string, string]>;

/** fetch options the client passes through: credentials, cache, keepalive, mode, Next.js's next... */
export type FetchInit = Omit<RequestInit, "method" | "headers" | "body" | "signal">;

/**
 * A credential, or a function (may be async) called before each call that needs it, e.g. for a
 * fresh token; undefined (or a function returning it) means none is configured.
 */
export type AuthValue<T> = T | undefined | (() => T | undefined | Promise<T | undefined>);

/** Username and password of an HTTP Basic scheme, sent as "Authorization: Basic base64(username:password)" (UTF-8). */
export interface BasicCredentials {
  username: string;
  password: string;
}

/** How a security scheme of the spec sends its credential. */
export type SecurityScheme =
  /** "Authorization: <scheme> <credential>": "Bearer" for http bearer, oauth2 and openIdConnect. */
  | { readonly type: "http"; readonly scheme: string }
  | { readonly type: "basic" }
  | { readonly type: "apiKey"; readonly in: "header" | "query" | "cookie"; readonly name: string };

/** TAuth: the credentials a client takes, by the security scheme names its spec declares. */
export interface ClientOptions<TAuth extends object = Record<string, never>> {
  /** URL the spec's paths are appended to, e.g. "http://127.0.0.1:8000" or "https://host/api". Required. */
  baseUrl: string;
  /** The fetch to call: undici, a mock, a tracing wrapper. Default: the global fetch, looked up per call. */
  fetch?: FetchLike | undefined;
  /** Headers for every call, or a function (may be async) called before each one. For credentials, prefer auth. Default: none. */
  headers?: HeaderMap | (() => HeaderMap | Promise<HeaderMap>) | undefined;
  /**
   * Credentials by security scheme name, each sent only to the operations whose spec names that
   * scheme in its security, where the scheme says (header, query or cookie). Every configured
   * scheme an operation names is sent, since FastAPI lists two required dependencies as two
   * requirements, not one; of schemes that use the same place (two kinds of Authorization), the
   * first the spec lists that is configured wins. Values are never part of an error message.
   * Default: none.
   */
  auth?: TAuth | undefined;
  /**
   * Milliseconds a call may take before it fails with TimeoutError: from the request to the end of
   * its body, however slowly the body trickles in. A stream may run longer: for it, timeoutMs
   * bounds the wait for its response, and idleTimeoutMs each wait after that. Default: no timeout.
   */
  timeoutMs?: number | undefined;
  /**
   * Milliseconds a stream may go without a new line (an event field, a keep-alive comment, a JSON
   * line) before it fails with TimeoutError; bytes that do not end a line do not count, so a
   * trickle cannot keep a stream alive. Default: timeoutMs.
   */
  idleTimeoutMs?: number | undefined;
  /**
   * Longest line a stream may send, and longest server-sent event (its data lines together), in
   * characters; past it the stream fails with StreamLimitError instead of buffering without end.
   * Default: 16 Mi (16777216).
   */
  maxLineLength?: number | undefined;
  /** fetch options for every call, e.g. { credentials: "include" } in a browser. Default: none. */
  init?: FetchInit | undefined;
  /**
   * Called with every JSON body (error responses too) and every stream item; what it returns is
   * what the call resolves with (or the ApiError carries), what it throws rejects the call as is.
   * Default: none, bodies are trusted to match the spec.
   */
  validate?: ((context: ResponseContext) => unknown) | undefined;
}

/** A response body or stream item, as ClientOptions.validate sees it. */
export interface ResponseContext {
  /** Client method, e.g. "readItem". */
  readonly operation: string;
  /** HTTP status of the response. */
  readonly status: number;
  /** The parsed JSON body, or one stream item. */
  readonly body: unknown;
}

export interface CallOptions {
  /**
   * Cancels the call, mid-stream too: the call, or the stream's next step, then rejects with
   * signal.reason at once, and a stream yields nothing it had buffered. Default: none.
   */
  signal?: AbortSignal | undefined;
  /** Headers for this call, over the client's. Default: none. */
  headers?: HeaderMap | undefined;
  /** Timeout of this call, over the client's timeoutMs (see there). Default: the client's. */
  timeoutMs?: number | undefined;
  /** For a stream, its idle timeout, over the client's idleTimeoutMs (see there). Default: the client's, else this call's timeoutMs. */
  idleTimeoutMs?: number | undefined;
  /** fetch options for this call, over the client's, e.g. { redirect: "error" }. Default: none. */
  init?: FetchInit | undefined;
}

export interface SseCallOptions extends CallOptions {
  /** Sent as Last-Event-ID, so the server resumes after that event (see SseEvent.id). Default: none. */
  lastEventId?: string | undefined;
}

/**
 * How a stream's event data is decoded into items, as FastAPI encodes it:
 * - "json": the spec says the data is JSON (FastAPI's typed streams); an event with empty data carries no item.
 * - "text": the data as sent, e.g. text/plain data, or an sse-starlette stream.
 * - "json-or-text": FastAPI's untyped streams (ServerSentEvent items, no annotation), where
 *   ServerSentEvent(data=...) and plain yields are JSON but raw_data is sent as is: data that
 *   parses as JSON is that value, any other data its text.
 */
export type SseData = "json" | "text" | "json-or-text";

/** One server-sent event, parsed as the WHATWG rules say. */
export interface SseEvent<T> {
  /** The payload, decoded as the stream's SseData says. */
  data: T;
  /** The data exactly as sent (its lines joined by "\n"), e.g. a raw_data that happens to be valid JSON; for a JSON Lines item, its line. */
  raw: string;
  /** The event name; "message" when the server gives none. */
  event: string;
  /** The last event ID received so far (this event's or an earlier one's), as EventSource reports it: pass it as lastEventId to resume. */
  id: string | undefined;
  /** The reconnection delay in milliseconds the server last asked for with "retry:", if any. */
  retry: number | undefined;
}

/**
 * A server-sent event stream: iterate it for payloads, or its events() for whole events.
 * The request starts when iteration does (each iteration makes its own request); HTTP errors,
 * timeouts and aborts are thrown from the loop. Leaving the loop early closes the connection.
 * On a stream whose data is JSON, an event with empty data (a bare "data:") carries no item and is skipped.
 */
export interface SseStream<T> extends AsyncIterable<T> {
  /** The same stream, event by event: data with its event name, id and retry. */
  events(): AsyncIterable<SseEvent<T>>;
}

/** A response with a non-2xx status. Use the client's isApiError(error, "method") to get status and body typed as the spec declares. */
export class ApiError<TStatus extends number = number, TBody = unknown> extends Error {
  override readonly name: string = "ApiError";
  /** HTTP status. */
  readonly status: TStatus;
  /** Response body: parsed JSON, text, a Blob, or undefined when empty. */
  readonly body: TBody;
  /** Client method that failed, e.g. "readItem". */
  readonly operation: string;
  /** Whether the spec declares this status for the operation, so that body has the declared type. */
  readonly declared: boolean;
  /** The response, its body already read into body. */
  readonly response: Response;

  constructor(init: { operation: Operation; response: Response; body: TBody; declared: boolean }) {
    super(route(init.operation) + " failed with " + init.response.status + summary(init.body));
    // The runtime cannot know TStatus; isApiError narrows it from the declared statuses.
    this.status = init.response.status as TStatus;
    this.body = init.body;
    this.operation = init.operation.name;
    this.declared = init.declared;
    this.response = init.response;
  }
}

/**
 * The call took longer than timeoutMs (for a stream, until its response arrived), or a stream
 * sent no new line for idleTimeoutMs.
 */
export class TimeoutError extends Error {
  override readonly name: string = "TimeoutError";
  /** Client method that timed out. */
  readonly operation: string;
  /** The bound that ran out: timeoutMs, or idleTimeoutMs when idle. */
  readonly timeoutMs: number;
  /** Whether a stream went quiet (idleTimeoutMs), rather than the call being too slow (timeoutMs). */
  readonly idle: boolean;

  constructor(init: { operation: Operation; timeoutMs: number; idle?: boolean }) {
    const idle = init.idle === true;
    super(route(init.operation) + (idle ? " sent no new line for " + init.timeoutMs + " ms (idleTimeoutMs)" : " timed out after " + init.timeoutMs + " ms"));
    this.operation = init.operation.name;
    this.timeoutMs = init.timeoutMs;
    this.idle = idle;
  }
}

/** A stream sent a line, or a server-sent event, longer than maxLineLength: it is closed rather than buffered without end. */
export class StreamLimitError extends Error {
  override readonly name: string = "StreamLimitError";
  /** Client method whose stream it was; undefined when parseSse or parseJsonLines was called without one. */
  readonly operation: string | undefined;
  /** The bound, in characters. */
  readonly maxLineLength: number;

  constructor(init: { operation: Operation | undefined; maxLineLength: number }) {
    const source = init.operation === undefined ? "a stream" : route(init.operation);
    super(source + " sent a line or event longer than " + init.maxLineLength + " characters; if that is expected, raise maxLineLength in the client's options");
    this.operation = init.operation?.name;
    this.maxLineLength = init.maxLineLength;
  }
}

/** The request could not be sent or the response not read: refused connection, DNS failure, reset mid-body. */
export class NetworkError extends Error {
  override readonly name: string = "NetworkError";
  /** Client method that failed. */
  readonly operation: string;

  constructor(init: { operation: Operation; cause: unknown }) {
    const reason = init.cause instanceof Error ? init.cause.message : String(init.cause);
    super(route(init.operation) + " failed: " + reason, { cause: init.cause });
    this.operation = init.operation.name;
  }
}

/** Whether error is an ApiError of the client method operation with a status its spec declares. */
export function isDeclaredError(error: unknown, operation: string): boolean {
  return error instanceof ApiError && error.operation === operation && error.declared;
}

function isDeclared(operation: Operation, status: number): boolean {
  const declared = operation.errors ?? [];
  return declared.includes(String(status)) || declared.includes(Math.floor(status / 100) + "XX") || declared.includes("default");
}

function route(operation: Operation): string {
  return operation.name + " (" + operation.method + " " + operation.path + ")";
}

function summary(body: unknown): string {
  const detail = typeof body === "object" && body !== null && "detail" in body ? body.detail : body;
  if (detail === undefined || detail === "" || detail instanceof Blob) return "";
  const text = typeof detail === "string" ? detail : JSON.stringify(detail);
  return ": " + (text.length > 300 ? text.slice(0, 300) + "..." : text);
}

/** What a generated method tells the runtime about its operation. */
export interface Operation {
  /** Client method name, for error messages. */
  readonly name: string;
  readonly method: string;
  /** Path template from the spec, e.g. "/items/{item_id}". */
  readonly path: string;
  /** Media type the body is sent as; absent when the operation takes none. */
  readonly body?: string;
  /** Error statuses the spec declares: "404", "4XX", "default". */
  readonly errors?: readonly string[];
  /** Success statuses the spec declares without content (FastAPI's FileResponse, StreamingResponse, Response): their body is read as a Blob, whatever its content type. */
  readonly blob?: readonly string[];
  /** Security requirements in the spec's order, each the scheme names it lists together. Absent: the operation takes no credential. */
  readonly security?: readonly (readonly string[])[];
}

/** A generated method's argument: parameters by location, body, and call options. */
export interface RequestParts extends SseCallOptions {
  path?: object | undefined;
  query?: object | undefined;
  header?: object | undefined;
  cookie?: object | undefined;
  body?: unknown;
}

export interface Transport {
  /**
   * Sends the request; resolves with the body read by content type (JSON, text, Blob; undefined when empty),
   * or as a Blob for a status in operation.blob; undefined for HEAD, 204, 205 and 304. Redirects are
   * followed as fetch does, so a redirect resolves with its target's body.
   */
  call<T>(operation: Operation, request: RequestParts | undefined): Promise<T>;
  /** A Server-Sent Events stream whose data is JSON or raw text. */
  sse<T>(operation: Operation, request: RequestParts | undefined, data: SseData): SseStream<T>;
  /** A JSON Lines stream. */
  jsonLines<T>(operation: Operation, request: RequestParts | undefined): AsyncIterable<T>;
  /** A stream the spec does not describe: SSE or JSON Lines, chosen by the response's content type. */
  stream<T>(operation: Operation, request: RequestParts | undefined): SseStream<T>;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json(?:;|$)/i;
const TEXT_TYPE = /^text\/|[/+]xml(?:;|$)/i;
const SSE_TYPE = /^text\/event-stream(?:;|$)/i;

/** How a stream is read: SSE with its data decoded as SseData says, JSON Lines, or (auto) by its content type. */
type StreamFormat = SseData | "jsonl" | "auto";

/** The timer and abort wiring of one call. */
interface Guard {
  /** Aborted when the caller aborts or a timeout runs out; its reason is the call's error. */
  readonly signal: AbortSignal;
  /** Settles as promise does, or rejects as soon as the call is aborted: no wait outlives the call, whatever fetch does. */
  settle<T>(promise: Promise<T>): Promise<T>;
  /** Throws the call's error once it is aborted, so nothing read before that reaches the caller. */
  check(): void;
  /** A stream is being read, or a line of it arrived: from now on only idleTimeoutMs bounds the wait for the next line. */
  progress(): void;
  /** A stream's consumer has an item: its own time does not count against idleTimeoutMs. */
  pause(): void;
  /** The error to throw for a failure while sending or reading. */
  failure(error: unknown): unknown;
  /** Clears the timer and the abort listener. */
  close(): void;
}

/** An exchange in flight: the response, and the guard around it. */
interface Exchange extends Guard {
  readonly response: Response;
}

function guardCall(operation: Operation, request: RequestParts | undefined, options: ClientOptions<object>): Guard {
  const caller = request?.signal;
  const controller = new AbortController();
  const timeoutMs = request?.timeoutMs ?? options.timeoutMs;
  const idleTimeoutMs = request?.idleTimeoutMs ?? options.idleTimeoutMs ?? timeoutMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (ms: number | undefined, idle: boolean): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = ms === undefined ? undefined : setTimeout(() => controller.abort(new TimeoutError({ operation, timeoutMs: ms, idle })), ms);
  };
  const onAbort = (): void => controller.abort(caller?.reason);
  caller?.addEventListener("abort", onAbort, { once: true });
  arm(timeoutMs, false);
  const signal = controller.signal;
  return {
    signal,
    settle: <T>(promise: Promise<T>): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        const stop = (): void => reject(signal.reason);
        if (signal.aborted) stop();
        else signal.addEventListener("abort", stop, { once: true });
        const done = (): void => signal.removeEventListener("abort", stop);
        // Handled here whatever it does, so a read given up on never becomes an unhandled rejection.
        promise.then(
          (value) => {
            done();
            resolve(value);
          },
          (error: unknown) => {
            done();
            reject(error);
          },
        );
      }),
    check: (): void => {
      signal.throwIfAborted();
      // After close, the caller's signal no longer reaches the controller.
      caller?.throwIfAborted();
    },
    progress: (): void => arm(idleTimeoutMs, true),
    pause: (): void => arm(undefined, true),
    failure: (error: unknown): unknown => {
      if (signal.aborted) return signal.reason;
      // fetch and body reads report network failures as TypeError, in every runtime.
      return error instanceof TypeError ? new NetworkError({ operation, cause: error }) : error;
    },
    close: (): void => {
      if (timer !== undefined) clearTimeout(timer);
      caller?.removeEventListener("abort", onAbort);
    },
  };
}

/** schemes: the spec's security schemes by name, as the generated client lists them. */
export function createTransport(options: ClientOptions<object>, schemes: ReadonlyArray<readonly [string, SecurityScheme]> = []): Transport {
  const send: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const schemesByName = new Map(schemes);
  const baseUrl = options.baseUrl.replace(/\/+$/, "");

  async function open(operation: Operation, request: RequestParts | undefined, accept: string | undefined): Promise<Exchange> {
    request?.signal?.throwIfAborted();
    const guard = guardCall(operation, request, options);
    let sent: { url: string; init: RequestInit; secrets: string[] };
    try {
      // Within the guard: an async headers function is part of the call, its timeout too.
      sent = await guard.settle(buildRequest(operation, request, accept, guard.signal));
    } catch (error) {
      guard.close();
      throw guard.signal.aborted ? guard.signal.reason : error;
    }
    try {
      return { ...guard, response: await guard.settle(send(sent.url, sent.init)) };
    } catch (error) {
      guard.close();
      throw guard.failure(withoutSecrets(error, sent.secrets));
    }
  }

  async function buildRequest(operation: Operation, request: RequestParts | undefined, accept: string | undefined, signal: AbortSignal): Promise<{ url: string; init: RequestInit; secrets: string[] }> {
    const headers = new Headers();
    if (accept !== undefined) headers.set("accept", accept);
    setHeaders(headers, typeof options.headers === "function" ? await options.headers() : options.headers);
    for (const [name, value] of ownEntries(request?.header)) {
      headers.delete(name);
      for (const text of values(value)) headers.append(name, text);
    }
    const credentials = await chooseCredentials(operation, schemesByName, options.auth);
    for (const credential of credentials) {
      const { scheme } = credential;
      if (scheme.type !== "apiKey" || scheme.in === "header") headers.set(...credentialHeader(credential));
    }
    const cookies = ownEntries(request?.cookie).flatMap(([name, value]) => values(value).map((text) => name + "=" + cookieValue(text)));
    for (const credential of credentials) {
      const { scheme } = credential;
      if (scheme.type === "apiKey" && scheme.in === "cookie") cookies.push(scheme.name + "=" + cookieValue(headerText(credential)));
    }
    if (cookies.length > 0) headers.set("cookie", [headers.get("cookie") ?? "", ...cookies].filter((part) => part !== "").join("; "));
    if (request?.lastEventId) headers.set("last-event-id", request.lastEventId);
    const body = operation.body !== undefined && request?.body !== undefined ? encodeBody(operation.body, request.body, headers) : null;
    setHeaders(headers, request?.headers);
    const authQuery = credentials.flatMap(({ scheme, value }): Array<[string, string]> => (scheme.type === "apiKey" && scheme.in === "query" ? [[scheme.name, typeof value === "string" ? value : String(value)]] : []));
    const url = baseUrl + expandPath(operation.path, request?.path) + queryString(request?.query, authQuery);
    return { url, init: { ...options.init, ...request?.init, method: operation.method, headers, body, signal }, secrets: credentials.flatMap(secretTexts) };
  }

  /** Reads a whole response body and ends the exchange; a failed read is the call's error. */
  async function readWhole(exchange: Exchange, lenient: boolean, operation: Operation): Promise<unknown> {
    try {
      return await exchange.settle(readBody(exchange.response, lenient, operation));
    } catch (error) {
      throw error instanceof SyntaxError ? error : exchange.failure(error);
    } finally {
      exchange.close();
    }
  }

  /** A body or stream item through options.validate, outside any read: what it throws rejects the call as is. */
  function validated(operation: Operation, response: Response, body: unknown): unknown {
    return options.validate === undefined ? body : options.validate({ operation: operation.name, status: response.status, body });
  }

  /** Only bodies read as JSON are validated: text and Blobs have no schema to meet. */
  function validatedBody(operation: Operation, response: Response, body: unknown): unknown {
    const json = body !== undefined && !(body instanceof Blob) && JSON_TYPE.test(response.headers.get("content-type") ?? "");
    return json ? validated(operation, response, body) : body;
  }

  /** The ApiError for a non-2xx response. */
  async function apiError(operation: Operation, exchange: Exchange): Promise<ApiError> {
    const response = exchange.response;
    const body = validatedBody(operation, response, await readWhole(exchange, true, operation));
    return new ApiError({ operation, response, body, declared: isDeclared(operation, response.status) });
  }

  async function* events<T>(operation: Operation, request: RequestParts | undefined, format: StreamFormat): AsyncGenerator<SseEvent<T>, void, undefined> {
    const exchange = await open(operation, request, format === "jsonl" ? undefined : "text/event-stream");
    if (!exchange.response.ok) throw await apiError(operation, exchange);
    for await (const event of decode(operation, exchange, format)) {
      // Without validate the runtime trusts the spec's item type, as the fetch Response.json() it stands for does.
      const data = validated(operation, exchange.response, event.data) as T;
      // The parsers run ahead of a slow consumer: once aborted, what they had buffered is dropped.
      exchange.check();
      exchange.pause();
      yield { ...event, data };
      exchange.progress();
    }
    // A stream that ended while its consumer was busy still reports an abort that came first.
    exchange.check();
  }

  /** The events of a stream, data parsed as its format says; a failed read is the stream's error. */
  async function* decode(operation: Operation, exchange: Exchange, format: StreamFormat): AsyncGenerator<SseEvent<unknown>, void, undefined> {
    const limits: StreamLimits = { maxLineLength: options.maxLineLength, operation };
    try {
      const type = exchange.response.headers.get("content-type") ?? "";
      // A stream the spec leaves open carries JSON items, as its configured model says.
      const data: SseData | undefined = format === "jsonl" ? undefined : format === "auto" ? (SSE_TYPE.test(type) ? "json" : undefined) : format;
      if (data !== undefined) {
        for await (const message of parseSse(readText(exchange), limits)) {
          if (data === "text") yield message;
          else if (data === "json-or-text") yield { ...message, data: jsonOrText(message.data) };
          // Empty data holds no JSON value, so no item: FastAPI sends it for ServerSentEvent(raw_data=""), other servers as a heartbeat.
          else if (message.data.trim() !== "") yield { ...message, data: JSON.parse(message.data) };
        }
      } else {
        for await (const line of jsonLineTexts(readText(exchange), limits)) yield { data: JSON.parse(line), raw: line, event: "message", id: undefined, retry: undefined };
      }
    } catch (error) {
      throw error instanceof SyntaxError ? error : exchange.failure(error);
    } finally {
      exchange.close();
    }
  }

  function sseStream<T>(start: () => AsyncGenerator<SseEvent<T>, void, undefined>): SseStream<T> {
    return {
      events: () => ({ [Symbol.asyncIterator]: start }),
      async *[Symbol.asyncIterator]() {
        for await (const event of start()) yield event.data;
      },
    };
  }

  return {
    async call<T>(operation: Operation, request: RequestParts | undefined): Promise<T> {
      const exchange = await open(operation, request, undefined);
      if (!exchange.response.ok) throw await apiError(operation, exchange);
      return validatedBody(operation, exchange.response, await readWhole(exchange, false, operation)) as T;
    },
    sse<T>(operation: Operation, request: RequestParts | undefined, data: SseData): SseStream<T> {
      return sseStream(() => events<T>(operation, request, data));
    },
    jsonLines<T>(operation: Operation, request: RequestParts | undefined): AsyncIterable<T> {
      return sseStream(() => events<T>(operation, request, "jsonl"));
    },
    stream<T>(operation: Operation, request: RequestParts | undefined): SseStream<T> {
      return sseStream(() => events<T>(operation, request, "auto"));
    },
  };
}

/**
 * The response body as text chunks; stopping early, or an abort, cancels it, which closes the
 * connection. Each read gives up as soon as the call is aborted: fetch implementations may
 * leave a read pending forever when an abort lands after the body arrived (undici 6).
 */
async function* readText(exchange: Exchange): AsyncGenerator<string, void, undefined> {
  const body = exchange.response.body;
  if (body === null) return;
  const reader = body.getReader();
  const cancel = (): void => void reader.cancel(exchange.signal.reason).catch(() => undefined);
  exchange.signal.addEventListener("abort", cancel, { once: true });
  const decoder = new TextDecoder();
  let finished = false;
  exchange.progress();
  try {
    for (let chunk = await exchange.settle(reader.read()); !chunk.done; chunk = await exchange.settle(reader.read())) {
      const text = decoder.decode(chunk.value, { stream: true });
      // Only a finished line is progress: bytes trickling into one line must not hold the stream open.
      if (/[\r\n]/.test(text)) exchange.progress();
      if (text !== "") yield text;
    }
    finished = true;
    const rest = decoder.decode();
    if (rest !== "") yield rest;
  } finally {
    exchange.signal.removeEventListener("abort", cancel);
    if (!finished) cancel();
  }
}

/** JSON (parsed), text, or a Blob, by content type, or a Blob where the spec gives no content type; undefined when there is no body. */
async function readBody(response: Response, lenient: boolean, operation: Operation): Promise<unknown> {
  if (operation.method === "HEAD" || response.status === 204 || response.status === 205 || response.status === 304) {
    await response.body?.cancel();
    return undefined;
  }
  // Typed Blob, so read as one even when empty or sent as JSON or text: the declared type holds whatever the server sends.
  if (response.ok && operation.blob?.includes(String(response.status))) return response.blob();
  const type = response.headers.get("content-type") ?? "";
  if (JSON_TYPE.test(type)) {
    const text = await response.text();
    if (text === "") return undefined;
    if (!lenient) return JSON.parse(text);
    try {
      return JSON.parse(text);
    } catch {
      // An error body that is not the JSON it claims is still worth showing.
      return text;
    }
  }
  if (TEXT_TYPE.test(type)) return response.text();
  const blob = await response.blob();
  return blob.size === 0 ? undefined : blob;
}

function encodeBody(mediaType: string, body: unknown, headers: Headers): NonNullable<RequestInit["body"]> {
  if (mediaType === "multipart/form-data") {
    // fetch sets the content type itself, with the boundary.
    const form = new FormData();
    for (const [name, value] of ownEntries(body)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item instanceof Blob) form.append(name, item);
        else if (item !== undefined && item !== null) form.append(name, serialize(item));
      }
    }
    return form;
  }
  if (mediaType === "application/x-www-form-urlencoded") {
    const form = new URLSearchParams();
    for (const [name, value] of ownEntries(body)) for (const text of values(value)) form.append(name, text);
    return form;
  }
  if (!headers.has("content-type")) headers.set("content-type", mediaType);
  if (JSON_TYPE.test(mediaType)) return JSON.stringify(body);
  return body instanceof Blob ? body : serialize(body);
}

function expandPath(template: string, params: object | undefined): string {
  const given = new Map(ownEntries(params));
  return template.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value: unknown = given.get(name);
    if (value === undefined || value === null) throw new TypeError("missing path parameter " + JSON.stringify(name));
    return encodeURIComponent(serialize(value));
  });
}

function queryString(query: object | undefined, extra: ReadonlyArray<[string, string]> = []): string {
  const params = new URLSearchParams();
  for (const [name, value] of ownEntries(query)) for (const text of values(value)) params.append(name, text);
  for (const [name, text] of extra) params.append(name, text);
  const text = params.toString();
  return text === "" ? "" : "?" + text;
}

function setHeaders(headers: Headers, init: HeaderMap | undefined): void {
  if (init === undefined) return;
  if (init instanceof Headers) init.forEach((value, name) => headers.set(name, value));
  else if (Array.isArray(init)) for (const [name, value] of init) headers.set(name, value);
  else for (const [name, value] of Object.entries(init)) if (value !== undefined) headers.set(name, value);
}

/** Own enumerable entries: a "__proto__" or "constructor" key is data, never the prototype's. */
function ownEntries(value: unknown): Array<[string, unknown]> {
  return typeof value === "object" && value !== null ? Object.entries(value) : [];
}

/** Values of a parameter: arrays repeat, undefined and null are left out. */
function values(value: unknown): string[] {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  return items.filter((item) => item !== undefined && item !== null).map(serialize);
}

/**
 * A cookie value as Python's http.cookies writes it, which Starlette reads back: as is when
 * RFC 6265 allows it, else double-quoted with backslash and octal escapes.
 */
function cookieValue(text: string): string {
  if (/^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/.test(text)) return text;
  const escaped = text.replace(/["\\]/g, "\\$&").replace(/[;,\x00-\x1F\x7F]/g, (char) => "\\" + char.charCodeAt(0).toString(8).padStart(3, "0"));
  return '"' + escaped + '"';
}

function serialize(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Date) return value.toISOString();
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** A credential a call sends, and the scheme (by name, for messages) that says where. */
interface Credential {
  readonly name: string;
  readonly scheme: SecurityScheme;
  /** A string, or BasicCredentials for a basic scheme. */
  readonly value: unknown;
}

/**
 * What a call sends of auth: a credential for each scheme the operation's requirements name, in
 * the spec's order, skipping schemes with none configured and schemes whose place (header, query
 * parameter, cookie) an earlier one took. Each auth function is called at most once per call.
 */
async function chooseCredentials(operation: Operation, schemes: ReadonlyMap<string, SecurityScheme>, auth: object | undefined): Promise<Credential[]> {
  if (operation.security === undefined || auth === undefined) return [];
  const chosen: Credential[] = [];
  const taken = new Set<string>();
  for (const name of new Set(operation.security.flat())) {
    const scheme = schemes.get(name);
    if (scheme === undefined || taken.has(placeOf(scheme))) continue;
    // Own keys only: a scheme named "constructor" is not Object's.
    const given: unknown = Object.hasOwn(auth, name) ? (auth as Record<string, unknown>)[name] : undefined;
    const value: unknown = typeof given === "function" ? await (given as () => unknown)() : given;
    if (value === undefined || value === null || value === "") continue;
    taken.add(placeOf(scheme));
    chosen.push({ name, scheme, value });
  }
  return chosen;
}

function placeOf(scheme: SecurityScheme): string {
  // Header and cookie names are case-insensitive on the server side that matters here (Starlette lowercases headers).
  return scheme.type === "apiKey" ? scheme.in + ":" + (scheme.in === "query" ? scheme.name : scheme.name.toLowerCase()) : "header:authorization";
}

/** The header a credential goes in; one fetch would refuse is refused here, naming its scheme and never showing it. */
function credentialHeader(credential: Credential): [string, string] {
  const { name, scheme, value } = credential;
  if (scheme.type === "basic") {
    const basic = value as Partial<BasicCredentials>;
    if (typeof basic.username !== "string" || typeof basic.password !== "string") throw new TypeError("auth." + name + ": expected { username, password } for its HTTP Basic scheme");
    return ["authorization", "Basic " + base64(basic.username + ":" + basic.password)];
  }
  const text = headerText(credential);
  return scheme.type === "http" ? ["authorization", scheme.scheme + " " + text] : [scheme.type === "apiKey" ? scheme.name : "authorization", text];
}

/** A credential as header (or cookie) text; fetch would refuse, and print, one it cannot carry. */
function headerText(credential: Credential): string {
  const text = typeof credential.value === "string" ? credential.value : "";
  if (!/^[\t\x20-\x7e\x80-\xff]+$/.test(text)) {
    throw new TypeError("auth." + credential.name + ": expected a string a header can carry (no line break, NUL or character beyond Latin-1); the value is not shown");
  }
  return text;
}

/** The forms a credential may take in an error message: as given, and as encoded into a URL. */
function secretTexts(credential: Credential): string[] {
  const value = credential.value;
  const texts = typeof value === "string" ? [value] : [(value as Partial<BasicCredentials>).password ?? ""];
  return texts.flatMap((text) => [text, encodeURIComponent(text), new URLSearchParams([["", text]]).toString().slice(1)]).filter((text) => text !== "");
}

/**
 * An error whose message holds a credential (fetch names the URL, an API key query parameter in
 * it, when it cannot parse it), as a new error with the credential masked: not kept as cause.
 */
function withoutSecrets(error: unknown, secrets: readonly string[]): unknown {
  if (!(error instanceof Error) || !secrets.some((secret) => error.message.includes(secret))) return error;
  const message = secrets.reduce((text, secret) => text.split(secret).join("***"), error.message);
  return error instanceof TypeError ? new TypeError(message) : new Error(message);
}

/** Base64 of text's UTF-8 bytes (RFC 7617's charset for Basic). */
function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Bounds of parseSse and parseJsonLines. */
export interface StreamLimits {
  /** Longest line, and longest server-sent event (its data lines together), in characters. Default: 16 Mi (16777216). */
  maxLineLength?: number | undefined;
  /** The operation whose stream is read, named in StreamLimitError. Default: none. */
  operation?: Operation | undefined;
}

const DEFAULT_MAX_LINE_LENGTH = 16 * 1024 * 1024;

/**
 * Parses a text/event-stream, chunked anywhere (inside a line, between "\r" and "\n"):
 * comments and keep-alive pings are skipped, data lines joined, id and retry remembered,
 * and an event cut off by the end of the stream dropped, as the WHATWG rules say.
 * Time is linear in the stream's length; a line or event longer than maxLineLength throws StreamLimitError.
 */
export async function* parseSse(chunks: AsyncIterable<string>, limits?: StreamLimits): AsyncGenerator<SseEvent<string>, void, undefined> {
  const max = limits?.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  // Data lines are joined once, when the event is dispatched: appending to one string would copy it per line.
  let data: string[] = [];
  let length = 0;
  let event = "";
  let id: string | undefined;
  let retry: number | undefined;
  let first = true;
  for await (let text of lines(chunks, /\r\n?|\n/g, false, max, limits?.operation)) {
    if (first) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text === "") {
      // An event whose data is empty is still dispatched (WHATWG): typed streams decide what it means.
      if (data.length > 0) {
        const text = data.join("\n");
        yield { data: text, raw: text, event: event === "" ? "message" : event, id, retry };
      }
      data = [];
      length = 0;
      event = "";
      continue;
    }
    const colon = text.indexOf(":");
    if (colon === 0) continue;
    const field = colon === -1 ? text : text.slice(0, colon);
    const value = colon === -1 ? "" : text.slice(text.charAt(colon + 1) === " " ? colon + 2 : colon + 1);
    if (field === "data") {
      length += data.length === 0 ? value.length : value.length + 1;
      if (length > max) throw new StreamLimitError({ operation: limits?.operation, maxLineLength: max });
      data.push(value);
    } else if (field === "event") event = value;
    else if (field === "id" && !value.includes("\0")) id = value;
    else if (field === "retry" && /^\d+$/.test(value)) retry = Number(value);
  }
}

/** Parses JSON Lines (also NDJSON), chunked anywhere; blank lines are skipped. Linear and bounded as parseSse is. */
export async function* parseJsonLines(chunks: AsyncIterable<string>, limits?: StreamLimits): AsyncGenerator<unknown, void, undefined> {
  for await (const text of jsonLineTexts(chunks, limits)) yield JSON.parse(text);
}

/** The non-blank lines of a JSON Lines stream, as text. */
async function* jsonLineTexts(chunks: AsyncIterable<string>, limits: StreamLimits | undefined): AsyncGenerator<string, void, undefined> {
  // Only "\n" ends a line: a lone "\r" is JSON whitespace.
  for await (const text of lines(chunks, /\n/g, true, limits?.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH, limits?.operation)) {
    if (text.trim() !== "") yield text;
  }
}

/** FastAPI's untyped SSE data: JSON for data= and plain yields, the text itself for raw_data= (see SseData). */
function jsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * The lines of a text stream, without their ends. A line that spans chunks is kept as parts and
 * joined once, when it ends, and each chunk is scanned once, so time is linear however the
 * stream is cut; a line past max throws as soon as it gets there, not when (if ever) it ends.
 */
async function* lines(chunks: AsyncIterable<string>, ends: RegExp, last: boolean, max: number, operation: Operation | undefined): AsyncGenerator<string, void, undefined> {
  let parts: string[] = [];
  let length = 0;
  // A "\r" that ended the previous chunk may be the first half of "\r\n".
  let afterCr = false;
  const grow = (part: string): void => {
    length += part.length;
    if (length > max) throw new StreamLimitError({ operation, maxLineLength: max });
    parts.push(part);
  };
  for await (const chunk of chunks) {
    if (chunk === "") continue;
    let start: number = afterCr && chunk.charCodeAt(0) === 10 ? 1 : 0;
    afterCr = false;
    ends.lastIndex = start;
    for (let match = ends.exec(chunk); match !== null; match = ends.exec(chunk)) {
      grow(chunk.slice(start, match.index));
      const line = parts.length === 1 ? parts[0]! : parts.join("");
      parts = [];
      length = 0;
      start = ends.lastIndex;
      afterCr = match[0] === "\r" && start === chunk.length;
      yield line;
      ends.lastIndex = start;
    }
    if (start < chunk.length) grow(chunk.slice(start));
  }
  if (last && parts.length > 0) yield parts.join("");
}
