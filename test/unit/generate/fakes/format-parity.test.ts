// The fake's UUID, date, datetime and tuple checks against Pydantic's: every value of the edge
// table (test/fixtures/format-parity/edges.json) goes to a real FastAPI app under uvicorn and to
// the fake generated from that app's spec, in a JSON body and, for text, in a query string. Status
// and each 422 entry (type, loc, msg, input, ctx) must be the same; what Pydantic answers is never
// written down here, so a new Pydantic that parses differently fails this test.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import type { OpenApiDocument } from "../../../../src/spec/types.js";
import { FIXTURE_PYTHON, REPO_ROOT } from "../../../helpers/paths.js";
import { startUvicorn } from "../../../helpers/uvicorn.js";
import { loadFake } from "./support.js";

const FIXTURE = join(REPO_ROOT, "test/fixtures/format-parity");
/** The query parameters of GET /formats: the fields whose values can be text in a URL. */
const QUERY_FIELDS = new Set(["uuid", "date", "datetime"]);

const edges = JSON.parse(await readFile(join(FIXTURE, "edges.json"), "utf8")) as Record<string, unknown[]>;
const rows = Object.entries(edges).flatMap(([field, values]) => values.map((value) => ({ field, value, shown: JSON.stringify(value) })));

type Entry = { type: string; loc: unknown[]; msg: string; input: unknown; ctx?: unknown };

async function answerOf(response: Response): Promise<{ status: number; detail?: Entry[] }> {
  if (response.status !== 422) return { status: response.status };
  const body = (await response.json()) as { detail: Entry[] };
  return { status: 422, detail: body.detail.map(({ type, loc, msg, input, ctx }) => (ctx === undefined ? { type, loc, msg, input } : { type, loc, msg, input, ctx })) };
}

describe("formats and tuples: the fake answers as Pydantic does", async () => {
  const server = await startUvicorn({ cwd: FIXTURE, python: FIXTURE_PYTHON, app: "app.main:app" });
  const spec = (await (await fetch(`${server.baseUrl}/openapi.json`)).json()) as OpenApiDocument;
  const fake = (await loadFake("format-parity", spec)).fake.createFakeFetch();

  test("the edge table is not empty and names only fields of the app", () => {
    const { components } = spec as unknown as { components: { schemas: { Formats: { properties: object } } } };
    const properties = Object.keys(components.schemas.Formats.properties);
    expect(rows.length).toBeGreaterThan(300);
    expect(properties).toEqual(expect.arrayContaining(Object.keys(edges)));
  });

  test.each(rows)("body $field = $shown", async ({ field, value }) => {
    const init = (): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ [field]: value }) });
    const real = await answerOf(await fetch(`${server.baseUrl}/formats`, init()));
    expect(await answerOf(await fake("http://fake.invalid/formats", init()))).toEqual(real);
  });

  test.each(rows.filter(({ field, value }) => QUERY_FIELDS.has(field) && typeof value === "string"))("query $field = $shown", async ({ field, value }) => {
    const query = `/formats?${new URLSearchParams({ [field]: value as string })}`;
    const real = await answerOf(await fetch(server.baseUrl + query));
    expect(await answerOf(await fake(`http://fake.invalid${query}`))).toEqual(real);
  });
});
