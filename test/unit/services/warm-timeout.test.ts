// Watch mode extracts through a warm Python process. An app whose import hangs (a blocking call
// at import time) must not hold the watch loop forever: every later save, the fix included, waits
// behind the current one. Its start and each save's import are bounded by readyTimeoutMs.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, onTestFinished, test } from "vitest";
import { resolveService } from "../../../src/config/resolve.js";
import { ServiceError } from "../../../src/errors.js";
import { WarmExtractor } from "../../../src/services/warm.js";
import { FIXTURE_PYTHON, REPO_ROOT } from "../../helpers/paths.js";
import { isRunning, waitFor } from "../../helpers/processes.js";
import { tempTree } from "../../helpers/temp-tree.js";

const APP = `import os, time
with open("pids", "a") as f:
    f.write(f"{os.getpid()}\\n")
if os.path.exists("hang"):
    time.sleep(120)
from fastapi import FastAPI
app = FastAPI()
`;

async function warmService(files: Record<string, string>) {
  const dir = await tempTree({ "app.py": APP, ...files });
  const service = resolveService("hangs", { dir, app: "app:app", source: "import", python: FIXTURE_PYTHON, spec: "s.json", output: "out", readyTimeoutMs: 1500 }, REPO_ROOT, join(REPO_ROOT, "sync-types.config.json"));
  const pids = async () => (await readFile(join(dir, "pids"), "utf8").catch(() => "")).split("\n").filter(Boolean).map(Number);
  return { dir, service, pids };
}

test("a save whose import hangs fails within readyTimeoutMs, its import stopped; the next save starts afresh", { timeout: 40_000 }, async () => {
  const { dir, service, pids } = await warmService({});
  const extractor = await WarmExtractor.start(service);
  onTestFinished(() => extractor.stop());
  await writeFile(join(dir, "hang"), "");
  const error = await extractor.extract().catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ServiceError);
  expect((error as ServiceError).message).toContain("took longer than 1500 ms");
  expect(extractor.alive).toBe(false);
  expect(await waitFor(async () => (await pids()).every((pid) => !isRunning(pid)), 5000)).toBe(true);
});

test("a warm start whose import hangs fails, its processes stopped", { timeout: 40_000 }, async () => {
  const { service, pids } = await warmService({ hang: "" });
  const error = await WarmExtractor.start(service).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ServiceError);
  expect((error as ServiceError).message).toContain("within 3000 ms");
  expect(await waitFor(async () => (await pids()).length > 0 && (await pids()).every((pid) => !isRunning(pid)), 5000)).toBe(true);
});
