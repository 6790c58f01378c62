// The shared runtime option through a real sync (two services imported from a FastAPI app):
// one runtime file for the project, owned by its own manifest, and back to a copy per service
// when the option goes, the shared copy removed only as sync-types wrote it.
import { readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { RUNTIME_FILE } from "../../../../src/generate/client/runtime-source.js";
import { BANNER } from "../../../../src/generate/file.js";
import { syncTypes } from "../../../../src/pipeline.js";
import { makeProject } from "../../../helpers/project.js";
import { typecheck, writeTsconfig } from "../client/support.js";

// Each sync imports two FastAPI apps; on a loaded machine that can take a while. A bound on "it ends".
const SLOW = { timeout: 120_000 };
const SHARED = "src/clients/runtime";
const services = { a: { from: "test/fixtures/apps/ordered", app: "app:app", source: "import" }, b: { from: "test/fixtures/apps/ordered", app: "app:app", source: "import" } };

async function setShared(dir: string, shared: string | undefined): Promise<void> {
  const file = join(dir, "sync-types.config.json");
  const config = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  if (shared === undefined) delete config["runtime"];
  else config["runtime"] = { shared };
  await writeFile(file, JSON.stringify(config, null, 2));
}

async function sync(dir: string) {
  const warnings: string[] = [];
  const result = await syncTypes({ cwd: dir, onWarning: (message) => warnings.push(message) });
  expect(result.results.map((r) => r.error?.message)).toEqual([undefined, undefined]);
  return { result, warnings };
}

const runtimeFiles = async (dir: string) => (await readdir(join(dir, "src"), { recursive: true })).filter((f) => f.endsWith("runtime.gen.ts")).sort();
const manifest = async (dir: string, folder: string) => JSON.parse(await readFile(join(dir, folder, "sync-types.manifest.json"), "utf8")) as { files: Record<string, string>; sharedRuntime?: string };

describe("runtime.shared", () => {
  test("two services get exactly one runtime file, imported by a relative path; the clients compile strictly", SLOW, async () => {
    const dir = await makeProject(services, { runtime: { shared: SHARED } });
    const { result } = await sync(dir);
    expect(await runtimeFiles(dir)).toEqual(["clients/runtime/runtime.gen.ts"]);
    expect(await readFile(join(dir, SHARED, "runtime.gen.ts"), "utf8")).toBe(`${BANNER}\n${await readFile(RUNTIME_FILE, "utf8")}`);
    expect(await readFile(join(dir, "src/clients/a/client.gen.ts"), "utf8")).toContain('from "../runtime/runtime.gen.js";');
    expect(await manifest(dir, SHARED)).toMatchObject({ files: { "runtime.gen.ts": expect.any(String) } });
    expect(await manifest(dir, "src/clients/a")).toMatchObject({ sharedRuntime: "../runtime" });
    expect(Object.keys((await manifest(dir, "src/clients/b")).files)).toEqual(["client.gen.ts", "index.ts", "types.gen.ts"]);
    expect(result.results[0]!.files.changed).toContain(`${SHARED}/runtime.gen.ts`);

    await writeFile(join(dir, "package.json"), '{ "type": "module" }\n');
    const tsconfig = await writeTsconfig(dir, ["src/clients/a/index.ts", "src/clients/b/index.ts"], "node");
    expect(await typecheck("ts5", tsconfig)).toBe("");

    const again = await syncTypes({ cwd: dir, write: false });
    expect(again.results.map((r) => [r.status, r.files.changed])).toEqual([["unchanged", []], ["unchanged", []]]);
  });

  test("without the option again: a runtime per service, the shared copy and its manifest removed", SLOW, async () => {
    const dir = await makeProject(services, { runtime: { shared: SHARED } });
    await sync(dir);
    await setShared(dir, undefined);
    const { result } = await sync(dir);
    expect(await runtimeFiles(dir)).toEqual(["clients/a/runtime.gen.ts", "clients/b/runtime.gen.ts"]);
    expect(await readdir(join(dir, SHARED))).toEqual([]);
    expect(result.results[0]!.files.removed).toEqual([`${SHARED}/runtime.gen.ts`, `${SHARED}/sync-types.manifest.json`]);
    expect(await manifest(dir, "src/clients/a")).not.toHaveProperty("sharedRuntime");
    expect(await readFile(join(dir, "src/clients/a/client.gen.ts"), "utf8")).toContain('from "./runtime.gen.js";');
  });

  test("an edited shared runtime is left in place when the option goes, and said so", SLOW, async () => {
    const dir = await makeProject(services, { runtime: { shared: SHARED } });
    await sync(dir);
    await writeFile(join(dir, SHARED, "runtime.gen.ts"), "// mine now\n", { flag: "a" });
    await setShared(dir, undefined);
    const { warnings } = await sync(dir);
    expect(await readdir(join(dir, SHARED))).toEqual(["runtime.gen.ts"]);
    expect(warnings).toContain(`${SHARED}/runtime.gen.ts is no longer generated but was edited since sync-types wrote it: left in place and no longer tracked (delete it if you do not need it)`);
  });

  test("moving the shared folder moves the file", SLOW, async () => {
    const dir = await makeProject(services, { runtime: { shared: SHARED } });
    await sync(dir);
    await setShared(dir, "src/runtime");
    await sync(dir);
    expect(await runtimeFiles(dir)).toEqual(["runtime/runtime.gen.ts"]);
    expect(await readFile(join(dir, "src/clients/b/client.gen.ts"), "utf8")).toContain('from "../../runtime/runtime.gen.js";');
  });
});
