import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
import { describeThrown, loadConfigFile } from "../../../src/config/load.js";
import { parseEnvFile } from "../../../src/config/env-file.js";
import { ConfigError } from "../../../src/errors.js";
import { tempTree } from "../../helpers/temp-tree.js";

const service = { dir: "svc", app: "app.main:app", spec: "contracts/a.json", output: "src/clients/a" };

describe("loadConfig", () => {
  test("finds a .ts config upward, resolves paths from its folder and fills every default", async () => {
    const dir = await tempTree({
      "sync-types.config.ts": `const port: number = 8123;\nexport default { services: { a: { ...${JSON.stringify(service)}, port } } };\n`,
      "deep/er/.keep": "",
    });
    const config = await loadConfig({ cwd: join(dir, "deep/er") });
    expect(config.file).toBe(join(dir, "sync-types.config.ts"));
    expect(config.services[0]).toMatchObject({
      name: "a",
      dir: join(dir, "svc"),
      spec: join(dir, "contracts/a.json"),
      output: join(dir, "src/clients/a"),
      source: "http",
      python: "python3",
      port: 8123,
      url: "http://127.0.0.1:8123",
      openapiPath: "/openapi.json",
      readyTimeoutMs: 30000,
      start: ["{python}", "-m", "uvicorn", "{app}", "--host", "127.0.0.1", "--port", "{port}"],
    });
    expect(config.breaking.level).toBe("types");
    // Types are stripped in memory: nothing is written next to the config.
    expect((await readdir(dir)).sort()).toEqual(["deep", "sync-types.config.ts"]);
  });

  test("loads .mjs with a function default export, and an explicit -c file", async () => {
    const dir = await tempTree({
      "conf/custom.mjs": `export default async () => ({ services: { b: ${JSON.stringify(service)} } });\n`,
    });
    const config = await loadConfig({ cwd: dir, config: "conf/custom.mjs" });
    expect(config.services.map((s) => s.name)).toEqual(["b"]);
    expect(config.root).toBe(join(dir, "conf"));
  });

  test("uses the service venv when it exists, and merges envFile under env", async () => {
    const dir = await tempTree({
      "svc/.venv/bin/python": "",
      ".env": "export A=from-file\nB='quoted # not a comment'\nC=1 # comment\n",
      "sync-types.config.json": JSON.stringify({ services: { a: { ...service, envFile: ".env", env: { A: "from-env" } } } }),
    });
    const [resolved] = (await loadConfig({ cwd: dir })).services;
    expect(resolved!.python).toBe(join(dir, "svc/.venv/bin/python"));
    expect(resolved!.env).toEqual({ A: "from-env", B: "quoted # not a comment", C: "1" });
  });

  test("reports every problem in one ConfigError", async () => {
    const dir = await tempTree({ "sync-types.config.json": JSON.stringify({ services: { a: { dir: "x" } }, extra: 1 }) });
    const error = await loadConfig({ cwd: dir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.path)).toEqual(["extra", "services.a.spec", "services.a.output", "services.a.app"]);
    expect((error as ConfigError).exitCode).toBe(2);
  });
});

describe("a config that fails to produce a value", () => {
  test("one that stays pending while the event loop is busy times out with a ConfigError naming the file", async () => {
    const dir = await tempTree({ "sync-types.config.mjs": "export default () => new Promise(() => setInterval(() => {}, 1000).unref());\n" });
    const error = await loadConfigFile(join(dir, "sync-types.config.mjs"), 300).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toBe(`${join(dir, "sync-types.config.mjs")} did not finish loading: still pending after 300 ms`);
  });

  test("a .ts config that throws while importing is named, and nothing is written next to it", async () => {
    const dir = await tempTree({ "sync-types.config.ts": "throw null;\nexport default {};\n" });
    const error = await loadConfigFile(join(dir, "sync-types.config.ts")).catch((e: unknown) => e);
    expect((error as ConfigError).message).toBe(`could not load ${join(dir, "sync-types.config.ts")}: it threw null (not an Error)`);
    expect(await readdir(dir)).toEqual(["sync-types.config.ts"]);
  });

  test.each([
    [new RangeError("too far"), "RangeError: too far"],
    [null, "it threw null (not an Error)"],
    [undefined, "it threw undefined (not an Error)"],
    ["text", 'it threw the string "text"'],
    [42, "it threw 42 (not an Error)"],
    [{ reason: "x" }, 'it threw {"reason":"x"} (not an Error)'],
    [Object.assign(Object.create(null) as object, { toString: undefined }), "it threw {} (not an Error)"],
  ])("describeThrown(%o)", (value, want) => {
    expect(describeThrown(value)).toBe(want);
  });
});

test("parseEnvFile", () => {
  expect(parseEnvFile('# c\nA=1\n\nexport B="x\\ny"\nbad line\nC=\n')).toEqual({ A: "1", B: "x\ny", C: "" });
});
