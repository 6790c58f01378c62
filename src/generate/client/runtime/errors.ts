/** Runtime part: the error classes a call rejects with, and how statuses count as declared. */
export const ERRORS: string = String.raw`
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
`;
