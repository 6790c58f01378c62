/** Runtime part: the Server-Sent Events and JSON Lines parsers, usable on any text stream. */
export const STREAMS: string = String.raw`
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
      if (data.length > 0) yield { data: data.join("\n"), event: event === "" ? "message" : event, id, retry };
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
  // Only "\n" ends a line: a lone "\r" is JSON whitespace.
  for await (const text of lines(chunks, /\n/g, true, limits?.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH, limits?.operation)) {
    if (text.trim() !== "") yield JSON.parse(text);
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
`;
