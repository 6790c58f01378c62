import { expect, test } from "vitest";
import { ConfigError } from "../../../src/errors.js";
import { assertSendableHeaders, expandHeaders } from "../../../src/services/headers.js";

const SECRET = "s3cret-value";
const service = (headers: Record<string, string>, source = "url") => ({ name: "svc", source, headers }) as never;

test("${VAR} comes from the environment; outer whitespace is left for fetch to trim", () => {
  const headers = { Authorization: "Bearer ${TOKEN}", "X-Static": "plain" };
  expect(expandHeaders(service(headers), { TOKEN: "t0k" })).toEqual({ Authorization: "Bearer t0k", "X-Static": "plain" });
  expect(expandHeaders(service(headers), { TOKEN: "t0k\r\n" })).toEqual({ Authorization: "Bearer t0k\r\n", "X-Static": "plain" });
});

test.each([
  ["not set", "Bearer ${TOKEN}", {}, "services.svc.headers.X: needs the environment variable TOKEN, which is not set"],
  ["a line break inside", "Bearer ${TOKEN}", { TOKEN: `${SECRET}\nX-Injected: 1` }, "the environment variable TOKEN holds a line break"],
  ["a NUL", "${TOKEN}", { TOKEN: `${SECRET}\u0000` }, "the environment variable TOKEN holds a control character"],
  ["DEL", "${TOKEN}", { TOKEN: `${SECRET}\u007f` }, "the environment variable TOKEN holds a control character"],
  ["beyond Latin-1", "${TOKEN}", { TOKEN: `${SECRET}€` }, "the environment variable TOKEN holds a character beyond Latin-1"],
  ["a line break between two variables: the one that ends with it", "${A}${B}", { A: `${SECRET}\n`, B: "tail" }, "the environment variable A holds a line break"],
  ["the second of two variables", "${A}:${B}", { A: "ok", B: `x\ry${SECRET}` }, "the environment variable B holds a line break"],
])("%s: a ConfigError naming the header and the variable, never the value", (_, template, env, says) => {
  const run = () => expandHeaders(service({ X: template }), env);
  expect(run).toThrow(ConfigError);
  expect(run).toThrow(says);
  try {
    run();
  } catch (error) {
    expect(`${(error as ConfigError).message} ${(error as ConfigError).hint}`).not.toContain(SECRET);
  }
});

test("only services asked over url are checked, whichever way the source is chosen", () => {
  const local = service({ X: "${MISSING_FOR_TEST}" }, "http");
  expect(() => assertSendableHeaders([local], undefined)).not.toThrow();
  expect(() => assertSendableHeaders([local], "url")).toThrow("MISSING_FOR_TEST, which is not set");
  expect(() => assertSendableHeaders([service({ X: "${MISSING_FOR_TEST}" })], "import")).not.toThrow();
});
