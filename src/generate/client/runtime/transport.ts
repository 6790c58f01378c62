/** Runtime part: createTransport, which sends requests and reads responses and streams, with timeouts and abort. */
export const TRANSPORT: string = String.raw`
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
  sse<T>(operation: Operation, request: RequestParts | undefined, data: "json" | "text"): SseStream<T>;
  /** A JSON Lines stream. */
  jsonLines<T>(operation: Operation, request: RequestParts | undefined): AsyncIterable<T>;
  /** A stream the spec does not describe: SSE or JSON Lines, chosen by the response's content type. */
  stream<T>(operation: Operation, request: RequestParts | undefined): SseStream<T>;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json(?:;|$)/i;
const TEXT_TYPE = /^text\/|[/+]xml(?:;|$)/i;
const SSE_TYPE = /^text\/event-stream(?:;|$)/i;

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

function guardCall(operation: Operation, request: RequestParts | undefined, options: ClientOptions): Guard {
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

export function createTransport(options: ClientOptions): Transport {
  const send: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));
  const baseUrl = options.baseUrl.replace(/\/+$/, "");

  async function open(operation: Operation, request: RequestParts | undefined, accept: string | undefined): Promise<Exchange> {
    request?.signal?.throwIfAborted();
    const guard = guardCall(operation, request, options);
    let sent: { url: string; init: RequestInit };
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
      throw guard.failure(error);
    }
  }

  async function buildRequest(operation: Operation, request: RequestParts | undefined, accept: string | undefined, signal: AbortSignal): Promise<{ url: string; init: RequestInit }> {
    const headers = new Headers();
    if (accept !== undefined) headers.set("accept", accept);
    setHeaders(headers, typeof options.headers === "function" ? await options.headers() : options.headers);
    for (const [name, value] of ownEntries(request?.header)) {
      headers.delete(name);
      for (const text of values(value)) headers.append(name, text);
    }
    const cookies = ownEntries(request?.cookie).flatMap(([name, value]) => values(value).map((text) => name + "=" + cookieValue(text)));
    if (cookies.length > 0) headers.set("cookie", [headers.get("cookie") ?? "", ...cookies].filter((part) => part !== "").join("; "));
    if (request?.lastEventId) headers.set("last-event-id", request.lastEventId);
    const body = operation.body !== undefined && request?.body !== undefined ? encodeBody(operation.body, request.body, headers) : null;
    setHeaders(headers, request?.headers);
    const url = baseUrl + expandPath(operation.path, request?.path) + queryString(request?.query);
    return { url, init: { ...options.init, ...request?.init, method: operation.method, headers, body, signal } };
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

  async function* events<T>(operation: Operation, request: RequestParts | undefined, format: "sse-json" | "sse-text" | "jsonl" | "auto"): AsyncGenerator<SseEvent<T>, void, undefined> {
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
  async function* decode(operation: Operation, exchange: Exchange, format: "sse-json" | "sse-text" | "jsonl" | "auto"): AsyncGenerator<SseEvent<unknown>, void, undefined> {
    const limits: StreamLimits = { maxLineLength: options.maxLineLength, operation };
    try {
      const type = exchange.response.headers.get("content-type") ?? "";
      const sse = format === "sse-json" || format === "sse-text" || (format === "auto" && SSE_TYPE.test(type));
      if (sse) {
        for await (const message of parseSse(readText(exchange), limits)) {
          if (format === "sse-text") yield message;
          // Empty data holds no JSON value, so no item: FastAPI sends it for ServerSentEvent(raw_data=""), other servers as a heartbeat.
          else if (message.data.trim() !== "") yield { ...message, data: JSON.parse(message.data) };
        }
      } else {
        for await (const item of parseJsonLines(readText(exchange), limits)) yield { data: item, event: "message", id: undefined, retry: undefined };
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
    sse<T>(operation: Operation, request: RequestParts | undefined, data: "json" | "text"): SseStream<T> {
      return sseStream(() => events<T>(operation, request, data === "json" ? "sse-json" : "sse-text"));
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
`;
