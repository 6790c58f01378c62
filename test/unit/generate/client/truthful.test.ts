// What the generated client declares against what the running kitchen-sink app gives, call by
// call: truthful-calls.ts holds each call with a type-level assertion that must compile (TS 5
// and 7, every strict flag) and returns what the call resolved with, checked here.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { startUvicorn } from "../../../helpers/uvicorn.js";
import { HAS_PYTHON, KITCHEN_SINK, kitchenSinkSpec, PYTHON, typedCalls } from "./support.js";

type Calls = Record<string, (baseUrl: string) => Promise<unknown>>;

const server = HAS_PYTHON ? await startUvicorn({ cwd: KITCHEN_SINK, python: PYTHON, app: "app.main:app" }) : undefined;

describe.skipIf(!server)("the kitchen-sink client's types agree with what the app returns", () => {
  let calls: Calls;
  let baseUrl: string;

  beforeAll(async () => {
    baseUrl = server!.baseUrl;
    const streamTypes = JSON.parse(await readFile(join(KITCHEN_SINK, "stream-types.json"), "utf8")) as Record<string, object>;
    calls = await typedCalls<Calls>("truthful", await kitchenSinkSpec(), join(KITCHEN_SINK, "truthful-calls.ts"), { streamTypes });
  }, 60_000);

  test("a FileResponse (no content in the spec) resolves with a Blob", async () => {
    const { body, type, text } = (await calls["downloadFile"]!(baseUrl)) as { body: unknown; type: string; text: string };
    expect(body).toBeInstanceOf(Blob);
    expect([type, text]).toEqual(["text/plain;charset=utf-8", "hello, file\n"]);
  });

  test("a StreamingResponse without a model resolves with a Blob, though its content type is text", async () => {
    const { body, type, text } = (await calls["streamCsv"]!(baseUrl)) as { body: unknown; type: string; text: string };
    expect(body).toBeInstanceOf(Blob);
    expect([type, text]).toEqual(["text/csv;charset=utf-8", "0,row 0\n1,row 1\n2,row 2\n"]);
  });

  test("a Response route sending JSON resolves with a Blob, not parsed JSON", async () => {
    const { body, text } = (await calls["rawJson"]!(baseUrl)) as { body: unknown; text: string };
    expect(body).toBeInstanceOf(Blob);
    expect(text).toBe('{"raw": true}');
  });

  test("a 307 is followed to its target's JSON; redirect: error refuses it with NetworkError", async () => {
    expect(await calls["redirect"]!(baseUrl)).toEqual({ body: { a: 1, b: 2 }, refused: "NetworkError" });
  });

  test("a list[str] header sends one value, read as one item; two values would arrive joined as one", async () => {
    expect(await calls["listHeader"]!(baseUrl)).toEqual({ one: ["a"], forced: ["a, b"] });
  });

  test("a 422's ctx is an open record holding the constraint", async () => {
    expect(await calls["validationContext"]!(baseUrl)).toBe(0);
  });
});
