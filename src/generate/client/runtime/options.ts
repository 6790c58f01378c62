/** Runtime part: the file header, client and call options, and the stream types callers see. */
export const OPTIONS: string = String.raw`
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

export interface ClientOptions {
  /** URL the spec's paths are appended to, e.g. "http://127.0.0.1:8000" or "https://host/api". Required. */
  baseUrl: string;
  /** The fetch to call: undici, a mock, a tracing wrapper. Default: the global fetch, looked up per call. */
  fetch?: FetchLike | undefined;
  /** Headers for every call, or a function (may be async) called before each one, e.g. for a fresh token. Default: none. */
  headers?: HeaderMap | (() => HeaderMap | Promise<HeaderMap>) | undefined;
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

/** One server-sent event, parsed as the WHATWG rules say. */
export interface SseEvent<T> {
  /** The payload: parsed JSON on typed streams, else the raw data lines joined by "\n". */
  data: T;
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
`;
