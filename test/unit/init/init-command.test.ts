import { cp, mkdir, readFile, readdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Writable } from "node:stream";
import { describe, expect, test, vi } from "vitest";
import { runInit, type Terminal } from "../../../src/cli/commands/init.js";
import { loadConfig } from "../../../src/config/index.js";
import { UsageError } from "../../../src/errors.js";
import { renderConfig } from "../../../src/init/render-config.js";
import { createLogger } from "../../../src/logger.js";
import { EXAMPLES, REPO_ROOT } from "../../helpers/paths.js";
import { tempTree } from "../../helpers/temp-tree.js";

function capture() {
  let text = "";
  const stream = new Writable({ write: (chunk, _, done) => ((text += String(chunk)), done()) });
  const logger = createLogger({ out: stream, err: stream, env: { NO_COLOR: "1" } });
  return { logger, output: () => text };
}

/** A terminal that types `answers` in turn (then ends input); `undefined`: not a terminal. */
const terminal = (answers: string[] | undefined): Terminal & { asked: string[] } => {
  const asked: string[] = [];
  const queue = [...(answers ?? [])];
  return { interactive: answers !== undefined, asked, ask: async (q: string) => (asked.push(q), queue.shift()) };
};

/** The example project as a user has it: services (venvs linked, not copied), the pm2 file, sync-types installed. */
async function exampleProject(): Promise<string> {
  const dir = await tempTree({});
  await cp(join(EXAMPLES, "ecosystem.config.cjs"), join(dir, "ecosystem.config.cjs"));
  await cp(join(EXAMPLES, "services"), join(dir, "services"), { recursive: true, filter: (p) => !/\/(\.venv|__pycache__)(\/|$)/.test(p) });
  for (const name of await readdir(join(dir, "services")))
    await symlink(join(EXAMPLES, "services", name, ".venv"), join(dir, "services", name, ".venv"));
  await mkdir(join(dir, "node_modules"));
  await symlink(REPO_ROOT, join(dir, "node_modules/sync-types"));
  return dir;
}

