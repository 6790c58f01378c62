// SSE `data` as FastAPI really encodes it, case by case (fastapi/routing.py `_serialize_sse_item`):
// test/fixtures/sse-data/app.py yields known values under uvicorn; calls.ts reads them through
// the generated client with type-level assertions compiled under TS 5 and 7, and here the
// values are compared with what Python yielded.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import type { OpenApiDocument } from "../../../../src/spec/types.js";
import { FIXTURE_PYTHON, REPO_ROOT } from "../../../helpers/paths.js";
import { startUvicorn } from "../../../helpers/uvicorn.js";
import { typedCalls } from "./support.js";

type Calls = Record<string, (baseUrl: string) => Promise<unknown>>;

const FIXTURE = join(REPO_ROOT, "test/fixtures/sse-data");
const server = existsSync(FIXTURE_PYTHON) ? await startUvicorn({ cwd: FIXTURE, python: FIXTURE_PYTHON, app: "app:app" }) : undefined;

describe.skipIf(!server)("SSE data decoded as FastAPI encodes it", () => {
  const baseUrl = server?.baseUrl ?? "";
  let calls: Calls;

  beforeAll(async () => {
    const spec = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as OpenApiDocument;
    calls = await typedCalls<Calls>("sse-data", spec, join(FIXTURE, "calls.ts"));
  }, 60_000);

  test("yielded models (JSON, typed by contentSchema) arrive as the models", async () => {
    expect(await calls["typed"]!(baseUrl)).toEqual([{ index: 0, text: 'a "quoted"\nline' }, { index: 1, text: "é 🎉" }]);
  });

  test("yielded strings are JSON on the wire and strings again, the empty one included", async () => {
    expect(await calls["typedStrings"]!(baseUrl)).toEqual(["hello", "two\nlines", ""]);
  });

  test("ServerSentEvent(data=model) on a typed stream: the model, its event name and id", async () => {
    expect(await calls["typedEvents"]!(baseUrl)).toEqual([{ data: { index: 7, text: "seven" }, raw: '{"index":7,"text":"seven"}', event: "token", id: "7", retry: undefined }]);
  });

  test("ServerSentEvent items: data= decoded from JSON, raw_data= as sent, an event without data is none", async () => {
    expect(await calls["events"]!(baseUrl)).toEqual({
      items: ["hello", { a: [1, 2], b: null }, 42, "[DONE]", "[DONE]", "plain text\nsecond line", "", true],
      raw: ['"hello"', '{"a": [1, 2], "b": null}', "42", '"[DONE]"', "[DONE]", "plain text\nsecond line", "", "true"],
    });
  });

  test("an unannotated generator's plain yields are decoded from JSON", async () => {
    expect(await calls["unannotated"]!(baseUrl)).toEqual(["hello", { n: 1 }, [1, "two"], null]);
  });
});
