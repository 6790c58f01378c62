import { describe, expect, test } from "vitest";
import { diffSpecs } from "../../../src/diff/index.js";
import { evaluatePolicy } from "../../../src/diff/policy.js";
import type { DiffReport } from "../../../src/diff/report.js";
import { ServiceError } from "../../../src/errors.js";
import { createLogger } from "../../../src/logger.js";
import { reportDiffGithub } from "../../../src/reporters/diff-github.js";
import { reportDiffJson } from "../../../src/reporters/diff-json.js";
import { reportDiffMarkdown } from "../../../src/reporters/diff-markdown.js";
import { reportDiffPretty } from "../../../src/reporters/diff-pretty.js";
import type { Json, OpenApiDocument } from "../../../src/spec/types.js";

/** A property name no report may let through raw: table pipes, backticks, a newline, annotation separators. */
const HOSTILE = "we|ird`<b>\n%:,\u001b[31m";
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json) => ({ "application/json": { schema } });

function spec(item: Record<string, Json>, status: string[], gone: boolean): OpenApiDocument {
  const paths: Record<string, Json> = {
    "/items": { post: { operationId: "create_item_items_post", requestBody: { required: true, content: json(ref("Item")) }, responses: { "201": { description: "Created", content: json(ref("Item")) } } } },
    "/items/{item_id}": { get: { operationId: "get_item_items__item_id__get", parameters: [{ name: "item_id", in: "path", required: true, schema: { type: "integer" } }], responses: { "200": { description: "OK", content: json(ref("Item")) } } } },
  };
  if (gone) paths["/legacy"] = { get: { operationId: "legacy_legacy_get", responses: { "200": { description: "OK" } } } };
  return {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths,
    components: { schemas: { Item: { type: "object", required: ["name", "price"], properties: { name: { type: "string" }, status: ref("Status"), ...item } }, Status: { type: "string", enum: status } } },
  };
}

function report(): DiffReport {
  const before = spec({ price: { type: "number" }, [HOSTILE]: { type: "string" } }, ["draft", "active"], true);
  const after = spec({ price: { type: "string" }, sku: { anyOf: [{ type: "string" }, { type: "null" }] } }, ["draft", "active", "archived"], false);
  const ignore = [
    { rule: "request-type-narrowed", location: "Item.price", reason: "clients send strings | already", expires: "2030-01-01" },
    { rule: "operation-removed", location: "GET /old", reason: "gone for good", expires: "2025-01-31" },
  ];
  const policy = evaluatePolicy(diffSpecs(before, after), { level: "types", rules: {}, ignore }, new Date("2025-06-15T00:00:00Z"));
  const error = new ServiceError("content-api", "content-api exited before its spec answered (exit code 1)", {
    output: ["Traceback (most recent call last):", "ModuleNotFoundError: No module named 'torch'"],
    hint: "install the service's requirements in its venv",
  });
  return {
    level: "types",
    services: [
      {
        service: "estimation-api", spec: "contracts/estimation-api.openapi.json", base: "contracts/estimation-api.openapi.json", head: "live (http)",
        changes: policy.changes, failing: policy.failing, ignored: policy.ignored, error: undefined,
      },
      {
        service: "content-api", spec: "contracts/content-api.openapi.json", base: "contracts/content-api.openapi.json", head: "live (http)", changes: [], failing: [], ignored: [], error,
      },
    ],
    expired: policy.expired,
    exitCode: 3,
  };
}

const capture = (run: (write: (text: string) => void) => void) => {
  let text = "";
  run((chunk) => (text += chunk));
  return text;
};

describe("diff reporters", () => {
  test("pretty: grouped by service and root cause, with affected operations", async () => {
    const text = capture((write) => {
      const stream = { write: (chunk: string) => (write(chunk), true) } as unknown as NodeJS.WritableStream;
      reportDiffPretty(report(), createLogger({ out: stream, err: stream, env: { NO_COLOR: "1" } }));
    });
    await expect(text).toMatchFileSnapshot("__snapshots__/report.pretty.txt");
  });

  test("json: documented shape, stable fingerprints", async () => {
    const text = capture((write) => reportDiffJson(report(), write));
    const parsed = JSON.parse(text);
    expect(Object.keys(parsed)).toEqual(["version", "level", "exitCode", "services", "expiredIgnores"]);
    expect(capture((write) => reportDiffJson(report(), write))).toBe(text);
    await expect(text).toMatchFileSnapshot("__snapshots__/report.json");
  });

  test("markdown: a PR comment where no spec string breaks the table", async () => {
    const text = capture((write) => reportDiffMarkdown(report(), write));
    for (const row of text.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("| |"))) {
      expect(row.replaceAll("\\|", "").split("|")).toHaveLength(8);
    }
    await expect(text).toMatchFileSnapshot("__snapshots__/report.md");
  });

  test("github: one escaped annotation per line, at the spec line", async () => {
    const text = capture((write) => reportDiffGithub(report(), write));
    const lines = text.trimEnd().split("\n");
    for (const line of lines) expect(line).toMatch(/^::(error|warning|notice) [^:]*::/);
    expect(lines.some((line) => line.startsWith("::error file=contracts/estimation-api.openapi.json,line="))).toBe(true);
    await expect(text).toMatchFileSnapshot("__snapshots__/report.github.txt");
  });
});
