import { join } from "node:path";
import { expect, test } from "vitest";
import { discoverConsumers } from "../../../src/init/consumers.js";
import type { DiscoveredService } from "../../../src/init/discover.js";
import { tempTree } from "../../helpers/temp-tree.js";

const TSCONFIG = "{}";

test("Node apps: pm2 first, then workspace packages, then bare tsconfig folders, the root last; never inside a service", async () => {
  const root = await tempTree({
    "tsconfig.json": TSCONFIG,
    "package.json": JSON.stringify({ workspaces: ["apps/*", "!apps/legacy"] }),
    "pnpm-workspace.yaml": "packages:\n  - 'tools/*'   # scripts\n  - \"docs\"\nonlyBuiltDependencies: []\n",
    "apps/site/tsconfig.json": TSCONFIG,
    "apps/plain-js/package.json": "{}",
    "apps/legacy/tsconfig.json": TSCONFIG,
    "tools/gen/tsconfig.json": TSCONFIG,
    "docs/tsconfig.json": TSCONFIG,
    "web/tsconfig.json": TSCONFIG,
    "admin/tsconfig.json": TSCONFIG,
    "services/api/tsconfig.json": TSCONFIG,
    "node_modules/pkg/tsconfig.json": TSCONFIG,
  });
  const service = { dir: join(root, "services/api") } as DiscoveredService;
  const web = { name: "web", cwd: join(root, "web"), foundIn: 'pm2 app "web" in ecosystem.config.cjs', pm2File: join(root, "ecosystem.config.cjs") };
  const worker = { name: "worker", cwd: join(root, "services/api"), foundIn: 'pm2 app "worker" in ecosystem.config.cjs', pm2File: web.pm2File };
  const found = discoverConsumers(root, { services: [service], otherPm2Apps: [web, worker] });
  expect(found.map((c) => [c.dir.slice(root.length + 1) || ".", c.evidence, c.foundIn])).toEqual([
    ["web", "pm2", ['pm2 app "web" in ecosystem.config.cjs', "web/tsconfig.json"]],
    ["apps/site", "workspace", ["workspace package in package.json workspaces"]],
    ["docs", "workspace", ["workspace package in pnpm-workspace.yaml", "docs/tsconfig.json"]],
    ["tools/gen", "workspace", ["workspace package in pnpm-workspace.yaml"]],
    ["admin", "tsconfig", ["admin/tsconfig.json"]],
    [".", "tsconfig", ["tsconfig.json"]],
  ]);
  expect(found[0]).toMatchObject({ tsconfig: join(root, "web/tsconfig.json"), pm2File: web.pm2File });
});

test("nothing with a tsconfig.json: no Node app", async () => {
  const root = await tempTree({ "web/package.json": "{}", "main.py": "" });
  expect(discoverConsumers(root, { services: [], otherPm2Apps: [{ name: "web", cwd: join(root, "web"), foundIn: "", pm2File: "" }] })).toEqual([]);
});
