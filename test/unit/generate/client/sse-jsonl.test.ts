import * as runtime from "../../../../runtime/runtime.js";
import { describe, expect, test } from "vitest";
import { chunks, collect } from "./support.js";

const message = (data: string, more: { event?: string; id?: string; retry?: number } = {}) => ({
  data,
  raw: data,
  event: more.event ?? "message",
  id: more.id,
  retry: more.retry,
});

/** [name, stream text, events the WHATWG rules give]. */
const SSE_CASES: [string, string, ReturnType<typeof message>[]][] = [
  ["one event", "data: hello\n\n", [message("hello")]],
  ["data lines joined by \\n", "data: a\ndata: b\n\n", [message("a\nb")]],
  ["CRLF line ends", "data: a\r\ndata: b\r\n\r\n", [message("a\nb")]],
  ["CR line ends", "data: a\rdata: b\r\r", [message("a\nb")]],
  ["mixed line ends", "data: a\rdata: b\r\ndata: c\n\r\n", [message("a\nb\nc")]],
  ["comments and keep-alive pings skipped", ": ping\n\n: warming up\ndata: x\n\n: ping\n\n", [message("x")]],
  ["event, id and retry", "event: tick\nid: 7\nretry: 1500\ndata: {}\n\n", [message("{}", { event: "tick", id: "7", retry: 1500 })]],
  ["id and retry carry over to later events", "id: 1\nretry: 10\ndata: a\n\ndata: b\n\n", [message("a", { id: "1", retry: 10 }), message("b", { id: "1", retry: 10 })]],
  ["empty id resets it", "id: 1\ndata: a\n\nid\ndata: b\n\n", [message("a", { id: "1" }), message("b", { id: "" })]],
  ["id with NUL ignored", "id: a\u0000b\ndata: x\n\n", [message("x")]],
  ["retry that is not digits ignored", "retry: 1.5\ndata: x\n\nretry: -1\ndata: y\n\n", [message("x"), message("y")]],
  ["no space after the colon", "data:x\n\n", [message("x")]],
  ["only one leading space removed", "data:  x \n\n", [message(" x ")]],
  ["field name alone means an empty value", "data\n\n", [message("")]],
  ["empty data line", "data:\n\n", [message("")]],
  ["event without data dispatches nothing and resets the name", "event: x\n\ndata: y\n\n", [message("y")]],
  ["unknown fields ignored", "foo: bar\ndata: x\nData: no\n\n", [message("x")]],
  ["colons inside values kept", "data: a: b:c\n\n", [message("a: b:c")]],
  ["leading BOM dropped", "\ufeffdata: x\n\n", [message("x")]],
  ["second BOM kept", "\ufeffdata: \ufeffx\n\n", [message("\ufeffx")]],
  ["unicode", "data: héllo 🎉 \u2028\n\n", [message("héllo 🎉 \u2028")]],
  ["event cut off by the end of the stream dropped", "data: x\n\ndata: y\n", [message("x")]],
  ["last line without newline dropped", "data: x\n\ndata: y", [message("x")]],
  ["CR at the very end ends the event", "data: x\n\r", [message("x")]],
  ["FastAPI's framing", "event: token\ndata: {\"index\":0}\nid: 0\nretry: 1500\n\n: ping\n\n", [message('{"index":0}', { event: "token", id: "0", retry: 1500 })]],
];

/** Every way to cut `text` in two, in three around each line break, and one character at a time. */
function splits(text: string): string[][] {
  const ways: string[][] = [[text], [...text]];
  for (let i = 0; i <= text.length; i++) ways.push([text.slice(0, i), text.slice(i)]);
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "\r" && text[i] !== "\n") continue;
    ways.push([text.slice(0, i), text.slice(i, i + 1), text.slice(i + 1)], ["", text.slice(0, i + 1), "", text.slice(i + 1), ""]);
  }
  return ways;
}

describe("parseSse", () => {
  test.each(SSE_CASES)("%s, however the stream is chunked", async (_name, text, expected) => {
    for (const parts of splits(text)) {
      expect(await collect(runtime.parseSse(chunks(...parts))), JSON.stringify(parts)).toEqual(expected);
    }
  });

  test("a long stream in random chunks", async () => {
    const events = Array.from({ length: 500 }, (_, i) => `id: ${i}\r\nevent: e${i % 3}\r\ndata: ${"x".repeat(i % 17)}\r\ndata: ${i}\r\n\r\n: ping\n\n`).join("");
    let seed = 7;
    const parts: string[] = [];
    for (let at = 0; at < events.length; ) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const size = 1 + (seed % 40);
      parts.push(events.slice(at, at + size));
      at += size;
    }
    const received = await collect(runtime.parseSse(chunks(...parts)));
    expect(received).toHaveLength(500);
    expect(received[499]).toEqual(message(`${"x".repeat(499 % 17)}\n499`, { event: "e1", id: "499" }));
  });
});

