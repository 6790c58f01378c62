import { execSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { resolveConfig } from "../../../src/config/resolve.js";
import type { UserConfig } from "../../../src/config/types.js";
import { ConfigError } from "../../../src/errors.js";
import { contractRuntimeCommand } from "../../../src/monorepo/service-files.js";
import { projectNodes } from "../../../src/nx/project-nodes.js";
import { FIXTURE_PYTHON } from "../../helpers/paths.js";
import { tempTree } from "../../helpers/temp-tree.js";

/** A service entry, its paths relative to the config in `tools/`. */
const service = (name: string, extra: Record<string, unknown> = {}) => ({
  dir: `../services/${name}`,
  app: "app.main:app",
  spec: `../contracts/${name}.json`,
  output: `../web/src/clients/${name}`,
  python: "python3",
  ...extra,
});

/** A workspace whose sync-types config sits in `tools/`, its consumer in `web/`. */
async function nodes(user: Partial<UserConfig>, options = {}) {
  const root = await tempTree({ "web/package.json": JSON.stringify({ name: "@acme/web" }), "web/tsconfig.json": "{}" });
  const config = resolveConfig({ services: {}, typecheck: { tsconfig: "../web/tsconfig.json" }, ...user }, join(root, "tools/sync-types.config.json"));
  return projectNodes(config, root, options);
}

describe("sync-types/nx project nodes", () => {
  test("each service is a project at its dir whose targets key on its own contract inputs only", async () => {
    const projects = await nodes({
      services: { alpha: service("alpha"), beta: service("beta", { source: "url", port: 8000, watch: ["src/**/*.py"] }) },
    });
    expect(Object.keys(projects)).toEqual(["services/alpha", "services/beta", "web"]);
    const alpha = projects["services/alpha"]!;
    expect(alpha.name).toBe("alpha");
    const sync = alpha.targets!["sync-types"]!;
    expect(sync.command).toBe("sync-types -c tools/sync-types.config.json -s alpha");
    expect(sync.cache).toBe(true);
    expect(sync.outputs).toEqual(["{workspaceRoot}/contracts/alpha.json", "{workspaceRoot}/web/src/clients/alpha"]);
    const files = sync.inputs!.filter((input): input is string => typeof input === "string");
    expect(files).toEqual(expect.arrayContaining([
      "{workspaceRoot}/services/alpha/**/*.py",
      "{workspaceRoot}/services/alpha/uv.lock",
      "!{workspaceRoot}/services/alpha/**/.venv/**",
      "{workspaceRoot}/tools/sync-types.config.json",
    ]));
    expect(files.filter((input) => input.includes("beta") || input.includes("contracts") || input.includes("web/"))).toEqual([]);
    expect(sync.inputs).toContainEqual({ runtime: contractRuntimeCommand("python3") });
    expect(sync.inputs).toContainEqual({ env: "PYTHONPATH" });
    expect(sync.inputs).toContainEqual({ externalDependencies: [] });

    const check = alpha.targets!["sync-types-check"]!;
    expect(check.command).toBe("sync-types check -c tools/sync-types.config.json -s alpha");
    expect(check.inputs).toEqual([...sync.inputs!, "{workspaceRoot}/contracts/alpha.json", "{workspaceRoot}/web/src/clients/alpha/**/*"]);

    // A running service's code is not in the workspace: its tasks are never served from a cache.
    const beta = projects["services/beta"]!;
    expect(beta.targets!["sync-types"]!.cache).toBe(false);
    expect(beta.targets!["sync-types"]!.inputs).toContain("{workspaceRoot}/services/beta/src/**/*.py");
  });

  test("the consumer, named as its package.json names it, depends on the services and runs their targets", async () => {
    const projects = await nodes(
      { services: { alpha: service("alpha") } },
      { targetName: "contract", checkTargetName: "contract-check", env: ["FEATURE_FLAGS"] },
    );
    expect(projects["web"]).toEqual({
      name: "@acme/web",
      implicitDependencies: ["alpha"],
      targets: {
        contract: expect.objectContaining({ executor: "nx:noop", dependsOn: [{ projects: ["alpha"], target: "contract" }] }),
        "contract-check": expect.objectContaining({ executor: "nx:noop", dependsOn: [{ projects: ["alpha"], target: "contract-check" }] }),
      },
    });
    expect(projects["services/alpha"]!.targets!["contract"]!.inputs).toContainEqual({ env: "FEATURE_FLAGS" });
  });

  test("at breaking.level strict a check also keys on the consumer's sources: a raw fetch there can fail it", async () => {
    const projects = await nodes({ services: { alpha: service("alpha") }, breaking: { level: "strict" } });
    expect(projects["services/alpha"]!.targets!["sync-types-check"]!.inputs).toEqual(expect.arrayContaining([
      "{workspaceRoot}/web/tsconfig.json",
      "{workspaceRoot}/web/**/*.{ts,tsx,mts,cts}",
      "!{workspaceRoot}/web/**/node_modules/**",
    ]));
    expect(projects["services/alpha"]!.targets!["sync-types"]!.inputs).not.toContain("{workspaceRoot}/web/tsconfig.json");
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ["a service outside the workspace", { dir: "../../elsewhere" }, /^services\.alpha\.dir: .*elsewhere is outside the workspace /],
    ["an output outside the workspace", { output: "../../out" }, /^services\.alpha\.output: .*out is outside the workspace /],
    ["two services in one folder", { dir: "../services/beta" }, /^services\.beta\.dir: services\/beta is also the dir of services\.alpha$/],
  ])("%s is a config error", async (_name, alpha, message) => {
    const error = await nodes({
      services: {
        alpha: service("alpha", alpha),
        beta: service("beta"),
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(message);
  });

  test("the runtime input prints the interpreter and every installed distribution, without importing an app", () => {
    const printed = execSync(contractRuntimeCommand(FIXTURE_PYTHON), { encoding: "utf8", shell: "/bin/sh" });
    expect(printed).toMatch(/^cpython 3 \d+ \d+\n/);
    expect(printed).toMatch(/'fastapi==\d+\.\d+\.\d+'/);
    expect(printed).toBe(execSync(contractRuntimeCommand(FIXTURE_PYTHON), { encoding: "utf8", shell: "/bin/sh" }));
  });
});
