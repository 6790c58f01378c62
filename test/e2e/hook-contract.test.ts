import { execa } from "execa";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { runCli } from "../helpers/cli.js";
import { cloneForTest } from "../helpers/git-clone.js";
import { QUOTES_MODULE as MODULE, QUOTES_SPEC as SPEC, contractProject, edit } from "../helpers/contract-project.js";

const QUOTE = "web/contracts/quote.ts";
const MONEY = "web/contracts/money.ts";
const TYPES = "web/src/clients/quotes/types.gen.ts";

const git = (cwd: string, args: string[]) => execa("git", args, { cwd, reject: false, env: { NO_COLOR: "1" } });
const lines = (text: string) => text.split("\n").filter(Boolean);
const stagedNames = async (repo: string) => lines((await git(repo, ["diff", "--cached", "--name-only"])).stdout);
const unstagedNames = async (repo: string) => lines((await git(repo, ["diff", "--name-only"])).stdout);
const stagedText = async (repo: string, path: string) => (await git(repo, ["show", `:${path}`])).stdout;

/**
 * The hook judges the contract as staged, not as the working tree has it: a contract (or a file it
 * imports) edited again after `git add` must not decide the verdict. A committed TS-first project
 * (contract, module, spec and client in sync), cloned per test; Python type-checking is off, it is
 * not what these tests are about.
 */
