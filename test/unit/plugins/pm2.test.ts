import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, test } from "vitest";
import { pm2 } from "../../../plugins/pm2/index.js";
import { loadConfig } from "../../../src/config/index.js";
import type { ResolvedConfig } from "../../../src/config/types.js";
import { ConfigError } from "../../../src/errors.js";
import { readPm2Apps, type Pm2App } from "../../../src/init/pm2-apps.js";
import { REPO_ROOT } from "../../helpers/paths.js";
import { tempTree } from "../../helpers/temp-tree.js";

const ecosystem = (apps: unknown) => `module.exports = ${JSON.stringify(apps, null, 2)};\n`;

describe("pm2 ecosystem files", () => {
  test.each<[string, { files: Record<string, string>; apps: unknown; want: (root: string) => Array<Partial<Pm2App>> }]>([
    ["uvicorn with array args, relative cwd, its .venv found", {
      files: { "svc/.venv/bin/python": "" },
      apps: [{ name: "svc", cwd: "svc", script: "uvicorn", args: ["app.main:app", "--port", "8101"], env: { WORKERS: 2, DEBUG: false } }],
      want: (root) => [{ name: "svc", server: "uvicorn", dir: join(root, "svc"), app: "app.main:app", python: join(root, "svc/.venv/bin/python"), port: 8101, env: { WORKERS: "2", DEBUG: "false" } }],
    }],
    ["venv python as the script, string args, absolute cwd", {
      files: {},
      apps: [{ name: "abs", cwd: "/srv/abs", script: ".venv/bin/python", interpreter: "none", args: "-m uvicorn main:app --host 127.0.0.1 --port 8102" }],
      want: () => [{ name: "abs", dir: "/srv/abs", app: "main:app", python: "/srv/abs/.venv/bin/python", port: 8102, host: "127.0.0.1" }],
    }],
    ["the venv's uvicorn as the script runs under the venv's python", {
      files: { "api/.venv/bin/python": "" },
      apps: [{ name: "venv-bin", cwd: "api", script: ".venv/bin/uvicorn", args: ["main:app", "--port=8108"] }],
      want: (root) => [{ name: "venv-bin", dir: join(root, "api"), app: "main:app", python: join(root, "api/.venv/bin/python"), port: 8108 }],
    }],
    ["interpreter running the venv's uvicorn", {
      files: {},
      apps: [{ name: "interp", interpreter: "/opt/venv/bin/python3", script: "/opt/venv/bin/uvicorn", args: "api:app" }],
      want: (root) => [{ name: "interp", dir: root, app: "api:app", python: "/opt/venv/bin/python3" }],
    }],
    ["interpreter with -m uvicorn in interpreter_args", {
      files: {},
      apps: [{ name: "margs", interpreter: "python3", interpreter_args: "-m uvicorn", script: "main:app", args: ["--port", "8103"] }],
      want: (root) => [{ name: "margs", dir: root, app: "main:app", python: "python3", port: 8103 }],
    }],
    ["uvicorn on PATH under VIRTUAL_ENV", {
      files: {},
      apps: [{ name: "ve", script: "uvicorn main:app --port 8104", env: { VIRTUAL_ENV: "/opt/ve" } }],
      want: (root) => [{ name: "ve", dir: root, app: "main:app", python: "/opt/ve/bin/python", port: 8104 }],
    }],
    ["gunicorn with a uvicorn worker; plain gunicorn ignored", {
      files: {},
      apps: [
        { name: "asgi", script: "gunicorn", args: "-k uvicorn.workers.UvicornWorker -b 0.0.0.0:8105 app.main:app" },
        { name: "wsgi", script: "gunicorn", args: "-b 0.0.0.0:8106 legacy:app" },
      ],
      want: (root) => [{ name: "asgi", server: "gunicorn", dir: root, app: "app.main:app", port: 8105, host: "0.0.0.0" }],
    }],
    ["fastapi run with a path: the module and its app found in the file", {
      files: { "web/app/__init__.py": "", "web/app/main.py": "from fastapi import FastAPI\n\napi = FastAPI(\n    title='x',\n)\n" },
      apps: [{ name: "cli", cwd: "web", script: "fastapi", args: ["run", "app/main.py", "--port", "8107"] }],
      want: (root) => [{ name: "cli", server: "fastapi", dir: join(root, "web"), app: "app.main:api", port: 8107 }],
    }],
    ["fastapi run --entrypoint, and with no path pyproject's entrypoint", {
      files: { "pp/pyproject.toml": '[project]\nname = "pp"\n\n[tool.fastapi]\nentrypoint = "pp.server:app"\n' },
      apps: [{ name: "pp", cwd: "pp", script: "fastapi", args: "run --entrypoint pp.server:app" }, { name: "pp2", cwd: "pp", script: "fastapi", args: "run" }],
      want: (root) => [
        { name: "pp", app: "pp.server:app", dir: join(root, "pp") },
        { name: "pp2", app: "pp.server:app", dir: join(root, "pp") },
      ],
    }],
    ["Node apps are ignored", {
      files: {},
      apps: [
        { name: "web", script: "dist/main.js", env: { NODE_ENV: "production" } },
        { name: "npm", script: "npm", args: "start" },
        { name: "ts", script: "src/server.ts", interpreter: "node", interpreter_args: "--import tsx" },
      ],
      want: () => [],
    }],
  ])("%s", async (_, { files, apps, want }) => {
    const root = await tempTree({ ...files, "ecosystem.config.cjs": ecosystem({ apps }) });
    const found = readPm2Apps(join(root, "ecosystem.config.cjs")).apps;
    const expected = want(root);
    expect(found).toHaveLength(expected.length);
    found.forEach((app, i) => expect(app).toMatchObject(expected[i]!));
  });

  test("the shipped example: two sidecars found, the Node app ignored", () => {
    const { apps, ignored } = readPm2Apps(join(REPO_ROOT, "examples/ecosystem.config.cjs"));
    const services = join(REPO_ROOT, "examples/services");
    expect(apps.map(({ name, dir, app, python, port }) => ({ name, dir, app, python, port }))).toEqual([
      { name: "estimation-api", dir: join(services, "estimation-api"), app: "app.main:app", python: join(services, "estimation-api/.venv/bin/python"), port: 8101 },
      { name: "content-api", dir: join(services, "content-api"), app: "app.main:app", python: join(services, "content-api/.venv/bin/python"), port: 8102 },
    ]);
    expect(ignored).toEqual(["node-app"]);
  });

  test("a bare list and a single app are accepted, as pm2 does", async () => {
    const root = await tempTree({
      "list.config.cjs": ecosystem([{ name: "a", script: "uvicorn", args: "a:app" }]),
      "single.config.cjs": ecosystem({ name: "b", script: "uvicorn", args: "b:app" }),
    });
    expect(readPm2Apps(join(root, "list.config.cjs")).apps.map((a) => a.app)).toEqual(["a:app"]);
    expect(readPm2Apps(join(root, "single.config.cjs")).apps.map((a) => a.app)).toEqual(["b:app"]);
  });

  test("an ecosystem file that throws is a ConfigError naming it", async () => {
    const root = await tempTree({ "ecosystem.config.cjs": 'throw new Error("DATABASE_URL is not set");\n' });
    const file = join(root, "ecosystem.config.cjs");
    expect(() => readPm2Apps(file)).toThrow(ConfigError);
    expect(() => readPm2Apps(file)).toThrow(`could not load pm2 file ${file}: DATABASE_URL is not set`);
  });

  test("a file that declares no apps says so", async () => {
    const root = await tempTree({ "ecosystem.config.cjs": "module.exports = [];\n" });
    expect(() => readPm2Apps(join(root, "ecosystem.config.cjs"))).toThrow(/ecosystem\.config\.cjs declares no pm2 apps$/);
  });
});

