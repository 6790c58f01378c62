// FastAPI's own docs tutorial apps, called through the clients the built CLI generates for them.
// The apps come from the sdist of the FastAPI version the corpus venv runs (fetched once into a
// cache, see fastapiDocsSrc); each runs under uvicorn in its own process. One `sync-types` run
// over a config naming every running app writes the clients; calls.ts (fixtures) makes each
// call with a type-level assertion, type-checked under TS 5 and TS 7, and returns what the call
// gave, asserted here.
import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fastapiDocsSrc } from "../helpers/fastapi-docs.js";
import { CORPUS_PYTHON, REPO_ROOT } from "../helpers/paths.js";
import { startUvicorn, type RunningUvicorn } from "../helpers/uvicorn.js";
import { importGenerated, tempDir, typecheck, writeTsconfig } from "../unit/generate/client/support.js";
import { collectOperations } from "../../src/generate/client/operations.js";
import { fakeSpec } from "../../src/generate/fakes/model.js";
import type { OpenApiDocument } from "../../src/spec/types.js";
import { answerChecks, pydanticCheck, samplesByModel, validatorFor } from "../unit/generate/fakes/contract-checks.js";

/** Client folder → tutorial app module (under `docs_src`). */
const APPS: Record<string, string> = {
  "files": "request_files.tutorial001",
  "many-files": "request_files.tutorial002",
  "forms-and-files": "request_forms_and_files.tutorial001",
  "forms": "request_forms.tutorial001",
  "form-model": "request_form_models.tutorial001",
  "query-list": "query_params_str_validations.tutorial011",
  "cookies": "cookie_params.tutorial001",
  "cookie-model": "cookie_param_models.tutorial001",
  "headers": "header_params.tutorial001",
  "list-header": "header_params.tutorial003",
  "header-model": "header_param_models.tutorial001",
  "validation": "path_params_numeric_validations.tutorial006",
  "not-found": "additional_responses.tutorial001",
  "sse": "server_sent_events.tutorial001",
  "sse-events": "server_sent_events.tutorial002",
  "sse-raw": "server_sent_events.tutorial003",
  "sse-resume": "server_sent_events.tutorial004",
  "sse-chat": "server_sent_events.tutorial005",
  "json-lines": "stream_json_lines.tutorial001",
  "streaming": "stream_data.tutorial001",
  "raw-stream": "custom_response.tutorial007",
  "file-response": "custom_response.tutorial009b",
  "redirect": "custom_response.tutorial006",
  "plain-text": "custom_response.tutorial005",
  "tagged": "generate_clients.tutorial003",
};
/** Clients generated with `groupByTag`. */
const GROUPED = new Set(["tagged"]);
/** Apps started at once: each start imports FastAPI (CPU-bound), on a machine of two cores. */
const STARTING_AT_ONCE = 4;
/** The file `custom_response.tutorial009b` serves, relative to the folder uvicorn runs in. */
const VIDEO = { name: "large-video-file.mp4", text: "not really a video\n" };

type Calls = Record<string, (baseUrl: string) => Promise<unknown>>;

const docsRoot = await fastapiDocsSrc(CORPUS_PYTHON);
await writeFile(join(docsRoot, VIDEO.name), VIDEO.text);
const servers = await startAll(Object.entries(APPS), STARTING_AT_ONCE);
const dir = await tempDir("tutorial-corpus");

/** Starts every app, at most `limit` starting at a time; each is stopped when the file ends. */
async function startAll(apps: [string, string][], limit: number): Promise<Map<string, RunningUvicorn>> {
  const started = new Map<string, RunningUvicorn>();
  const queue = [...apps];
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [name, module] = next;
      started.set(name, await startUvicorn({ cwd: docsRoot, python: CORPUS_PYTHON, app: `docs_src.${module}:app`, readyTimeoutMs: 120_000 }));
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return started;
}

