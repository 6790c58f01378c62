import { join } from "node:path";
import { expect, test } from "vitest";
import { packageManagerFor } from "../../src/package-manager.js";
import { tempTree } from "../helpers/temp-tree.js";

test.each<[string, { files: Record<string, string>; from?: string; want: [string, string, string] }]>([
  ["pnpm lock file", { files: { "pnpm-lock.yaml": "" }, want: ["pnpm exec sync-types", "pnpm add -D sync-types", "pnpm install"] }],
  ["yarn lock file", { files: { "yarn.lock": "" }, want: ["yarn sync-types", "yarn add -D sync-types", "yarn install"] }],
  ["bun lock file", { files: { "bun.lock": "" }, want: ["bun run sync-types", "bun add -d sync-types", "bun install"] }],
  ["npm lock file", { files: { "package-lock.json": "" }, want: ["npx sync-types", "npm i -D sync-types", "npm install"] }],
  ["packageManager wins over a lock file beside it", {
    files: { "package.json": JSON.stringify({ packageManager: "yarn@4.1.0" }), "package-lock.json": "" },
    want: ["yarn sync-types", "yarn add -D sync-types", "yarn install"],
  }],
  ["a workspace package: the nearest folder that says", {
    files: { "pnpm-lock.yaml": "", "packages/web/package.json": JSON.stringify({ name: "web" }) },
    from: "packages/web",
    want: ["pnpm exec sync-types", "pnpm add -D sync-types", "pnpm install"],
  }],
  ["nothing says: npm, whoever started us", { files: {}, want: ["npx sync-types", "npm i -D sync-types", "npm install"] }],
])("packageManagerFor: %s", async (_, { files, from, want }) => {
  const root = await tempTree(files);
  const pm = packageManagerFor(join(root, from ?? ""));
  expect([pm.run(), pm.addDev("sync-types"), pm.install]).toEqual(want);
  expect(pm.run("check -c x.json")).toBe(`${want[0]} check -c x.json`);
});