describe("pm2 plugin", () => {
  const apps = [
    { name: "alpha", cwd: "services/alpha", script: ".venv/bin/python", args: "-m uvicorn app.main:app --port 8201", env: { PYTHONHASHSEED: "0" } },
    { name: "beta", cwd: "services/beta", script: "uvicorn", args: ["beta.api:app", "--port", "8202"] },
    { name: "gamma", cwd: "services/gamma", script: "uvicorn", args: "gamma:app" },
    { name: "web", script: "dist/main.js" },
  ];
  const pluginUrl = pathToFileURL(join(REPO_ROOT, "plugins/pm2/index.ts")).href;

  /** A project whose config imports the plugin by path, as a config file outside this repo would. */
  async function project(pm2Options: string, extra: Record<string, string> = {}): Promise<ResolvedConfig> {
    const root = await tempTree({
      "ecosystem.config.cjs": ecosystem({ apps }),
      "sync-types.config.mjs": [
        `import { pm2 } from ${JSON.stringify(pluginUrl)};`,
        "export default {",
        '  services: { beta: { dir: "own/beta", app: "beta:app", spec: "api/beta.json", output: "gen/beta" } },',
        `  plugins: [pm2(${pm2Options})],`,
        "};",
      ].join("\n"),
      ...extra,
    });
    return loadConfig({ cwd: root });
  }

  async function resolved(config: ResolvedConfig): Promise<ResolvedConfig> {
    const plugin = config.plugins[0]!;
    expect(plugin).toMatchObject({ name: "pm2", enforce: "pre" });
    return (await plugin.configResolved!(config)) ?? config;
  }

  test("adds each FastAPI app as a resolved service; the config's own services win", async () => {
    const config = await project("");
    const { root } = config;
    const after = await resolved(config);
    expect(after.services.map((s) => s.name)).toEqual(["beta", "alpha", "gamma"]);
    expect(after.services[0]).toMatchObject({ dir: join(root, "own/beta"), spec: join(root, "api/beta.json") });
    expect(after.services[1]).toMatchObject({
      name: "alpha",
      dir: join(root, "services/alpha"),
      app: "app.main:app",
      python: join(root, "services/alpha/.venv/bin/python"),
      spec: join(root, "contracts/alpha.openapi.json"),
      output: join(root, "src/clients/alpha"),
      source: "http",
      port: "auto",
      url: "http://127.0.0.1:8201",
      env: { PYTHONHASHSEED: "0" },
      start: ["{python}", "-m", "uvicorn", "{app}", "--host", "127.0.0.1", "--port", "{port}"],
    });
    expect(after.services[2]).toMatchObject({ name: "gamma", python: "python3", url: undefined });
  });

  test("a config with no services of its own gets them all from pm2", async () => {
    const root = await tempTree({
      "ecosystem.config.cjs": ecosystem({ apps }),
      "sync-types.config.mjs": `import { pm2 } from ${JSON.stringify(pluginUrl)};\nexport default { services: {}, plugins: [pm2()] };\n`,
    });
    const after = await resolved(await loadConfig({ cwd: root }));
    expect(after.services.map((s) => s.name)).toEqual(["alpha", "beta", "gamma"]);
  });

  test("include and overrides; the ecosystem path is relative to the config", async () => {
    const options = `{ ecosystem: "deploy/pm2.cjs", include: ["alpha"], overrides: { alpha: { source: "import", spec: "api/alpha.json", env: { X: "1" } } } }`;
    const config = await project(options, { "deploy/pm2.cjs": ecosystem({ apps: apps.map((a) => ({ ...a, cwd: a.cwd && `../${a.cwd}` })) }) });
    const after = await resolved(config);
    expect(after.services.map((s) => s.name)).toEqual(["beta", "alpha"]);
    expect(after.services[1]).toMatchObject({
      source: "import",
      dir: join(config.root, "services/alpha"),
      spec: join(config.root, "api/alpha.json"),
      env: { X: "1" },
    });
  });

  test.each([
    ["an override for a Node app", `{ overrides: { web: { port: 1 } } }`, /pm2 overrides: app "web" of .*ecosystem\.config\.cjs is not a FastAPI app/],
    ["an include typo", `{ include: ["alhpa"] }`, /pm2 include: .* has no app "alhpa" \(its FastAPI apps: alpha, beta, gamma\)/],
    ["a missing ecosystem file", `{ ecosystem: "nope.cjs" }`, /pm2 file not found: .*nope\.cjs/],
  ])("%s is an error, not silence", async (_, options, message) => {
    const config = await project(options);
    await expect(resolved(config)).rejects.toThrow(message);
  });

  test("a bad override is reported with its dot-path", async () => {
    const config = await project(`{ overrides: { gamma: { port: 0 } } }`);
    const error = await resolved(config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([{ path: "services.gamma.port", message: 'expected "auto" or a port number (1-65535), got number 0' }]);
  });
});