describe("FastAPI's tutorial apps, called through their generated clients", () => {
  let calls: Calls;
  const call = (name: string, app: string) => calls[name]!(servers.get(app)!.baseUrl);

  beforeAll(async () => {
    const services = Object.fromEntries(
      [...servers].map(([name, server]) => [name, { dir: docsRoot, source: "url", url: server.baseUrl, spec: `specs/${name}.openapi.json`, output: `clients/${name}`, groupByTag: GROUPED.has(name) }]),
    );
    await writeFile(join(dir, "sync-types.config.json"), JSON.stringify({ services, concurrency: STARTING_AT_ONCE }, null, 2));
    const sync = await runCli([], { cwd: dir });
    expect(sync.code, sync.stderr).toBe(0);
    // What fetch cannot send as declared is said once per parameter.
    const output = sync.stdout + sync.stderr;
    expect(output.match(/header parameter "x-token" is a list/g)).toHaveLength(1);
    expect(output.match(/header parameter "x-tag" is a list/g)).toHaveLength(1);
    expect(output.match(/header parameter "host" cannot be sent with fetch/g)).toHaveLength(1);
    await copyFile(join(REPO_ROOT, "test/fixtures/tutorial-corpus/calls.ts"), join(dir, "calls.ts"));
    await writeFile(join(dir, "package.json"), '{ "type": "module" }\n');
    const generated = Object.keys(APPS).flatMap((name) => ["types.gen.ts", "runtime.gen.ts", "client.gen.ts"].map((file) => `clients/${name}/${file}`));
    const sources = [...generated, "calls.ts"];
    const [ts5, ts7] = await Promise.all([
      typecheck("ts5", await writeTsconfig(dir, sources, "dom", "tsconfig.ts5.json")),
      typecheck("ts7", await writeTsconfig(dir, sources, "node", "tsconfig.ts7.json")),
    ]);
    expect({ ts5, ts7 }).toEqual({ ts5: "", ts7: "" });
    const read = async (name: string) => [name, await readFile(join(dir, name), "utf8")] as const;
    calls = await importGenerated<Calls>(dir, "calls.ts", Object.fromEntries(await Promise.all(sources.map(read))));
  }, 300_000);

  // Issue #21: the fakes hold to the same apps. Every operation's default answer validates against
  // the app's spec (ajv, JSON Schema 2020-12); answers typed with a model of the app also validate
  // with that Pydantic model itself.
  test("fakes: every tutorial app's default answers are valid for its spec, and for its own Pydantic models", async () => {
    let checked = 0;
    const modelsChecked: string[] = [];
    for (const [name, module] of Object.entries(APPS)) {
      const spec = JSON.parse(await readFile(join(dir, "specs", `${name}.openapi.json`), "utf8")) as OpenApiDocument;
      const validate = validatorFor(spec);
      for (const operation of fakeSpec(spec, collectOperations(spec), () => {}).operations) {
        for (const { schema, value } of answerChecks(spec, operation)) {
          expect(validate(schema, value), `${name} ${operation.method} ${operation.path}: ${JSON.stringify(value)}`).toEqual([]);
          checked++;
        }
      }
      const samples = samplesByModel(spec);
      if (Object.keys(samples).length === 0) continue;
      const models = await pydanticCheck(CORPUS_PYTHON, docsRoot, `docs_src.${module}`, `docs_src.${module}`, samples);
      expect(models, name).toEqual(Object.keys(samples).sort());
      modelsChecked.push(...models.map((model) => `${name}:${model}`));
    }
    expect(checked).toBeGreaterThanOrEqual(40);
    expect(modelsChecked.length).toBeGreaterThanOrEqual(5);
  }, 120_000);

  test("File() bytes and an UploadFile upload as Blobs", async () => {
    expect(await call("uploads", "files")).toEqual({ size: { file_size: 5 }, upload: { filename: "notes.txt" } });
  });

  test("lists of files go up as repeated parts; an HTML page typed unknown resolves with its text", async () => {
    expect(await call("multipleUploads", "many-files")).toEqual({ sizes: { file_sizes: [1, 3] }, names: { filenames: ["one.txt", "two.txt"] }, page: true });
  });

  test("files and a form field share one multipart body; the Blob's type is the UploadFile's", async () => {
    expect(await call("formsAndFilesTogether", "forms-and-files")).toEqual({ file_size: 3, token: "t0k", fileb_content_type: "application/json" });
  });

  test("Form() fields and a form model are sent urlencoded", async () => {
    expect(await call("formFields", "forms")).toEqual({ username: "rick" });
    expect(await call("formModelFields", "form-model")).toEqual({ username: "morty", password: "aw-jeez" });
  });

  test("a list query parameter repeats; left out, FastAPI sees None", async () => {
    expect(await call("queryArrays", "query-list")).toEqual({ both: { q: ["foo", "bar"] }, none: { q: null } });
  });

  test("cookies, single and from a model, arrive with their values intact", async () => {
    expect(await call("cookieParam", "cookies")).toEqual({ ads_id: "ad 1;2" });
    expect(await call("cookieModelParams", "cookie-model")).toEqual({ session_id: "s1", fatebook_tracker: "f2", googall_tracker: null });
  });

  test("a snake_case Header() goes out dashed", async () => {
    expect(await call("headerParam", "headers")).toEqual({ "User-Agent": "corpus/1.0" });
  });

  test("a list[str] header carries one value: a comma-joined one is one item", async () => {
    expect(await call("listHeaderParam", "list-header")).toEqual({ one: { "X-Token values": ["foo"] }, joined: { "X-Token values": ["foo, bar"] } });
  });

  test("a header model: bool and list fields sent as text; the required host is fetch's Host", async () => {
    const headers = (await call("headerModelParams", "header-model")) as Record<string, unknown>;
    expect(headers).toMatchObject({ save_data: true, x_tag: ["t1"], if_modified_since: null, traceparent: null });
    expect(headers["host"]).toBe(new URL(servers.get("header-model")!.baseUrl).host);
  });

  test("a real 422 names each bad parameter in detail[].loc, its limit in ctx", async () => {
    expect(await call("validationError", "validation")).toEqual({
      ok: { item_id: 7, q: "x", size: 1.5 },
      status: 422,
      details: [
        { loc: ["path", "item_id"], type: "less_than_equal", ctx: { le: 1000 } },
        { loc: ["query", "size"], type: "greater_than", ctx: { gt: 0 } },
      ],
    });
  });

  test("a declared 404 model is the error's body", async () => {
    expect(await call("declaredNotFound", "not-found")).toEqual({ item: { id: "foo", value: "there goes my hero" }, status: 404, body: { message: "Item not found" } });
  });

  const items = [
    { name: "Plumbus", description: "A multi-purpose household device." },
    { name: "Portal Gun", description: "A portal opening device." },
    { name: "Meeseeks Box", description: "A box that summons a Meeseeks." },
  ];

  test("SSE of Items: each event's data is an Item; without the annotation, the same Item (typed unknown)", async () => {
    expect(await call("sseItems", "sse")).toEqual({ items, untyped: items });
  });

  test("SSE event fields: comments skipped; event, id and retry as sent; data parsed from FastAPI's JSON", async () => {
    expect(await call("sseEventFields", "sse-events")).toEqual([
      { event: "item_update", id: "1", retry: 5000, data: { name: "Plumbus", price: 32.99 } },
      { event: "item_update", id: "2", retry: 5000, data: { name: "Portal Gun", price: 999.99 } },
      { event: "item_update", id: "3", retry: 5000, data: { name: "Meeseeks Box", price: 49.99 } },
    ]);
  });

  test("SSE raw_data arrives as sent", async () => {
    expect(await call("sseRawData", "sse-raw")).toEqual([
      "2025-01-01 INFO  Application started",
      "2025-01-01 DEBUG Connected to database",
      "2025-01-01 WARN  High memory usage detected",
    ]);
  });

  test("lastEventId resumes an SSE stream after that event", async () => {
    expect(await call("sseResumeAfter", "sse-resume")).toEqual(["1", "2"]);
  });

  // FastAPI sends ServerSentEvent(data="hello") JSON-encoded ("\"hello\""); raw_data="[DONE]" as is.
  test("SSE ServerSentEvent(data=str) words arrive as the strings sent, then raw [DONE]", async () => {
    expect(await call("sseChatWords", "sse-chat")).toEqual([
      ["token", "hello"],
      ["token", "portal"],
      ["token", "world"],
      ["done", "[DONE]"],
    ]);
  });

  test("JSON Lines of Items: one Item per line", async () => {
    expect(await call("jsonLinesItems", "json-lines")).toEqual(items);
  });

  test("response_class=StreamingResponse resolves with a Blob of everything streamed", async () => {
    expect(await call("streamingResponse", "streaming")).toEqual({ type: "", lines: "Rick: (stumbles in drunkenly, " });
  });

  test("a StreamingResponse the spec calls JSON {} resolves with a Blob (typed unknown)", async () => {
    expect(await call("undeclaredStream", "raw-stream")).toEqual({ blob: true, text: "some fake video bytessome fake video bytes" });
  });

  test("response_class=FileResponse resolves with a Blob of the file, typed as sent", async () => {
    expect(await call("fileDownload", "file-response")).toEqual({ type: "video/mp4", text: VIDEO.text });
  });

  test("an off-site RedirectResponse: manual gives the 307 with its Location, error refuses it", async () => {
    expect(await call("redirectResponse", "redirect")).toEqual({ status: 307, declared: false, location: "https://typer.tiangolo.com", refused: "NetworkError" });
  });

  test("groupByTag: the docs' client-generation app, its methods under their tags", async () => {
    expect(await call("groupedByTag", "tagged")).toEqual({
      created: { message: "Item received" },
      items: [{ name: "Plumbus", price: 3 }, { name: "Portal Gun", price: 9001 }],
      user: { message: "User received" },
    });
  });

  test("response_class=PlainTextResponse resolves with the text", async () => {
    expect(await call("plainTextResponse", "plain-text")).toBe("Hello World");
  });
});
