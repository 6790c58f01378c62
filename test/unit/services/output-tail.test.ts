import { expect, test } from "vitest";
import { OutputTail } from "../../../src/services/process.js";
import { MAX_LINE_CHARS } from "../../../src/services/output-tail.js";

test("OutputTail keeps the last N lines across chunk boundaries", () => {
  const tail = new OutputTail(3);
  expect(tail.push("one\ntw")).toEqual(["one"]);
  expect(tail.push("o\r\nthree\nfour\nfi")).toEqual(["two", "three", "four"]);
  expect(tail.lines()).toEqual(["three", "four", "fi"]);
});

test("OutputTail bounds a huge line without a newline and stays linear: 50 MB in small chunks", () => {
  const tail = new OutputTail(3);
  const chunk = "x".repeat(64 * 1024);
  const started = performance.now();
  for (let i = 0; i < 800; i++) expect(tail.push(chunk)).toEqual([]);
  // Quadratic concatenation of 50 MB takes minutes; linear takes well under a second.
  expect(performance.now() - started).toBeLessThan(10_000);
  const kept = "x".repeat(MAX_LINE_CHARS);
  const cut = 800 * chunk.length - MAX_LINE_CHARS;
  expect(tail.lines()).toEqual([`${kept}… (${cut} characters cut)`]);
  expect(tail.push("end\nnext")).toEqual([`${kept}… (${cut + 3} characters cut)`]);
  expect(tail.lines().at(-1)).toBe("next");
});

test("OutputTail: a CR split from its LF across chunks is still one line end; a lone CR is kept", () => {
  const tail = new OutputTail(3);
  expect(tail.push("a\r")).toEqual([]);
  expect(tail.push("\nb\rc\n")).toEqual(["a", "b\rc"]);
});
