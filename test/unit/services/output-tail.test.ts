import { expect, test } from "vitest";
import { OutputTail } from "../../../src/services/process.js";
import { expandHeaders } from "../../../src/services/url.js";
import { ServiceError } from "../../../src/errors.js";

test("OutputTail keeps the last N lines across chunk boundaries", () => {
  const tail = new OutputTail(3);
  expect(tail.push("one\ntw")).toEqual(["one"]);
  expect(tail.push("o\r\nthree\nfour\nfi")).toEqual(["two", "three", "four"]);
  expect(tail.lines()).toEqual(["three", "four", "fi"]);
});

test("expandHeaders reads ${VAR} from the environment and names a missing one without values", () => {
  const service = { name: "svc", headers: { Authorization: "Bearer ${TOKEN}", "X-Static": "plain" } } as never;
  expect(expandHeaders(service, { TOKEN: "t0k" })).toEqual({ Authorization: "Bearer t0k", "X-Static": "plain" });
  expect(() => expandHeaders(service, {})).toThrow(ServiceError);
  expect(() => expandHeaders(service, {})).toThrow("needs the environment variable TOKEN");
});
