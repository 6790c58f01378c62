import { execa } from "execa";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { diffSpecs } from "../../../src/diff/index.js";
import { canonicalizeSpec } from "../../../src/spec/canonical.js";
import type { OpenApiDocument } from "../../../src/spec/types.js";
import { FIXTURE_PYTHON, REPO_ROOT } from "../../helpers/paths.js";

const APPS = join(REPO_ROOT, "test/fixtures/diff-apps");
const EXTRACT = "import json, sys; sys.path.insert(0, '.'); import app; print(json.dumps(app.app.openapi()))";

/** Everyday edits to a real FastAPI app, and exactly what the diff must say: `id @ location: compile/runtime [operations]`. */
const CASES: [string, string[]][] = [
  ["rename-field", [
    "request-property-removed @ Item.name: breaks/may [POST /items]",
    "response-required-property-removed @ Item.name: breaks/breaks [GET /items, GET /items/{item_id}, POST /items]",
    "request-required-property-added @ Item.title: breaks/breaks [POST /items]",
    "response-property-added @ Item.title: safe/safe [GET /items, GET /items/{item_id}, POST /items]",
  ]],
  ["make-optional", [
    "response-became-nullable @ Item.price: breaks/may [GET /items, GET /items/{item_id}, POST /items]",
    "response-property-became-optional @ Item.price: breaks/may [GET /items, GET /items/{item_id}, POST /items]",
  ]],
  ["add-enum-member", [
    "response-enum-value-added @ Status: safe/may [GET /items, GET /items/{item_id}, POST /items]",
    "request-enum-value-added @ Status: safe/safe [POST /items]",
  ]],
  ["change-return-type", [
    "response-required-property-removed @ GET /items/{item_id} -> 200 -> body.price: breaks/breaks [GET /items/{item_id}]",
    "response-optional-property-removed @ GET /items/{item_id} -> 200 -> body.status: breaks/safe [GET /items/{item_id}]",
  ]],
  ["add-required-query-param", [
    "request-required-parameter-added @ GET /items -> query.tenant: breaks/breaks [GET /items]",
  ]],
  ["delete-route", [
    "operation-removed @ DELETE /items/{item_id}: breaks/breaks [DELETE /items/{item_id}]",
  ]],
  // Adding a computed field splits Item into Item-Input / Item-Output: one new response field, nothing broken.
  ["split-input-output", [
    "response-property-added @ Item.label: safe/safe [GET /items, GET /items/{item_id}, POST /items]",
  ]],
];

const specs = new Map<string, OpenApiDocument>();

async function extract(folder: string): Promise<OpenApiDocument> {
  const { stdout } = await execa(FIXTURE_PYTHON, ["-c", EXTRACT], {
    cwd: folder,
    env: { PYTHONHASHSEED: "0", PYTHONDONTWRITEBYTECODE: "1" },
  });
  return canonicalizeSpec(JSON.parse(stdout), folder);
}

beforeAll(async () => {
  const folders = CASES.flatMap(([name]) => [join(APPS, name, "before"), join(APPS, name, "after")]);
  // Two at a time: each is a Python start-up, and the machine is shared.
  for (let i = 0; i < folders.length; i += 2) {
    await Promise.all(folders.slice(i, i + 2).map(async (folder) => specs.set(folder, await extract(folder))));
  }
});

describe("FastAPI-made pairs", () => {
  test.each(CASES)("%s", (name, want) => {
    const changes = diffSpecs(specs.get(join(APPS, name, "before"))!, specs.get(join(APPS, name, "after"))!);
    const got = changes.map((c) => `${c.id} @ ${c.location}: ${c.verdict.compile}/${c.verdict.runtime} [${c.operations.join(", ")}]`);
    expect(got).toEqual(want);
  });

  test("the split into Input/Output models breaks nothing at any level", () => {
    const changes = diffSpecs(specs.get(join(APPS, "split-input-output", "before"))!, specs.get(join(APPS, "split-input-output", "after"))!);
    expect(changes.every((c) => c.level === "info")).toBe(true);
    const after = specs.get(join(APPS, "split-input-output", "after"))!;
    expect(Object.keys((after["components"] as { schemas: object }).schemas)).toContain("Item-Output");
  });
});
