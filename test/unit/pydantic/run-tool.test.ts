import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { expect, test } from "vitest";
import { runTool } from "../../../src/pydantic/run-tool.js";
import { processesMatching, waitFor } from "../../helpers/processes.js";

test("a tool that never ends is stopped with its tree at its bound: exit 3 naming it", async () => {
  const marker = `hung-tool-${randomUUID()}`;
  const run = runTool(["/bin/sh", "-c", `sleep 300 & sleep 300; : ${marker}`], { cwd: tmpdir(), timeoutMs: 800 });
  await expect(run).rejects.toMatchObject({ exitCode: 3, message: expect.stringContaining("did not finish within 0.8 s and was stopped") });
  expect(await waitFor(() => processesMatching(marker).length === 0, 5000)).toBe(true);
});

test("a tool that ends gives its code and output, and leaves nothing behind", async () => {
  const marker = `quick-tool-${randomUUID()}`;
  const run = await runTool(["/bin/sh", "-c", `echo ${marker}; (sleep 300; : ${marker}) & exit 4`], { cwd: tmpdir(), timeoutMs: 30_000 });
  expect(run.code).toBe(4);
  expect(run.output).toContain(marker);
  // Its background child was swept with its group once it exited.
  expect(await waitFor(() => processesMatching(marker).length === 0, 5000)).toBe(true);
});
