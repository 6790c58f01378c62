// The `sync-types/nx` plugin under the real nx binary, in a throwaway workspace (no daemon, no
// cloud, local cache on): each service a project whose sync is cached on exactly its contract
// inputs, so an unchanged service never starts Python again and a cache restore is byte-identical.
import { appendFile, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout } from "node:timers/promises";
import { expect, onTestFinished, test } from "vitest";
import { makeWorkspace, runTool, snapshotFiles, useTypeScriptConfig } from "../../helpers/workspace.js";

const OUTPUTS = ["contracts", "src/clients"];

test("nx: a second run is all cache, an edit reruns its service alone, deleted outputs come back byte-identical", async () => {
  const { dir, imports } = await makeWorkspace({ "nx.json": `${JSON.stringify({ plugins: ["sync-types/nx"] }, null, 2)}\n` });
  await useTypeScriptConfig(dir);
  const nx = (...args: string[]) => runTool("nx", [...args, "--output-style=static"], dir);

  const projects = await nx("show", "projects", "--json");
  expect(JSON.parse(projects.output.slice(projects.output.indexOf("[")))).toEqual(expect.arrayContaining(["alpha", "beta", "workspace"]));
  expect(await imports()).toEqual([]); // the graph was built without starting any service
  const affected = await nx("show", "projects", "--affected", "--files=services/alpha/app.py", "--json");
  expect(JSON.parse(affected.output.slice(affected.output.indexOf("["))).sort()).toEqual(["alpha", "workspace"]);

  const first = await nx("run-many", "-t", "sync-types");
  expect(first.code, first.output).toBe(0);
  expect(await imports()).toEqual(["alpha", "beta"]);
  const synced = await snapshotFiles(dir, OUTPUTS);
  expect(Object.keys(synced)).toContain("contracts/alpha.openapi.json");

  const second = await nx("run-many", "-t", "sync-types");
  expect(second.code, second.output).toBe(0);
  expect(second.output).toMatch(/Nx read the output from the cache instead of running the command for 2 out of 3 tasks/);
  expect(await imports()).toEqual([]);

  await appendFile(join(dir, "services/alpha/app.py"), '\n\n@app.get("/health")\ndef health() -> dict[str, str]:\n    return {"status": "ok"}\n');
  const edited = await nx("run-many", "-t", "sync-types");
  expect(edited.code, edited.output).toBe(0);
  expect(await imports()).toEqual(["alpha"]);
  const resynced = await snapshotFiles(dir, OUTPUTS);
  expect(resynced["contracts/alpha.openapi.json"]).not.toBe(synced["contracts/alpha.openapi.json"]);
  expect(resynced["contracts/beta.openapi.json"]).toBe(synced["contracts/beta.openapi.json"]);

  for (const path of OUTPUTS) await rm(join(dir, path), { recursive: true });
  const restored = await nx("run-many", "-t", "sync-types");
  expect(restored.code, restored.output).toBe(0);
  expect(await imports()).toEqual([]);
  expect(await snapshotFiles(dir, OUTPUTS)).toEqual(resynced);

  // The consumer's check runs every service's check; run again, all of them are cache hits.
  const check = await nx("run", "workspace:sync-types-check");
  expect(check.code, check.output).toBe(0);
  expect(check.output).toContain("in sync");
  await imports();
  const checkAgain = await nx("run", "workspace:sync-types-check");
  expect(checkAgain.output).toMatch(/Nx read the output from the cache instead of running the command for 2 out of 3 tasks/);
  expect(await imports()).toEqual([]);
}, 240_000);

test("nx daemon: loading a TypeScript config does not set off an endless recomputation of the graph", async () => {
  const { dir } = await makeWorkspace({ "nx.json": `${JSON.stringify({ plugins: ["sync-types/nx"] }, null, 2)}\n` });
  await useTypeScriptConfig(dir);
  const daemon = { NX_DAEMON: "true" };
  onTestFinished(() => runTool("nx", ["daemon", "--stop"], dir, daemon).then(() => undefined));
  for (let run = 0; run < 2; run++) {
    const projects = await runTool("nx", ["show", "projects"], dir, daemon);
    expect(projects.code, projects.output).toBe(0);
    expect(projects.output).toContain("alpha");
  }
  // A computation that starts before the first one kept its nodes may load the config once more;
  // after that nothing changes. Endlessly, each computation wrote a copy that set off the next.
  const copies = async () => (await readFile(join(dir, ".nx/workspace-data/d/daemon.log"), "utf8")).match(/\[create\] \.sync-types\.config\.ts\.\d+\.\d+\.mjs/g)?.length ?? 0;
  await setTimeout(5000);
  const settled = await copies();
  expect(settled).toBeLessThanOrEqual(2);
  await setTimeout(15_000);
  expect(await copies()).toBe(settled);
}, 120_000);
