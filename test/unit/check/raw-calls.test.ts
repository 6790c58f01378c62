import { expect, test } from "vitest";
import { findRawCalls, type RawCallTarget } from "../../../src/check/raw-calls.js";

const spec = {
  openapi: "3.1.0",
  paths: {
    "/estimates": { get: {}, post: {} },
    "/estimates/{estimate_id}": { get: {}, delete: {} },
  },
};
const targets: RawCallTarget[] = [{ service: "estimation-api", baseUrlEnv: "ESTIMATION_API_URL", port: 8101, spec }];

test.each<[string, string, string[]]>([
  ["a known operation through the env base URL", "fetch(`${process.env.ESTIMATION_API_URL}/estimates`)", []],
  ["a known method with a dynamic id", "fetch(`${process.env.ESTIMATION_API_URL}/estimates/${id}`, { method: 'DELETE' })", []],
  ["a literal id fills a path parameter", "fetch('http://127.0.0.1:8101/estimates/42?x=1')", []],
  ["a typo in the path", "fetch(`${process.env.ESTIMATION_API_URL}/estimatez`)", ["GET /estimatez"]],
  ["a method the path lacks", "fetch(`${process.env['ESTIMATION_API_URL']!}/estimates/${id}`, { method: 'put' })", ["PUT /estimates/{…}"]],
  ["a removed route on the loopback port", "await globalThis.fetch('http://localhost:8101/quotes', { method: 'POST' })", ["POST /quotes"]],
  ["another service's port is not ours", "fetch('http://127.0.0.1:9999/nope')", []],
  ["another env var is not ours", "fetch(`${process.env.OTHER_URL}/nope`)", []],
  ["a non-literal URL cannot be read", "fetch(url)", []],
  ["a non-literal method still checks the path", "fetch(`${process.env.ESTIMATION_API_URL}/nope`, { method })", ["? /nope"]],
])("%s", (_name, code, expected) => {
  const found = findRawCalls("/app/src/x.ts", `const id = 1; const url = ""; const method = "GET";\nasync function f() { ${code}; }\n`, targets);
  expect(found.map((f) => `${f.method ?? "?"} ${f.path}`)).toEqual(expected);
  for (const f of found) expect(f).toMatchObject({ file: "/app/src/x.ts", line: 2, service: "estimation-api" });
});