const JSONL_CASES: [string, string, unknown[]][] = [
  ["lines", '{"a":1}\n{"a":2}\n', [{ a: 1 }, { a: 2 }]],
  ["CRLF", '{"a":1}\r\n{"a":2}\r\n', [{ a: 1 }, { a: 2 }]],
  ["blank lines skipped", '\n{"a":1}\n\n  \n[2]\n', [{ a: 1 }, [2]]],
  ["last line without newline", '1\n"two"', [1, "two"]],
  ["strings with escaped newlines", '"a\\nb"\n{"s":"}\\n{"}\n', ["a\nb", { s: "}\n{" }]],
  ["unicode", '"héllo 🎉"\n', ["héllo 🎉"]],
  ["nothing", "", []],
];

describe("parseJsonLines", () => {
  test.each(JSONL_CASES)("%s, however the stream is chunked", async (_name, text, expected) => {
    for (const parts of splits(text)) {
      expect(await collect(runtime.parseJsonLines(chunks(...parts))), JSON.stringify(parts)).toEqual(expected);
    }
  });

  test("a broken line throws SyntaxError", async () => {
    await expect(collect(runtime.parseJsonLines(chunks('{"a":1}\n{"a":', "\n")))).rejects.toThrow(SyntaxError);
  });
});

/** `size` characters of "x" in 64 KiB chunks, then `end`: a line as a server sends it, in pieces. */
async function* longLine(prefix: string, size: number, end: string): AsyncGenerator<string> {
  const piece = "x".repeat(64 * 1024);
  yield prefix;
  for (let sent = 0; sent < size; sent += piece.length) yield piece.slice(0, Math.min(piece.length, size - sent));
  yield end;
}

const MiB = 1024 * 1024;

describe("bounded and linear", () => {
  // Rescanning a growing buffer per chunk took ~20 s for 40 MB; parts joined once take well under one.
  test.each([
    ["parseSse", (text: AsyncIterable<string>) => runtime.parseSse(text)],
    ["parseJsonLines", (text: AsyncIterable<string>) => runtime.parseJsonLines(text)],
  ])("%s: a 40 MB line without a newline fails with StreamLimitError once past 16 MiB, in linear time", async (_name, parse) => {
    const started = Date.now();
    const error = await collect(parse(longLine("data: ", 40 * MiB, ""))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(runtime.StreamLimitError);
    expect(error).toMatchObject({ name: "StreamLimitError", maxLineLength: 16 * MiB, operation: undefined });
    expect((error as Error).message).toBe(`a stream sent a line or event longer than ${16 * MiB} characters; if that is expected, raise maxLineLength in the client's options`);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test("lines of growing size under the bound are read whole, in time linear in their length", async () => {
    const started = Date.now();
    for (const size of [1, 2, 4, 8, 15].map((n) => n * MiB)) {
      const [event] = await collect(runtime.parseSse(longLine("data: ", size, "\r\n\r\n")));
      expect(event!.data.length).toBe(size);
      const [line] = await collect(runtime.parseJsonLines(longLine('"', size, '"\n')));
      expect((line as string).length).toBe(size);
    }
    // 30 MiB per parser: quadratic rescanning needed over a minute here, linear reading needs well under a second.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test("maxLineLength bounds each line and an event's data lines together; exactly the bound passes", async () => {
    const limits = { maxLineLength: 10 };
    expect(await collect(runtime.parseSse(chunks("data:12345\n", "data:1234\n\n"), limits))).toEqual([message("12345\n1234")]);
    expect(await collect(runtime.parseJsonLines(chunks('"12345678"\n'), limits))).toEqual(["12345678"]);
    const cases = [
      runtime.parseSse(chunks("data:123456\n\n"), limits),
      runtime.parseSse(chunks("event: 1", "2345\n"), limits),
      // Each line fits; their data together (joined with "\n") does not.
      runtime.parseSse(chunks("data:1234\ndata:1234\ndata:1\n\n"), limits),
      runtime.parseJsonLines(chunks('"123456789"\n'), limits),
      runtime.parseJsonLines(chunks("1", "2345678901"), limits),
    ];
    for (const parse of cases) expect(await collect(parse).catch((e: unknown) => e)).toMatchObject({ name: "StreamLimitError", maxLineLength: 10 });
  });
});
