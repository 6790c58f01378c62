import { execa } from "execa";
import { existsSync, realpathSync } from "node:fs";
import { readFile, readlink, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeEach, describe, expect, test } from "vitest";
import { stageContracts, type ContractSource } from "../../../src/hook/contract-tree.js";
import { readContractFiles } from "../../../src/pydantic/index.js";
import { readTsContract } from "../../../src/pydantic/ts-contract.js";
import { tempTree, writeTree } from "../../helpers/temp-tree.js";
import { workspaceProject } from "../../helpers/workspace-project.js";

const git = async (cwd: string, args: string[]) => expect((await execa("git", args, { cwd, reject: false })).exitCode).toBe(0);

/** A committed repo: a TS contract importing money.ts, a file nothing imports beside them, an OpenAPI contract, an ignored node_modules. */
async function repo(): Promise<string> {
  const root = realpathSync(await tempTree({
    ".gitignore": "node_modules/\n",
    "web/tsconfig.json": "{}\n",
    "web/contracts/quote.ts": 'export type { Money } from "./money.js";\n',
    "web/contracts/money.ts": "export interface Money { amount: number }\n",
    "web/contracts/other.ts": "export const other = 1;\n",
    "web/contracts/extra.ts": "export interface Extra { n: number }\n",
    "web/node_modules/pkg/index.d.ts": "export type P = string;\n",
    "api/contract.json": '{"openapi": "3.1.0"}\n',
    "api/notes.json": "{}\n",
  }));
  for (const args of [["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init"]]) await git(root, args);
  return root;
}

describe("stageContracts", () => {
  let root: string;
  let sources: ContractSource[];
  beforeEach(async () => {
    root = await repo();
    const web = (file: string) => join(root, "web", file);
    sources = [
      { name: "quotes", contract: web("contracts/quote.ts"), files: [web("contracts/quote.ts"), web("contracts/money.ts"), web("tsconfig.json")] },
      { name: "api", contract: join(root, "api/contract.json"), files: [join(root, "api/contract.json")] },
    ];
  });

  const staged = async (edit: (root: string) => Promise<void>, wide = false) => {
    await edit(root);
    const tree = await stageContracts(root, sources, { wide });
    return { copies: tree.copies, dispose: tree.dispose };
  };

  test.each<[string, (root: string) => Promise<void>, string[]]>([
    ["a clean working tree: read in place", async () => undefined, []],
    ["an edit to a file nothing imports", (r) => writeFile(join(r, "web/contracts/other.ts"), "export const other = 2;\n"), []],
    ["an untracked file that is no TypeScript input", (r) => writeFile(join(r, "web/contracts/notes.md"), "# notes\n"), []],
    ["an edit to a file the contract imports", (r) => writeFile(join(r, "web/contracts/money.ts"), "export interface Money { cents: number }\n"), ["quotes"]],
    ["an edit to its tsconfig", (r) => writeFile(join(r, "web/tsconfig.json"), '{"compilerOptions": {}}\n'), ["quotes"]],
    ["an untracked module that can change what an import resolves to", (r) => writeTree(r, { "web/contracts/money/index.ts": "export {};\n" }), ["quotes"]],
    ["a deleted module beside it", (r) => rm(join(r, "web/contracts/other.ts")), ["quotes"]],
    ["an edit to the OpenAPI contract", (r) => writeFile(join(r, "api/contract.json"), '{"openapi": "3.0.3"}\n'), ["api"]],
    ["an untracked JSON file beside the OpenAPI contract", (r) => writeFile(join(r, "api/more.json"), "{}\n"), []],
  ])("%s", async (_name, edit, want) => {
    const { copies, dispose } = await staged(edit);
    try {
      expect(Object.keys(copies).sort()).toEqual(want.sort());
    } finally {
      await dispose();
    }
  });

  test("the copy holds the staged bytes of the contract's files, and links to the project's node_modules", async () => {
    const { copies, dispose } = await staged(async (r) => {
      await writeFile(join(r, "web/contracts/money.ts"), "export interface Money { cents: number }\n");
      await git(r, ["add", "web/contracts/money.ts"]);
      await writeFile(join(r, "web/contracts/money.ts"), "export interface Money { unstaged: true }\n");
    });
    try {
      const copy = copies["quotes"]!;
      expect(copy.to).toBe(root);
      expect(copy.contract).toBe(join(copy.from, "web/contracts/quote.ts"));
      expect(await readFile(join(copy.from, "web/contracts/money.ts"), "utf8")).toBe("export interface Money { cents: number }\n");
      expect(existsSync(join(copy.from, "web/tsconfig.json"))).toBe(true);
      expect(await readlink(join(copy.from, "web/node_modules"))).toBe(join(root, "web/node_modules"));
      // Not the contract's: neither written out nor needed.
      expect(existsSync(join(copy.from, "web/contracts/other.ts"))).toBe(false);
      expect(existsSync(join(copy.from, "api"))).toBe(false);
    } finally {
      await dispose();
    }
    expect(existsSync(copies["quotes"]!.from)).toBe(false);
  });

  test("wide (the working tree's list of files): every indexed TypeScript input around the contract is written out too", async () => {
    const { copies, dispose } = await staged((r) => writeFile(join(r, "web/contracts/quote.ts"), 'export type { Extra } from "./extra.js";\n'), true);
    try {
      const { from } = copies["quotes"]!;
      for (const file of ["web/contracts/extra.ts", "web/contracts/other.ts", "web/contracts/money.ts", "web/contracts/quote.ts"]) expect(existsSync(join(from, file)), file).toBe(true);
      expect(await readFile(join(from, "web/contracts/quote.ts"), "utf8")).toBe('export type { Money } from "./money.js";\n');
    } finally {
      await dispose();
    }
  });
});