describe("sync-types init", () => {
  test("writes a config for the example project that loads and validates", async () => {
    const dir = await exampleProject();
    const { logger, output } = capture();
    expect(await runInit({ yes: true, cwd: dir }, logger)).toBe(0);
    await expect(await readFile(join(dir, "sync-types.config.ts"), "utf8")).toMatchFileSnapshot("__snapshots__/examples.sync-types.config.ts");
    expect(output()).toContain("Found 2 FastAPI services:");
    expect(output()).toMatch(/content-api\s+services\/content-api\s+app\.main:app\s+\(pm2 app "content-api" in ecosystem\.config\.cjs; FastAPI\(\) in services\/content-api\/app\/main\.py\)/);
    expect(output()).not.toContain("npm i -D sync-types");

    const config = await loadConfig({ cwd: dir });
    expect(config.services.map(({ name, dir: at, app, python, url, spec, output: out }) => ({ name, at, app, python, url, spec, out }))).toEqual(
      ["content-api", "estimation-api"].map((name, i) => ({
        name,
        at: join(dir, "services", name),
        app: "app.main:app",
        python: join(dir, "services", name, ".venv/bin/python"),
        url: `http://127.0.0.1:${8102 - i}`,
        spec: join(dir, `contracts/${name}.openapi.json`),
        out: join(dir, `src/clients/${name}`),
      })),
    );
  });

  test("never overwrites an existing config", async () => {
    const dir = await tempTree({ "sync-types.config.json": "{}", "main.py": "app = FastAPI()\n" });
    const error = await runInit({ yes: true, cwd: dir }, capture().logger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toBe(`${join(dir, "sync-types.config.json")} already exists: init never overwrites a config`);
    expect(await readdir(dir)).toEqual(["main.py", "sync-types.config.json"]);
  });

  test("nothing found: a usage error (exit 2) saying where it looked, nothing written", async () => {
    const dir = await tempTree({ "index.js": "", "scripts/tool.py": "print('hi')\n" });
    const error = await runInit({ yes: true, cwd: dir }, capture().logger).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toBe(`no FastAPI app found in ${dir} (looked for pm2 ecosystem files, pyproject.toml [tool.fastapi] entrypoint and Python files creating FastAPI() at module level)`);
    expect((error as UsageError).hint).toContain("run init from the folder that holds the services");
    expect(await readdir(dir)).toEqual(["index.js", "scripts"]);
  });

  test("asks on a terminal, writes nothing when declined, and refuses to write unasked elsewhere", async () => {
    const dir = await tempTree({ "main.py": "from fastapi import FastAPI\napp = FastAPI()\n" });
    const declined = terminal(["n"]);
    expect(await runInit({ cwd: dir }, capture().logger, declined)).toBe(0);
    expect(declined.asked).toEqual(["Write sync-types.config.ts? [Y/n] "]);
    expect(await readdir(dir)).toEqual(["main.py"]);

    await expect(runInit({ cwd: dir }, capture().logger, terminal(undefined))).rejects.toThrow("this is not a terminal");
    expect(await readdir(dir)).toEqual(["main.py"]);

    const { logger, output } = capture();
    expect(await runInit({ cwd: dir }, logger, terminal([""]))).toBe(0);
    expect(await readdir(dir)).toEqual(["main.py", "sync-types.config.ts"]);
    expect(output()).toContain("npm i -D sync-types");
  });
});

describe("sync-types init choosing the Node app", () => {
  const tree = { "main.py": "from fastapi import FastAPI\napp = FastAPI()\n", "web/tsconfig.json": "{}", "tools/tsconfig.json": "{}" };

  test("asks again on an answer out of range, and writes what was picked", async () => {
    const dir = await tempTree(tree);
    const answers = terminal(["3", "2", "", "y"]);
    expect(await runInit({ cwd: dir }, capture().logger, answers)).toBe(0);
    expect(answers.asked).toEqual([
      "Which app calls the services? Its clients go in its src/clients. [1-2, Enter = 1] ",
      "Please type a number from 1 to 2: ",
      "[1-2, Enter = 2] ",
      "Write sync-types.config.ts? [Y/n] ",
    ]);
    const config = await readFile(join(dir, "sync-types.config.ts"), "utf8");
    expect(config).toContain('output: "web/src/clients/');
    expect(config).toContain('  typecheck: { tsconfig: "web/tsconfig.json" },\n');
    expect(config).toContain('  breaking: { policy: "independent" },\n');
  });

  test("input ending at a question writes nothing", async () => {
    const dir = await tempTree(tree);
    const { logger, output } = capture();
    expect(await runInit({ cwd: dir }, logger, terminal([]))).toBe(0);
    expect(output()).toContain("Nothing written.");
    expect((await readdir(dir)).sort()).toEqual(["main.py", "tools", "web"]);
  });
});

test("renderConfig keeps secrets out of the file and every string inert", async () => {
  const text = renderConfig([{
    name: "svc",
    config: { dir: "a\"b", app: "main:app", spec: "s.json", output: "out", env: { MODE: "x\ny", API_TOKEN: "s3cret", "odd-key": "1" } },
    foundIn: ["pm2 app in evil\n}); process.exit(1); //.cjs"],
  }]);
  expect(text).not.toContain("s3cret");
  expect(text).toContain('API_TOKEN: process.env["API_TOKEN"] ?? "",');
  expect(text).toContain('    // found: pm2 app in evil }); process.exit(1); //.cjs\n    "svc": {');
  expect(text).toContain('dir: "a\\"b",');
  expect(text).toContain('MODE: "x\\ny",');
  expect(text).toContain('"odd-key": "1",');

  const dir = await tempTree({ "sync-types.config.mjs": text.replace(/^import .*\n/, "const defineConfig = (c) => c;\n") });
  vi.stubEnv("API_TOKEN", "from-env");
  const [service] = (await loadConfig({ cwd: dir })).services;
  vi.unstubAllEnvs();
  expect(service!.env).toEqual({ MODE: "x\ny", API_TOKEN: "from-env", "odd-key": "1" });
});
