import { describe, expect, test } from "vitest";
import type { CheckReport } from "../../../src/check/index.js";
import type { Change } from "../../../src/diff/types.js";
import { SyncTypesError } from "../../../src/errors.js";
import type { ServiceResult } from "../../../src/pipeline.js";
import { checkMarkdown } from "../../../src/reporters/check-markdown.js";
import { mdCode, mdText } from "../../../src/reporters/markdown.js";

/** What no markdown report may let through raw: table pipes, backticks, HTML, a newline, an entity. */
const HOSTILE = "we|ird`<img src=x onerror=alert(1)>\n**bold** [link](http://x) &amp;";

const change: Change = {
  id: "response-required-property-removed",
  level: "error",
  direction: "response",
  location: `Item.${HOSTILE}`,
  subject: "Item",
  pointer: "#/components/schemas/Item",
  side: "base",
  line: 3,
  column: 5,
  verdict: { compile: "breaks", runtime: "breaks" },
  message: `required property "${HOSTILE}" was removed`,
  operations: [`GET /items/${HOSTILE}`],
  fingerprint: "f",
};

function report(): CheckReport {
  const result = (service: string, failed: boolean) => ({
    service,
    status: failed ? "failed" : "updated",
    error: failed ? new SyncTypesError(`answered 500: ${HOSTILE}`, { exitCode: 3 }) : undefined,
    contract: failed ? undefined : { changes: [change], failing: [change], ignored: [], expired: [] },
  }) as unknown as ServiceResult;
  const ok = result("items", false);
  return {
    sync: { config: { file: `${process.cwd()}/sync-types.config.ts`, root: process.cwd(), breaking: { level: "types", policy: "independent" } }, results: [ok, result("broken", true)], exitCode: 3 },
    stale: [{ service: "items", files: [`src/${HOSTILE}.ts`] }],
    breaking: [ok],
    breakingLetThrough: [],
    callSites: [{ file: `${process.cwd()}/src/a.ts`, line: 1, column: 2, code: 2339, message: `Property '${HOSTILE}' does not exist`, source: "", start: 0, tsconfig: "", service: "items", declaration: undefined, cause: undefined }],
    pythonCallSites: [{ file: `${process.cwd()}/app/main.py`, line: 7, column: 3, checker: "mypy", message: `"Estimate" has no attribute ${HOSTILE}`, service: "items" }],
    runtimeRisks: [{ file: `${process.cwd()}/src/b.ts`, line: 4, change, service: "items" }],
    rawCalls: [{ file: `${process.cwd()}/src/c.ts`, line: 9, method: "GET", path: `/x/${HOSTILE}`, service: "items" }],
    rawCallLevel: "warn",
    warnings: [`${HOSTILE}: no typescript here, the bundled one stands in`],
    callSitesUnchecked: "call sites were NOT checked: no typecheck.tsconfig",
    timings: { syncMs: 0, typecheckMs: 0 },
    exitCode: 1,
  } as unknown as CheckReport;
}

/** The text with its code spans cut out, as CommonMark pairs them: a run of n backticks closes at the next run of exactly n. */
function withoutCodeSpans(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; ) {
    const open = /^`+/.exec(text.slice(i))?.[0];
    if (!open) {
      out += text[i++];
      continue;
    }
    const close = new RegExp(`(?<!\`)${open}(?!\`)`, "g");
    close.lastIndex = i + open.length;
    const match = close.exec(text);
    if (!match) {
      out += open;
      i += open.length;
      continue;
    }
    i = match.index + open.length;
  }
  return out;
}

describe("markdown reports escape every string from a spec, a service or the compiler", () => {
  test("check: table rows keep their cells, no HTML or markdown from the spec survives", () => {
    const text = checkMarkdown(report());
    const rows = text.split("\n").filter((line) => line.startsWith("| ") && !line.startsWith("|---"));
    for (const row of rows) expect(row.replaceAll("\\|", "").split("|"), row).toHaveLength(5);
    // Inside a code span text is literal; outside, nothing from the spec may be markup.
    const prose = withoutCodeSpans(text);
    expect(prose).not.toContain("<img");
    expect(prose).not.toContain("**bold**");
    expect(prose).not.toContain("[link](");
    expect(prose).toContain("&#60;img");
    expect(text).toContain("> ⚠️ call sites were NOT checked");
    // Every line is one list item or table row: the newline in the spec string did not start a new one.
    for (const line of text.split("\n")) expect(line.startsWith("onerror") || line.startsWith("**bold")).toBe(false);
  });

  test.each([
    ["plain", "abc", "abc"],
    ["html", "<b>x</b>", "&#60;b&#62;x&#60;/b&#62;"],
    ["entity", "&amp;", "&#38;amp;"],
    ["newline", "a\r\nb", "a b"],
  ])("mdText: %s", (_, given, want) => expect(mdText(given)).toBe(want));

  test.each([
    ["plain", "a", "`a`"],
    ["backticks", "a``b", "```a``b```"],
    ["edge backtick", "`a", "`` `a ``"],
    ["pipe and newline", "a|b\nc", "`a\\|b c`"],
  ])("mdCode: %s", (_, given, want) => expect(mdCode(given)).toBe(want));
});