test("a monorepo's workspace package the contract imports (through a node_modules link) is read as staged in the copy", async () => {
  const root = await workspaceProject();
  for (const args of [["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init"]]) await git(root, args);
  const shared = join(root, "packages/shared/index.ts");
  await writeFile(shared, "export interface Tag { label: string; color: string }\n");
  await git(root, ["add", "packages/shared/index.ts"]);
  await writeFile(shared, "export interface Tag { label: string; unstaged: boolean }\n");

  const contract = join(root, "web/contracts/quote.ts");
  const files = await readContractFiles(contract);
  expect(files).toContain(shared);
  const tree = await stageContracts(root, [{ name: "quotes", contract, files }], { wide: false });
  try {
    const copy = tree.copies["quotes"]!;
    const staged = readTsContract(copy.contract, { mirror: copy });
    expect(Object.keys((staged.definitions.Tag as { properties: object }).properties)).toEqual(["label", "color"]);
    expect(staged.files).toContain(shared);
  } finally {
    await tree.dispose();
  }
});

test("a tsconfig the contract's extends from a workspace package (through a node_modules link) is read as staged in the copy", async () => {
  const root = await workspaceProject();
  const paths = (file: string) => `{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext", "paths": { "@tag": ["${file}"] } } }\n`;
  await writeTree(root, {
    "web/tsconfig.json": '{ "extends": "@acme/shared/tsconfig.json" }\n',
    "web/contracts/quote.ts": 'import type { Tag } from "@tag";\nexport interface Quote { tag: Tag }\n',
    "packages/shared/tsconfig.json": paths("./index.ts"),
    "packages/shared/other.ts": "export interface Tag { other: string }\n",
  });
  for (const args of [["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init"]]) await git(root, args);
  const base = join(root, "packages/shared/tsconfig.json");
  await writeFile(base, paths("./other.ts"));
  await git(root, ["add", "packages/shared/tsconfig.json"]);
  await writeFile(base, paths("./index.ts"));

  const contract = join(root, "web/contracts/quote.ts");
  const files = await readContractFiles(contract);
  expect(files).toContain(base);
  const tree = await stageContracts(root, [{ name: "quotes", contract, files }], { wide: false });
  const tag = (definitions: Record<string, unknown>) => Object.keys((definitions.Tag as { properties: object }).properties);
  try {
    const copy = tree.copies["quotes"]!;
    expect(tag(readTsContract(copy.contract, { mirror: copy }).definitions)).toEqual(["other"]);
  } finally {
    await tree.dispose();
  }
  expect(tag(readTsContract(contract, {}).definitions)).toEqual(["label"]);
});
