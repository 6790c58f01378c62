import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { canonicalizeSpec, serializeSpec } from "../../../../src/spec/canonical.js";
import { HAS_PYTHON, KITCHEN_SINK, PYTHON } from "./support.js";

const run = promisify(execFile);

async function python(code: string): Promise<unknown> {
  const { stdout } = await run(PYTHON, ["-c", code], { cwd: KITCHEN_SINK, env: { ...process.env, PYTHONHASHSEED: "0" }, maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout);
}

// The unit tests read the committed fixtures so they need no Python; this keeps them honest.
test.skipIf(!HAS_PYTHON)("the committed kitchen-sink spec and stream item schemas are what the app produces", async () => {
  const { spec, streams } = (await python(
    "import json, app.main as m; from app.models import LegacyEvent, Token; print(json.dumps({'spec': m.app.openapi(), 'streams': " +
      "{'GET /stream/raw': Token.model_json_schema(), 'stream_legacy_stream_legacy_get': LegacyEvent.model_json_schema()}}))",
  )) as { spec: never; streams: unknown };
  expect(serializeSpec(canonicalizeSpec(spec, "kitchen-sink"))).toBe(await readFile(join(KITCHEN_SINK, "openapi.json"), "utf8"));
  expect(streams).toEqual(JSON.parse(await readFile(join(KITCHEN_SINK, "stream-types.json"), "utf8")));
});
