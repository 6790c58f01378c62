import { realpathSync } from "node:fs";
import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { tempTree } from "./temp-tree.js";

/**
 * A monorepo: web/contracts/quote.ts imports `@acme/shared`, a workspace package at packages/shared
 * that web/node_modules links to (as npm, pnpm and yarn workspaces do), node_modules ignored.
 */
export async function workspaceProject(): Promise<string> {
  const root = realpathSync(await tempTree({
    ".gitignore": "node_modules/\n",
    "web/tsconfig.json": '{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext" } }\n',
    "web/contracts/quote.ts": 'import type { Tag } from "@acme/shared";\nexport interface Quote { tag: Tag }\n',
    "packages/shared/package.json": '{ "name": "@acme/shared", "types": "./index.ts" }\n',
    "packages/shared/index.ts": "export interface Tag { label: string }\n",
  }));
  await mkdir(join(root, "web/node_modules/@acme"), { recursive: true });
  await symlink("../../../packages/shared", join(root, "web/node_modules/@acme/shared"), "dir");
  return root;
}
