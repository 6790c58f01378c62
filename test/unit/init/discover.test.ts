import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { discoverServices } from "../../../src/init/discover.js";
import { fastApiAttribute, tomlString } from "../../../src/init/python-source.js";
import { tempTree } from "../../helpers/temp-tree.js";

const APP = "from fastapi import FastAPI\n\napp = FastAPI()\n";

describe("discoverServices", () => {
  test("pm2, pyproject and Python sources: merged per app, venvs and ports found, noise skipped", async () => {
    const root = await tempTree({
      "ecosystem.config.cjs": `module.exports = { apps: [
        { name: "orders", cwd: "services/orders", script: ".venv/bin/python",
          args: "-m uvicorn orders.main:app --port 8301", env: { PYTHONHASHSEED: "0" } },
        { name: "bare", script: "uvicorn" },
        { name: "web", script: "dist/main.js" },
      ] };`,
      "services/orders/.venv/pyvenv.cfg": "",
      "services/orders/.venv/bin/python": "",
      "services/orders/.venv/lib/python3.12/site-packages/demo/main.py": APP,
      "services/orders/orders/__init__.py": "",
      "services/orders/orders/main.py": APP,
      "services/orders/orders/models.py": "from fastapi import APIRouter\nrouter = APIRouter()\n",
      "services/billing/pyproject.toml": '[project]\nname = "billing"\n\n[tool.fastapi]\nentrypoint = "billing.api:api"\n',
      "services/billing/venv/pyvenv.cfg": "",
      "services/billing/venv/bin/python": "",
      "services/billing/billing/__init__.py": "",
      "services/billing/billing/api.py": "import fastapi\n\napi: fastapi.FastAPI = fastapi.FastAPI(title='Billing')\n",
      "reports/main.py": "from fastapi import FastAPI\n\ndef create_app() -> FastAPI:\n    return FastAPI()\n\nif __name__ == '__main__':\n    uvicorn.run(create_app(), host='0.0.0.0', port=8302)\n",
      "legacy/orders/main.py": APP,
      "node_modules/some-pkg/server.py": APP,
      "tests/app.py": APP,
      "services/orders/test_main.py": APP,
      ".git/hooks/app.py": APP,
    });
    const { services, warnings, otherPm2Apps } = discoverServices(root);
    expect(services).toEqual([
      {
        name: "billing",
        dir: join(root, "services/billing"),
        app: "billing.api:api",
        python: join(root, "services/billing/venv/bin/python"),
        port: undefined,
        host: undefined,
        env: {},
        foundIn: ["[tool.fastapi] entrypoint in services/billing/pyproject.toml", "FastAPI() in services/billing/billing/api.py"],
        pm2Files: [],
      },
      {
        name: "orders",
        dir: join(root, "services/orders"),
        app: "orders.main:app",
        python: join(root, "services/orders/.venv/bin/python"),
        port: 8301,
        host: undefined,
        env: { PYTHONHASHSEED: "0" },
        foundIn: ['pm2 app "orders" in ecosystem.config.cjs', "FastAPI() in services/orders/orders/main.py"],
        pm2Files: [join(root, "ecosystem.config.cjs")],
      },
      expect.objectContaining({ name: "orders-2", dir: join(root, "legacy/orders"), app: "main:app", python: undefined, foundIn: ["FastAPI() in legacy/orders/main.py"] }),
      expect.objectContaining({ name: "reports", app: "main:create_app()", port: 8302 }),
    ]);
    expect(warnings).toEqual(['pm2 app "bare" in ecosystem.config.cjs runs uvicorn without naming its app: skipped']);
    expect(otherPm2Apps).toEqual([
      { name: "web", cwd: root, foundIn: 'pm2 app "web" in ecosystem.config.cjs', pm2File: join(root, "ecosystem.config.cjs") },
    ]);
  });

  test("a pm2 file that throws is a warning; discovery goes on", async () => {
    const root = await tempTree({ "deploy/ecosystem.config.js": "require('./missing-secrets.json');\n", "main.py": APP });
    const { services, warnings } = discoverServices(root);
    expect(services.map((s) => s.app)).toEqual(["main:app"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^skipped deploy\/ecosystem\.config\.js: could not load pm2 file .*: Cannot find module '\.\/missing-secrets\.json'/);
  });

  test("the walk is bounded in depth and in folders read", async () => {
    const root = await tempTree({ "a/b/c/main.py": APP, "x/main.py": APP });
    expect(discoverServices(root, { maxDepth: 2 }).services.map((s) => s.dir)).toEqual([join(root, "x")]);
    const capped = discoverServices(root, { maxDirs: 2 });
    expect(capped.warnings).toEqual(["stopped looking after 2 folders; services deeper in the tree are not listed"]);
  });
});

test.each<[string, string, string | undefined]>([
  ["module-level app", APP, "app"],
  ["app preferred over others, as fastapi-cli does", "admin = FastAPI()\napp = FastAPI()\n", "app"],
  ["annotated, fastapi.FastAPI, multi-line call", "api: FastAPI = fastapi.FastAPI(\n    title='x',\n)\n", "api"],
  ["factory", "async def make() -> FastAPI:\n    return FastAPI()\n", "make()"],
  ["inside a function only", "def build():\n    app = FastAPI()\n    return app\n", undefined],
  ["a router is not an app", "router = APIRouter()\n", undefined],
])("fastApiAttribute: %s", (_, source, want) => {
  expect(fastApiAttribute(source)).toBe(want);
});

test("tomlString reads one key of one table", () => {
  const text = `[project]\nname = 'svc'\n\n[tool.fastapi]\n# comment\n"entrypoint" = "svc.main:app" # trailing\n\n[tool.other]\nentrypoint = "x:y"\n`;
  expect(tomlString(text, "tool.fastapi", "entrypoint")).toBe("svc.main:app");
  expect(tomlString(text, "project", "name")).toBe("svc");
  expect(tomlString(text, "tool.fastapi", "missing")).toBeUndefined();
});
