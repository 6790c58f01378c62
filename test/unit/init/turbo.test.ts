import { mkdir, readFile, symlink } from "node:fs/promises";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, test } from "vitest";
import { runInit } from "../../../src/cli/commands/init.js";
import { resolveConfig } from "../../../src/config/resolve.js";
import { ConfigError, UsageError } from "../../../src/errors.js";
import { turboSetup, writeTurboSetup } from "../../../src/init/turbo.js";
import { createLogger } from "../../../src/logger.js";
import { REPO_ROOT } from "../../helpers/paths.js";
import { tempTree } from "../../helpers/temp-tree.js";
import { snapshotFiles } from "../../helpers/workspace.js";

const quiet = () => createLogger({ out: new Writable({ write: (_c, _e, done) => done() }), env: { NO_COLOR: "1" } });

const services = {
  alpha: { dir: "services/alpha", app: "app:app", spec: "contracts/alpha.json", output: "web/clients/alpha", python: "python3" },
  beta: { dir: "services/beta", app: "app:app", spec: "contracts/beta.json", output: "web/clients/beta", python: "python3", source: "url" as const, port: 8000 },
};

async function workspace(files: Record<string, string>) {
  const root = await tempTree(files);
  return { root, config: resolveConfig({ services }, join(root, "sync-types.config.json")) };
}

describe("init --turbo", () => {
  test("one task per service and action, each with only its service's inputs; `//#` only in a monorepo", async () => {
    const { root, config } = await workspace({});
    const { tasks, scripts } = turboSetup(config, root, true);
    expect(Object.keys(tasks)).toEqual(["//#sync-types:alpha", "//#sync-types:beta", "//#sync-types:all", "//#sync-types-check:alpha", "//#sync-types-check:beta", "//#sync-types-check:all"]);
    expect(tasks["//#sync-types:alpha"]).toEqual({
      inputs: expect.arrayContaining(["services/alpha/**/*.py", "services/alpha/requirements*.txt", "!services/alpha/**/.venv/**", "sync-types.config.json"]),
      outputs: ["contracts/alpha.json", "web/clients/alpha/**"],
      env: ["PYTHONPATH"],
    });
    expect(tasks["//#sync-types:alpha"]!.inputs!.filter((glob) => glob.includes("beta"))).toEqual([]);
    expect(tasks["//#sync-types-check:alpha"]!.inputs).toEqual(expect.arrayContaining(["contracts/alpha.json", "web/clients/alpha/**"]));
    expect(tasks["//#sync-types-check:alpha"]!.outputs).toEqual([]);
    expect(tasks["//#sync-types:beta"]!.cache).toBe(false);
    expect(tasks["//#sync-types:all"]).toEqual({ dependsOn: ["//#sync-types:alpha", "//#sync-types:beta"], cache: false });
    expect(scripts).toEqual({
      "sync-types:alpha": "sync-types -c sync-types.config.json -s alpha",
      "sync-types:beta": "sync-types -c sync-types.config.json -s beta",
      "sync-types-check:alpha": "sync-types check -c sync-types.config.json -s alpha",
      "sync-types-check:beta": "sync-types check -c sync-types.config.json -s beta",
    });
    expect(Object.keys(turboSetup(config, root, false).tasks)[0]).toBe("sync-types:alpha");
  });

  test("merges into turbo.json and package.json, keeping what is there, and a second run changes nothing", async () => {
    const { root, config } = await workspace({
      "turbo.json": JSON.stringify({ $schema: "https://turborepo.com/schema.json", ui: "stream", tasks: { build: { outputs: ["dist/**"] } } }),
      "package.json": JSON.stringify({ name: "acme", workspaces: ["web"], scripts: { build: "turbo run build" } }),
    });
    await writeTurboSetup(config, root, quiet());
    const turbo = JSON.parse(await readFile(join(root, "turbo.json"), "utf8")) as { ui: string; tasks: Record<string, unknown> };
    expect(turbo.ui).toBe("stream");
    expect(Object.keys(turbo.tasks)).toEqual(["build", ...Object.keys(turboSetup(config, root, true).tasks)]);
    const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { name: string; scripts: Record<string, string> };
    expect(pkg.name).toBe("acme");
    expect(pkg.scripts["build"]).toBe("turbo run build");
    expect(pkg.scripts["sync-types-check:beta"]).toBe("sync-types check -c sync-types.config.json -s beta");

    const written = await snapshotFiles(root, ["turbo.json", "package.json"]);
    await writeTurboSetup(config, root, quiet());
    expect(await snapshotFiles(root, ["turbo.json", "package.json"])).toEqual(written);
  });

  test.each<[string, Record<string, string>, typeof ConfigError | typeof UsageError, RegExp]>([
    ["a task of the same name with other content", { "turbo.json": JSON.stringify({ tasks: { "sync-types:alpha": { outputs: [] } } }), "package.json": "{}" }, ConfigError, /turbo\.json: tasks "sync-types:alpha" already exist with other content; nothing was written$/],
    ["a script of the same name with other content", { "package.json": JSON.stringify({ scripts: { "sync-types:beta": "echo mine" } }) }, ConfigError, /package\.json: scripts "sync-types:beta" already exist with other content; nothing was written$/],
    ["a turbo.json with comments", { "turbo.json": '{ // ours\n "tasks": {} }', "package.json": "{}" }, ConfigError, /turbo\.json is not plain JSON \(comments\?\): init --turbo will not rewrite it$/],
    ["no package.json", {}, UsageError, /package\.json does not exist: Turborepo runs package\.json scripts$/],
  ])("%s: refused, nothing written", async (_name, files, type, message) => {
    const { root, config } = await workspace(files);
    const before = await snapshotFiles(root, ["."]);
    const error = await writeTurboSetup(config, root, quiet()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
    expect(await snapshotFiles(root, ["."])).toEqual(before);
  });

  test("in a project without a config, writes the config and then the tasks", async () => {
    const root = await tempTree({
      "services/api/main.py": "from fastapi import FastAPI\n\napp = FastAPI()\n",
      "package.json": JSON.stringify({ name: "acme" }),
    });
    await mkdir(join(root, "node_modules"));
    await symlink(REPO_ROOT, join(root, "node_modules/sync-types"));
    expect(await runInit({ yes: true, turbo: true, cwd: root }, quiet())).toBe(0);
    const turbo = JSON.parse(await readFile(join(root, "turbo.json"), "utf8")) as { tasks: Record<string, { inputs?: string[] }> };
    expect(turbo.tasks["sync-types:api"]!.inputs).toContain("services/api/**/*.py");
    const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts["sync-types:api"]).toBe("sync-types -c sync-types.config.ts -s api");
  });
});
