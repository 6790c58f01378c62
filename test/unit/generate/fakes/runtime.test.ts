// The fakes runtime as the real file it is (runtime/fakes.ts), over a spec written by hand:
// routing as Starlette does, which operation a request reaches, and the byte-for-byte copy
// fakes.gen.ts embeds (with the format parsers of runtime/fake-formats.ts) and npm ships.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { createFake, operationOf, routesOf, type FakeOperation, type FakeSpec } from "../../../../runtime/fakes.js";
import { generateFakes } from "../../../../src/generate/fakes/index.js";
import { FAKE_FORMATS_FILE, FAKES_RUNTIME_FILE, FORMATS_IMPORT } from "../../../../src/generate/fakes/runtime-source.js";
import { REPO_ROOT } from "../../../helpers/paths.js";
import { loadSpec, SPECS } from "./support.js";

const operation = (name: string, method: string, path: string, rest: Partial<FakeOperation> = {}): FakeOperation => ({
  name,
  method,
  path,
  params: [],
  errors: [],
  answer: { kind: "json", status: 200, mediaType: "application/json", body: name },
  ...rest,
});

const SPEC: FakeSpec = {
  operations: [
    operation("getItem", "GET", "/items/{item_id}", { params: [{ name: "item_id", in: "path", required: true, schema: { type: "integer" } }] }),
    operation("getSpecial", "GET", "/items/special"),
    operation("deleteItem", "DELETE", "/items/{item_id}", { params: [{ name: "item_id", in: "path", required: true, schema: { type: "integer" } }] }),
    operation("readFile", "GET", "/files/{file_path:path}", { params: [{ name: "file_path", in: "path", required: true, schema: { type: "string" } }] }),
  ],
  schemas: {},
};
const BASE = "http://fake.invalid";

test.each([
  ["a fixed path wins over a template that also matches it", "GET", "/items/special", "getSpecial"],
  ["a template takes one segment", "GET", "/items/3", "getItem"],
  ["the same path with another method is another operation", "DELETE", "/items/3", "deleteItem"],
  ["a {name:path} parameter takes the rest of the path", "GET", "/files/a/b.txt", "readFile"],
  ["a path no route has reaches nothing (FastAPI's 404)", "GET", "/items/3/extra", undefined],
  ["a method the path does not have reaches nothing (FastAPI's 405)", "PUT", "/items/3", undefined],
])("operationOf: %s", (_name, method, path, want) => {
  expect(operationOf(routesOf(SPEC), new Request(BASE + path, { method }))).toBe(want);
});

test("createFake answers like FastAPI: data, 422 with the validated loc, 404, 405 with allow", async () => {
  const fake = createFake(SPEC, { getItem: ({ path }: { path: { item_id: number } }) => ({ id: path.item_id }) });
  const ok = await fake(`${BASE}/items/7`);
  expect([ok.status, await ok.json()]).toEqual([200, { id: 7 }]);
  const invalid = await fake(`${BASE}/items/seven`);
  expect([invalid.status, await invalid.json()]).toEqual([
    422,
    { detail: [{ type: "int_parsing", loc: ["path", "item_id"], msg: "Input should be a valid integer, unable to parse string as an integer", input: "seven" }] },
  ]);
  const missing = await fake(`${BASE}/nope`);
  expect([missing.status, await missing.json()]).toEqual([404, { detail: "Not Found" }]);
  const wrong = await fake(`${BASE}/items/7`, { method: "PUT" });
  expect([wrong.status, await wrong.json(), wrong.headers.get("allow")]).toEqual([405, { detail: "Method Not Allowed" }, "GET, DELETE"]);
});

test("an override named like an Object.prototype member is never taken from the prototype", async () => {
  const spec: FakeSpec = { operations: [operation("toString", "GET", "/s")], schemas: {} };
  expect(await (await createFake(spec, {})(`${BASE}/s`)).json()).toBe("toString");
});

test("fakes.gen.ts embeds runtime/fake-formats.ts, then runtime/fakes.ts without its import of it, byte for byte, and the npm package ships both", async () => {
  const [formats, runtime] = await Promise.all([readFile(FAKE_FORMATS_FILE, "utf8"), readFile(FAKES_RUNTIME_FILE, "utf8")]);
  const { content } = generateFakes(await loadSpec(SPECS["estimation-api"]!));
  const [before, ...after] = runtime.split(FORMATS_IMPORT);
  expect(after).toHaveLength(1);
  expect(content.split(formats + "\n" + before + after[0])).toHaveLength(2);
  expect(content).not.toMatch(/^import .*fake-formats/m);
  expect([FAKES_RUNTIME_FILE, FAKE_FORMATS_FILE]).toEqual([`${REPO_ROOT}runtime/fakes.ts`, `${REPO_ROOT}runtime/fake-formats.ts`]);
  const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO_ROOT });
  const [packed] = JSON.parse(stdout) as [{ files: { path: string }[] }];
  expect(packed.files.map((file) => file.path)).toEqual(expect.arrayContaining(["runtime/fakes.ts", "runtime/fake-formats.ts", "dist/runtime/fakes.js", "dist/runtime/fake-formats.js"]));
}, 60_000);
