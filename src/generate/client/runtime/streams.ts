/** Runtime part: the Server-Sent Events and JSON Lines parsers, usable on any text stream. */
export const STREAMS: string = String.raw`
/**
 * Parses a text/event-stream, chunked anywhere (inside a line, between "\r" and "\n"):
 * comments and keep-alive pings are skipped, data lines joined, id and retry remembered,
 * and an event cut off by the end of the stream dropped, as the WHATWG rules say.
 */
export async function* parseSse(chunks: AsyncIterable<string>): AsyncGenerator<SseEvent<string>, void, undefined> {
  const newline = /\r\n?|\n/g;
  let buffer = "";
  let started = false;
  let data = "";
  let event = "";
  let id: string | undefined;
  let retry: number | undefined;
  const line = (text: string): SseEvent<string> | undefined => {
    if (text === "") {
      const message = data === "" ? undefined : { data: data.slice(0, -1), event: event === "" ? "message" : event, id, retry };
      data = "";
      event = "";
      return message;
    }
    const colon = text.indexOf(":");
    if (colon === 0) return undefined;
    const field = colon === -1 ? text : text.slice(0, colon);
    const value = colon === -1 ? "" : text.slice(text.charAt(colon + 1) === " " ? colon + 2 : colon + 1);
    if (field === "data") data += value + "\n";
    else if (field === "event") event = value;
    else if (field === "id" && !value.includes("\0")) id = value;
    else if (field === "retry" && /^\d+$/.test(value)) retry = Number(value);
    return undefined;
  };
  for await (const chunk of chunks) {
    buffer += chunk;
    if (!started && buffer !== "") {
      started = true;
      if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
    }
    let start = 0;
    newline.lastIndex = 0;
    for (let match = newline.exec(buffer); match !== null; match = newline.exec(buffer)) {
      // A "\r" that ends the chunk may be the first half of "\r\n": wait for the next one.
      if (match[0] === "\r" && match.index === buffer.length - 1) break;
      const message = line(buffer.slice(start, match.index));
      start = newline.lastIndex;
      if (message !== undefined) yield message;
    }
    buffer = buffer.slice(start);
  }
  if (buffer.endsWith("\r")) {
    const message = line(buffer.slice(0, -1));
    if (message !== undefined) yield message;
  }
}

/** Parses JSON Lines (also NDJSON), chunked anywhere; blank lines are skipped. */
export async function* parseJsonLines(chunks: AsyncIterable<string>): AsyncGenerator<unknown, void, undefined> {
  let buffer = "";
  for await (const chunk of chunks) {
    buffer += chunk;
    let start = 0;
    for (let end = buffer.indexOf("\n"); end !== -1; end = buffer.indexOf("\n", start)) {
      const line = buffer.slice(start, end);
      start = end + 1;
      if (line.trim() !== "") yield JSON.parse(line);
    }
    buffer = buffer.slice(start);
  }
  if (buffer.trim() !== "") yield JSON.parse(buffer);
}
`;
