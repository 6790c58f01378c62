// The fake's 422s against the real apps': the same invalid requests go to each app under
// uvicorn and to its fake; the `loc`s and `type`s of FastAPI's "detail" list must be the same.
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { CONTENT_PYTHON, EXAMPLES, FIXTURE_PYTHON } from "../../../helpers/paths.js";
import { startUvicorn } from "../../../helpers/uvicorn.js";
import { KITCHEN_SINK } from "../client/support.js";
import { loadFake, loadSpec, SPECS } from "./support.js";

interface Case {
  name: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | FormData;
  /**
   * `false` when a parameter comes from a `Depends()`: FastAPI lists a dependency's errors before
   * the route's own, and the spec (grouped by location) does not say which parameters those are.
   */
  ordered?: false;
}

const json = (value: unknown) => JSON.stringify(value);
const ID = "0b0f8a3e-57c5-4c2e-9f3b-3c1c2a4e5d6f";

const CASES: Record<string, Case[]> = {
  "estimation-api": [
    { name: "path: not a UUID", path: "/estimates/not-a-uuid" },
    { name: "query: below minimum", path: "/estimates?limit=0" },
    { name: "query: enum and integer parsing, in declaration order", path: "/estimates?limit=abc&stage=bogus" },
    { name: "query: too long", path: `/estimates?customer=${"x".repeat(201)}` },
    { name: "body: missing", method: "POST", path: "/estimates" },
    { name: "body: not JSON", method: "POST", path: "/estimates", body: "{not json", headers: { "content-type": "application/json" } },
    { name: "body: not an object", method: "POST", path: "/estimates", body: "[]", headers: { "content-type": "application/json" } },
    { name: "body: required fields missing", method: "POST", path: "/estimates", body: "{}", headers: { "content-type": "application/json" } },
    {
      name: "body: lengths, literal, list length",
      method: "POST",
      path: "/estimates",
      body: json({ customer: "", currency: "JPY", line_items: [] }),
      headers: { "content-type": "application/json" },
    },
    {
      name: "body: pattern, discriminator tag, nested missing fields, decimal",
      method: "POST",
      path: "/estimates",
      body: json({
        customer: "ACME",
        discount_percent: "lots",
        line_items: [
          { sku: "bad sku", pricing: { kind: "nope" } },
          { sku: "OK-1", quantity: 0, pricing: { kind: "usage" } },
          { sku: "OK-2", pricing: { kind: "fixed", amount: -1 } },
          { sku: "OK-3", pricing: {} },
        ],
      }),
      headers: { "content-type": "application/json" },
    },
    { name: "path and body together", method: "PATCH", path: "/estimates/nope/stage", body: json({ stage: "lost" }), headers: { "content-type": "application/json" } },
  ],
  "content-api": [
    { name: "body: bounds and number parsing", method: "POST", path: "/generate", body: json({ prompt: "", max_tokens: 1000, temperature: "hot" }), headers: { "content-type": "application/json" } },
    { name: "body: list length and literal", method: "POST", path: "/embeddings", body: json({ inputs: [], model: "x" }), headers: { "content-type": "application/json" } },
    { name: "body: literal, list length, nullable pattern", method: "POST", path: "/jobs", body: json({ kind: "x", document_ids: [], target_language: "EN" }), headers: { "content-type": "application/json" } },
    { name: "body: UUID in a list (a contract @format, enforced by the generated module), nullable pattern", method: "POST", path: "/jobs", body: json({ kind: "summarize", document_ids: ["nope"], target_language: "EN" }), headers: { "content-type": "application/json" } },
    { name: "path: not a UUID on a stream", path: "/jobs/bad/events" },
    { name: "multipart: missing fields", method: "POST", path: "/documents", body: new FormData() },
    { name: "multipart: too long title", method: "POST", path: "/documents", body: formWith({ title: "t".repeat(201) }) },
  ],
  "kitchen-sink": [
    { name: "header (from a dependency) missing, path not an integer, body missing", method: "PUT", path: "/items/abc", ordered: false },
    { name: "header and cookie", path: "/whoami" },
    { name: "discriminated union: no tag", method: "POST", path: "/pets", body: json({ name: "x" }), headers: { "content-type": "application/json" } },
    { name: "required query", path: "/undeclared/positive" },
  ],
};

function formWith(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return form;
}

const APPS: [string, string, string][] = [
  ["estimation-api", join(EXAMPLES, "services/estimation-api"), FIXTURE_PYTHON],
  ["content-api", join(EXAMPLES, "services/content-api"), CONTENT_PYTHON],
  ["kitchen-sink", KITCHEN_SINK, CONTENT_PYTHON],
];

type Detail = { loc: (string | number)[]; type: string };

async function detailOf(response: Response): Promise<{ status: number; detail: [string, string][] }> {
  const body = (await response.json()) as { detail: Detail[] };
  return { status: response.status, detail: body.detail.map((d) => [d.loc.join("."), d.type]) };
}

describe.each(APPS)("%s", async (name, cwd, python) => {
  const [server, loaded] = await Promise.all([startUvicorn({ cwd, python, app: "app.main:app" }), loadSpec(SPECS[name]!).then((spec) => loadFake(`parity-${name}`, spec))]);
  const fake = loaded.fake.createFakeFetch();

  test.each(CASES[name]!)("$name", async (request) => {
    const init = (): RequestInit => ({ method: request.method ?? "GET", headers: request.headers ?? {}, ...(request.body === undefined ? {} : { body: request.body }) });
    const real = await detailOf(await fetch(server.baseUrl + request.path, init()));
    const faked = await detailOf(await fake(`http://fake.invalid${request.path}`, init()));
    expect(real.status).toBe(422);
    if (request.ordered === false) {
      expect(faked.detail.sort()).toEqual(real.detail.sort());
      expect(faked.status).toBe(real.status);
    } else expect(faked).toEqual(real);
  });
});
