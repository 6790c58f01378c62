import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadConfig } from "../../../src/config/index.js";
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
    // The transpiled temp file is cleaned up.
    expect((await readdir(dir)).filter((f) => f.endsWith(".mjs"))).toEqual([]);
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

test("parseEnvFile", () => {
  expect(parseEnvFile('# c\nA=1\n\nexport B="x\\ny"\nbad line\nC=\n')).toEqual({ A: "1", B: "x\ny", C: "" });
});
