import { realpathSync } from "node:fs";
import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { expect, test } from "vitest";
import { readContractFiles } from "../../../src/pydantic/index.js";
import { tempTree } from "../../helpers/temp-tree.js";
import { workspaceProject } from "../../helpers/workspace-project.js";

test("what a TS contract is made of: its local imports and its tsconfig with the local configs it extends, not packages", async () => {
  const root = realpathSync(await tempTree({
    "tsconfig.base.json": '{ "compilerOptions": { "strict": true } }\n',
    "web/tsconfig.json": '{ "extends": "../tsconfig.base.json", "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext" } }\n',
    "web/contracts/quote.ts": 'import type { Money } from "./money.js";\nimport type { Id } from "ids";\nexport interface Quote { total: Money; id: Id }\n',
    "web/contracts/money.ts": "export interface Money { amount: number }\n",
    "web/contracts/unrelated.ts": "export interface Unrelated { n: number }\n",
    "web/node_modules/ids/package.json": '{ "name": "ids", "types": "index.d.ts" }\n',
    "web/node_modules/ids/index.d.ts": "export type Id = string;\n",
  }));
  const files = await readContractFiles(join(root, "web/contracts/quote.ts"));
  expect(files).toEqual(["tsconfig.base.json", "web/contracts/money.ts", "web/contracts/quote.ts", "web/tsconfig.json"].map((file) => join(root, file)));
});

test("a monorepo's workspace package the contract imports through a node_modules link is made of the project's files", async () => {
  const root = await workspaceProject();
  const files = await readContractFiles(join(root, "web/contracts/quote.ts"));
  expect(files).toEqual(["packages/shared/index.ts", "web/contracts/quote.ts", "web/tsconfig.json"].map((file) => join(root, file)));
});

test("a relative import that does not resolve (its file deleted) is still listed where the file would be", async () => {
  const root = realpathSync(await tempTree({ "web/tsconfig.json": "{}\n", "web/contracts/quote.ts": 'import type { Money } from "./money.js";\nexport interface Quote { total: Money }\n' }));
  const files = await readContractFiles(join(root, "web/contracts/quote.ts"));
  expect(files).toContain(join(root, "web/contracts/money.ts"));
  expect(files).toContain(join(root, "web/contracts/money/index.ts"));
});

test("in an ES module, a relative import without its extension does not resolve, and is listed so", async () => {
  const root = realpathSync(await tempTree({
    "web/package.json": '{ "type": "module" }\n',
    "web/tsconfig.json": '{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext" } }\n',
    "web/contracts/quote.ts": 'import type { Money } from "./money";\nexport interface Quote { total: Money }\n',
    "web/contracts/money.ts": "export interface Money { amount: number }\n",
  }));
  expect(await readContractFiles(join(root, "web/contracts/quote.ts"))).toEqual(["money.d.ts", "money.mts", "money.cts", "money.ts", "money.tsx", "money/index.ts", "quote.ts"].map((file) => join(root, "web/contracts", file)).concat(join(root, "web/tsconfig.json")).sort());
});

test("a contract that is a link is made of the link too (staging a new target changes it), named in its real folder", async () => {
  const root = realpathSync(await tempTree({ "shared/quote.ts": "export interface Quote { n: number }\n", "api/contract.json": "{}\n" }));
  await mkdir(join(root, "web"));
  await symlink("../shared/quote.ts", join(root, "web/quote.ts"));
  await symlink("../api/contract.json", join(root, "web/contract.json"));
  expect(await readContractFiles(join(root, "web/quote.ts"))).toEqual([join(root, "shared/quote.ts"), join(root, "web/quote.ts")]);
  expect(await readContractFiles(join(root, "web/contract.json"))).toEqual([join(root, "api/contract.json"), join(root, "web/contract.json")]);
});

test("an OpenAPI or JSON Schema contract is made of itself alone (only local #/ refs are followed)", async () => {
  const root = realpathSync(await tempTree({ "api/contract.json": '{ "openapi": "3.1.0", "components": { "schemas": { "A": { "$ref": "other.json" } } } }\n', "api/other.json": "{}\n" }));
  expect(await readContractFiles(join(root, "api/contract.json"))).toEqual([join(root, "api/contract.json")]);
});
