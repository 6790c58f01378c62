import { expect, test } from "vitest";
import { ServiceError } from "../../src/errors.js";
import { maskSecrets, redactUrl, redactUrlsIn } from "../../src/redact.js";

test.each([
  ["http://127.0.0.1:8000/openapi.json", "http://127.0.0.1:8000/openapi.json"],
  ["http://user:pa55word@127.0.0.1:8000/openapi.json", "http://127.0.0.1:8000/openapi.json"],
  ["https://token-only@api.example.com/", "https://api.example.com/"],
  ["https://api.example.com/spec?v=2&api_key=k3y&access_token=t0k", "https://api.example.com/spec?v=2&api_key=***&access_token=***"],
  ["https://b.s3.amazonaws.com/o?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=abc&X-Amz-Expires=60", "https://b.s3.amazonaws.com/o?X-Amz-Credential=***&X-Amz-Signature=***&X-Amz-Expires=60"],
  ["https://x.blob.core.windows.net/c/o?sv=2020&sig=abc%3D&se=2030", "https://x.blob.core.windows.net/c/o?sv=2020&sig=***&se=2030"],
  ["https://api.example.com/?password=a&PWD=b&client_secret=c&session_id=d&jwt=e&code=f", "https://api.example.com/?password=***&PWD=***&client_secret=***&session_id=***&jwt=***&code=***"],
  ["https://app.example.com/cb#access_token=t0k&state=x", "https://app.example.com/cb#access_token=***&state=x"],
  // Kept exactly as written when nothing needs hiding, encoding included.
  ["https://api.example.com/a%20b?q=x+y&page=2#top", "https://api.example.com/a%20b?q=x+y&page=2#top"],
  ["not a url, //user:pa55@host/x", "not a url, //host/x"],
  // Unparseable because the password holds a "/", "#" or "?": the whole userinfo still goes.
  ["http://admin:s3cr/etPW@127.0.0.1:1/openapi.json", "http://127.0.0.1:1/openapi.json"],
  ["http://admin:s3cr#etPW@127.0.0.1:1/x", "http://127.0.0.1:1/x"],
  ["http://admin:s3cr?etPW@127.0.0.1:1/x", "http://127.0.0.1:1/x"],
])("redactUrl(%s) = %s", (url, shown) => {
  expect(redactUrl(url)).toBe(shown);
});

test("every URL inside a text is redacted, the rest left as it is", () => {
  expect(redactUrlsIn("fetch http://u:p4ss@h:1/x?token=t failed: see https://docs.example.com/a?b=c.")).toBe(
    "fetch http://h:1/x?token=*** failed: see https://docs.example.com/a?b=c.",
  );
  expect(redactUrlsIn("(redirected to http://h/x?sig=abc); at http://h/y?key=k, then http://h/(a)")).toBe(
    "(redirected to http://h/x?sig=***); at http://h/y?key=***, then http://h/(a)",
  );
});

test("known secrets are masked, longest first, and tiny values left alone", () => {
  expect(maskSecrets("Bearer abcd1234 / abcd / ab", ["abcd", "Bearer abcd1234", "ab"])).toBe("*** / *** / ab");
});

test("a service error prints the URLs in its message and its output tail redacted", () => {
  const error = new ServiceError("svc", "gave up on https://u:pw-1@h/x", { output: ["OperationalError: postgres://app:db-pa55@db:5432/app?sslkey=k"] });
  expect([error.message, ...error.output]).toEqual(["gave up on https://h/x", "OperationalError: postgres://db:5432/app?sslkey=***"]);
});