describe("the hook with a contract edited after it was staged", () => {
  let base: string;
  beforeAll(async () => {
    base = await contractProject({ source: "import", pythonTypecheck: false });
    await writeFile(join(base, ".gitignore"), "__pycache__/\n.mypy_cache/\n");
    expect((await runCli([], { cwd: base })).code).toBe(0);
    for (const args of [["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init"]]) expect((await git(base, args)).exitCode).toBe(0);
  }, 120_000);

  const clone = () => cloneForTest(base);
  const hook = (repo: string, args: string[] = []) => runCli(["hook", "run", ...args], { cwd: repo });

  /** Each contract file: a change that leaves the module stale, and a good one (new optional field) with a breaking edit to make after it. */
  const cases = [
    { file: QUOTE, change: ["  note?: string;\n", "  note: string;\n"], good: ["  note?: string;\n", "  note?: string;\n  /** Where the quote is sent. */\n  email?: string;\n"], breaking: ["  note?: string;\n", "  note: string;\n"] },
    { file: MONEY, change: ['  currency: "EUR" | "USD";', '  currency: "EUR" | "USD" | "CHF";'], good: ['  currency: "EUR" | "USD";\n', '  currency: "EUR" | "USD";\n  /** Shown to people. */\n  label?: string;\n'], breaking: ['"EUR" | "USD"', '"EUR"'] },
  ] as const;

  test.each(cases)("$file: a staged change taken back in the working tree only is still refused (the module is stale against the staged contract)", { timeout: 120_000 }, async ({ file, change }) => {
    const repo = await clone();
    const original = await readFile(join(repo, file), "utf8");
    await edit(join(repo, file), change[0], change[1]);
    await git(repo, ["add", file]);
    await writeFile(join(repo, file), original);

    const run = await hook(repo);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/✗ quotes\s+stale: .*\(unstaged changes to its sources left aside\)/);
    expect(run.stdout).toContain(MODULE);
    // The staged change to quote.ts is also a breaking one (a request field became required), and said so.
    expect(run.stdout).toMatch(/commit refused: the staged contract of quotes is stale[.;]/);
  });

  test.each(cases)("$file: a good staged change, with a breaking edit left unstaged, is let through", { timeout: 120_000 }, async ({ file, good, breaking }) => {
    const repo = await clone();
    await edit(join(repo, file), good[0], good[1]);
    expect((await runCli([], { cwd: repo })).code).toBe(0);
    await git(repo, ["add", "-A"]);
    expect(await stagedNames(repo)).toEqual(expect.arrayContaining([file, MODULE, SPEC, TYPES]));
    await edit(join(repo, file), breaking[0], breaking[1]);

    const run = await hook(repo);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/✓ quotes\s+staged contract in sync\s+\(unstaged changes to its sources left aside\)/);
    // The check ran in place of the working tree, which it left as it was.
    expect(await unstagedNames(repo)).toEqual([file]);
  });

  test("--fix stages the module generated from the staged contract and leaves the unstaged edit to the contract alone", { timeout: 120_000 }, async () => {
    const repo = await clone();
    await edit(join(repo, MONEY), '  currency: "EUR" | "USD";', '  currency: "EUR" | "USD" | "CHF";');
    await git(repo, ["add", MONEY]);
    await edit(join(repo, MONEY), '"EUR" | "USD" | "CHF"', '"EUR" | "USD" | "CHF" | "GBP"');

    const fixed = await hook(repo, ["--fix"]);
    expect(fixed.code, fixed.stdout + fixed.stderr).toBe(0);
    expect(fixed.stdout).toMatch(/↻ quotes\s+regenerated from its staged sources and staged/);
    expect(await stagedNames(repo)).toEqual(expect.arrayContaining([MONEY, MODULE, SPEC, TYPES]));
    const module = await stagedText(repo, MODULE);
    expect(module).toMatch(/^# generated by sync-types/);
    expect(module).toContain('"CHF"');
    expect(module).not.toContain('"GBP"');
    expect(await stagedText(repo, TYPES)).not.toContain('"GBP"');
    // Written to the working tree as staged; the contract edit stays there, unstaged.
    expect(await readFile(join(repo, MODULE), "utf8")).toBe(`${module}\n`);
    expect(await unstagedNames(repo)).toEqual([MONEY]);
    expect(await readFile(join(repo, MONEY), "utf8")).toContain('"GBP"');
    // What it staged is what the staged contract makes: the hook now lets the commit through.
    expect((await hook(repo)).code).toBe(0);
  });

  test("--fix refuses to write over a file of the user's at the module's path in the working tree, and touches nothing", { timeout: 120_000 }, async () => {
    const repo = await clone();
    await edit(join(repo, MONEY), '  currency: "EUR" | "USD";', '  currency: "EUR" | "USD" | "CHF";');
    await git(repo, ["add", MONEY]);
    const mine = "# my own models, not staged yet\nfrom pydantic import BaseModel\n";
    await writeFile(join(repo, MODULE), mine);

    const fixed = await hook(repo, ["--fix"]);
    expect(fixed.code, fixed.stdout + fixed.stderr).toBe(2);
    expect(fixed.stdout + fixed.stderr).toContain(`services.quotes.pydantic: ${MODULE} is not a module sync-types generated`);
    expect(await readFile(join(repo, MODULE), "utf8")).toBe(mine);
    expect(await stagedNames(repo)).toEqual([MONEY]);
  });

  test("a staged change to a file only the staged contract imports is checked (the working tree's contract no longer imports it)", { timeout: 120_000 }, async () => {
    const repo = await clone();
    await edit(join(repo, MONEY), '  currency: "EUR" | "USD";', '  currency: "EUR" | "USD" | "CHF";');
    await git(repo, ["add", MONEY]);
    const inline = 'export interface Money {\n  /** @asType integer */\n  amount: number;\n  currency: "EUR" | "USD";\n}\n';
    await edit(join(repo, QUOTE), 'import type { Money } from "./money.js";\n\nexport type { Money } from "./money.js";\n', inline);

    const run = await hook(repo);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain("commit refused: the staged contract of quotes is stale.");
  });

  test("an error in the staged contract names the contract's own path, fixed in the working tree or not", { timeout: 120_000 }, async () => {
    const repo = await clone();
    const original = await readFile(join(repo, QUOTE), "utf8");
    await edit(join(repo, QUOTE), "export interface Quote {", "export interface Quote {{");
    await git(repo, ["add", QUOTE]);
    await writeFile(join(repo, QUOTE), original);

    const run = await hook(repo);
    expect(run.code, run.stdout + run.stderr).toBe(2);
    const said = run.stdout + run.stderr;
    expect(said).toMatch(new RegExp(`${join(repo, QUOTE).replaceAll("/", "\\/")}:\\d+: .*\\(as staged\\)`));
    expect(said).not.toContain("sync-types-staged-contract-");
  });

  test.each([["git rm", ["rm", "-q", MONEY]], ["git rm --cached (the file kept, untracked)", ["rm", "-q", "--cached", MONEY]]])("the deletion of a file the contract imports, staged with %s, is checked and refused", { timeout: 120_000 }, async (_name, args) => {
    const repo = await clone();
    await git(repo, args);

    const run = await hook(repo);
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stdout).toMatch(/✗ quotes\s+could not be checked/);
    expect(run.stdout + run.stderr).not.toContain("sync-types-staged-contract-");
  });

  test("an OpenAPI contract: a staged change taken back in the working tree only is still refused", { timeout: 120_000 }, async () => {
    const document = "web/contracts/quotes.openapi.json";
    const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
    const money = { type: "object", properties: { amount: { type: "integer" }, currency: { type: "string", enum: ["EUR", "USD"] } }, required: ["amount", "currency"] };
    const contract = (currencies: string[]) => `${JSON.stringify({
      openapi: "3.1.0",
      info: { title: "Quotes", version: "1" },
      paths: {},
      components: {
        schemas: {
          Money: { ...money, properties: { ...money.properties, currency: { type: "string", enum: currencies } } },
          QuoteRequest: { type: "object", properties: { customer: { type: "string", minLength: 1 }, seats: { type: "integer", minimum: 1 }, note: { type: "string" } }, required: ["customer", "seats"] },
          Quote: { type: "object", properties: { customer: { type: "string" }, seats: { type: "integer" }, total: ref("Money"), note: { type: "string" } }, required: ["customer", "seats", "total"] },
        },
      },
    }, null, 2)}\n`;
    const repo = await contractProject({ contract: document, source: "import", pythonTypecheck: false });
    await writeFile(join(repo, document), contract(["EUR", "USD"]));
    await writeFile(join(repo, ".gitignore"), "__pycache__/\n");
    expect((await runCli([], { cwd: repo })).code).toBe(0);
    for (const args of [["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "init"]]) expect((await git(repo, args)).exitCode).toBe(0);

    await writeFile(join(repo, document), contract(["EUR", "USD", "CHF"]));
    await git(repo, ["add", document]);
    await writeFile(join(repo, document), contract(["EUR", "USD"]));
    const run = await hook(repo);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toMatch(/✗ quotes\s+stale: .*\(unstaged changes to its sources left aside\)/);
    expect(run.stdout).toContain(MODULE);
  });
});
