// `sync-types init --turbo` and the real turbo binary in a throwaway npm workspace (local cache in
// the workspace, no remote, no telemetry): one task per service, cached on exactly its contract
// inputs, so an unchanged service never starts Python again and a cache restore is byte-identical.
import { appendFile, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { runCli } from "../../helpers/cli.js";
import { makeWorkspace, runTool, snapshotFiles } from "../../helpers/workspace.js";

const OUTPUTS = ["contracts", "src/clients"];

test("turbo: a second run is all cache, an edit reruns its service alone, deleted outputs come back byte-identical", async () => {
  const { dir, imports } = await makeWorkspace({ "turbo.json": `${JSON.stringify({ tasks: { build: { outputs: ["dist/**"] } } }, null, 2)}\n` });
  const init = await runCli(["init", "--turbo"], { cwd: dir });
  expect(init.stderr).toBe("");
  expect(init.code).toBe(0);
  const turboJson = JSON.parse(await readFile(join(dir, "turbo.json"), "utf8")) as { tasks: Record<string, { inputs?: string[] }> };
  expect(Object.keys(turboJson.tasks)).toEqual(["build", "//#sync-types:alpha", "//#sync-types:beta", "//#sync-types:all", "//#sync-types-check:alpha", "//#sync-types-check:beta", "//#sync-types-check:all"]);
  expect(turboJson.tasks["//#sync-types:alpha"]!.inputs).not.toContainEqual(expect.stringContaining("services/beta"));

  const turbo = (task: string) => runTool("turbo", ["run", task, "--cache-dir=.turbo/cache", "--output-logs=hash-only"], dir);
  const first = await turbo("sync-types:all");
  expect(first.code, first.output).toBe(0);
  expect(await imports()).toEqual(["alpha", "beta"]);
  const synced = await snapshotFiles(dir, OUTPUTS);

  const second = await turbo("sync-types:all");
  expect(second.code, second.output).toBe(0);
  expect(second.output).toMatch(/Cached:\s+2 cached, 2 total/);
  expect(await imports()).toEqual([]);

  await appendFile(join(dir, "services/beta/app.py"), '\n\n@app.get("/health")\ndef health() -> dict[str, str]:\n    return {"status": "ok"}\n');
  const edited = await turbo("sync-types:all");
  expect(edited.code, edited.output).toBe(0);
  expect(edited.output).toMatch(/sync-types:alpha: cache hit/);
  expect(edited.output).toMatch(/sync-types:beta: cache miss/);
  expect(await imports()).toEqual(["beta"]);
  const resynced = await snapshotFiles(dir, OUTPUTS);
  expect(resynced["contracts/alpha.openapi.json"]).toBe(synced["contracts/alpha.openapi.json"]);
  expect(resynced["contracts/beta.openapi.json"]).not.toBe(synced["contracts/beta.openapi.json"]);

  for (const path of OUTPUTS) await rm(join(dir, path), { recursive: true });
  const restored = await turbo("sync-types:all");
  expect(restored.code, restored.output).toBe(0);
  expect(restored.output).toMatch(/Cached:\s+2 cached, 2 total/);
  expect(await imports()).toEqual([]);
  expect(await snapshotFiles(dir, OUTPUTS)).toEqual(resynced);

  const check = await turbo("sync-types-check:all");
  expect(check.code, check.output).toBe(0);
  await imports();
  const checkAgain = await turbo("sync-types-check:all");
  expect(checkAgain.output).toMatch(/Cached:\s+2 cached, 2 total/);
  expect(await imports()).toEqual([]);

  // Run again, init finds every task in place and changes nothing.
  const before = await snapshotFiles(dir, ["turbo.json", "package.json"]);
  const again = await runCli(["init", "--turbo"], { cwd: dir });
  expect(again.code).toBe(0);
  expect(again.stdout).toContain("already hold every sync-types task");
  expect(await snapshotFiles(dir, ["turbo.json", "package.json"])).toEqual(before);
}, 240_000);
