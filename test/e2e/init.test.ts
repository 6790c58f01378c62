import { execa } from "execa";
import { cp, mkdir, readFile, readdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { runCli, type CliResult } from "../helpers/cli.js";
import { BIN, EXAMPLES, FIXTURE_PYTHON, REPO_ROOT } from "../helpers/paths.js";
import { tempTree, writeTree } from "../helpers/temp-tree.js";

const ECOSYSTEM = `const path = require("node:path");
const service = (name, port) => ({
  name, cwd: path.join(__dirname, "services", name), script: ".venv/bin/python", interpreter: "none",
  args: ["-m", "uvicorn", "app.main:app", "--port", String(port)],
});
module.exports = { apps: [service("a", 8201), service("b", 8202), { name: "web", cwd: path.join(__dirname, "web"), script: "dist/main.js" }] };
`;
const TSCONFIG = JSON.stringify({
  compilerOptions: { strict: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", noEmit: true, types: [] },
  include: ["src"],
});
const CONSUMER = `import type { Estimate } from "./clients/a/index.js";

export const line = (estimate: Estimate): string => \`\${estimate.customer}: \${estimate.total}\`;
`;

/**
 * A newcomer's repo: a Node app in web/, two FastAPI services under pm2 (estimation-api and
 * content-api, their venvs linked), a tools/ folder with its own tsconfig, pnpm as the package manager.
 */
async function newcomerRepo(): Promise<string> {
  const dir = await tempTree({
    "ecosystem.config.cjs": ECOSYSTEM,
    "package.json": JSON.stringify({ name: "shop", private: true }),
    "pnpm-lock.yaml": "lockfileVersion: '9.0'\n",
    "web/package.json": JSON.stringify({ name: "web", type: "module" }),
    "web/tsconfig.json": TSCONFIG,
    "web/src/main.ts": CONSUMER,
    "tools/tsconfig.json": TSCONFIG,
  });
  for (const [name, from] of [["a", "estimation-api"], ["b", "content-api"]] as const) {
    await cp(join(EXAMPLES, "services", from), join(dir, "services", name), { recursive: true, filter: (p) => !/\/(\.venv|__pycache__)(\/|$)/.test(p) });
    await symlink(join(EXAMPLES, "services", from, ".venv"), join(dir, "services", name, ".venv"));
  }
  await mkdir(join(dir, "node_modules"));
  await symlink(REPO_ROOT, join(dir, "node_modules/sync-types"));
  await mkdir(join(dir, "web/node_modules"));
  await symlink(join(REPO_ROOT, "node_modules/typescript"), join(dir, "web/node_modules/typescript"));
  return dir;
}

describe("sync-types init on a repo with a Node app and two pm2 services", () => {
  let dir: string;
  let init: CliResult;
  beforeAll(async () => {
    dir = await newcomerRepo();
    init = await runCli(["init", "--yes"], { cwd: dir });
  });

  test("init --yes puts the clients in web/, checks web/tsconfig.json, and says what it chose and why", async () => {
    expect(init.stderr).toBe("");
    expect(init.code).toBe(0);
    expect(init.stdout).toContain("Found 2 Node/TypeScript apps that may call them:");
    expect(init.stdout).toMatch(/1\) web\/\s+\(pm2 app "web" in ecosystem\.config\.cjs; web\/tsconfig\.json\)\n\s+2\) tools\/\s+\(tools\/tsconfig\.json\)/);
    expect(init.stdout).toContain("Chose 1) web/: a pm2 app ranks first, then a workspace package, then any other folder with a tsconfig.json; the project folder itself last; ties by path. Choose another with --consumer <dir>.");
    expect(init.stdout).toContain('breaking.policy: "deploy-together": the app and every service run from the same pm2 file, so they deploy together.');
    expect(init.stdout).toContain("Next: `pnpm exec sync-types` fetches each spec and generates its client.");
    const config = await readFile(join(dir, "sync-types.config.ts"), "utf8");
    expect(config).toContain('output: "web/src/clients/a",');
    expect(config).toContain('output: "web/src/clients/b",');
    expect(config).toContain('  typecheck: { tsconfig: "web/tsconfig.json" },');
    expect(config).toContain('  breaking: { policy: "deploy-together" },');
  });

  test("then sync-types writes the clients into web/, and check judges web's call sites", async () => {
    expect((await runCli(["--source", "import"], { cwd: dir })).code).toBe(0);
    expect((await readdir(join(dir, "web/src/clients"))).sort()).toEqual(["a", "b"]);
    const inSync = await runCli(["check", "--source", "import"], { cwd: dir });
    expect(inSync.stdout).toContain("all contracts in sync");
    expect(inSync.code).toBe(0);

    // A renamed field breaks web's call site: check names it, and the fix in pnpm's words.
    const models = join(dir, "services/a/app/models.py");
    const text = await readFile(models, "utf8");
    await writeFile(models, text.replace("    customer: str = Field(min_length=1, max_length=200)", "    client_name: str = Field(min_length=1, max_length=200)"));
    const broken = await runCli(["check", "--source", "import", "--service", "a"], { cwd: dir });
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/web\/src\/main\.ts:3:\d+\s+TS2339\s+Property 'customer' does not exist/);
    expect(broken.stdout).toContain('breaking changes in a let through: breaking.policy is "deploy-together"');
    expect(broken.stdout).toContain("fix: run `pnpm exec sync-types` and commit the result, then fix the call sites above.");
    await writeFile(models, text);
  }, 180_000); // four real runs over two services, on a shared 2-core machine

  test("on a terminal it asks which app and which policy, the answers typed ahead", async () => {
    const repo = await newcomerRepo();
    // A pseudo-terminal, as a user has: init asks only when stdin and stdout are terminals.
    const run = await execa(FIXTURE_PYTHON, ["-c", "import pty, sys; sys.exit(pty.spawn(sys.argv[1:]) >> 8)", process.execPath, BIN, "init"], {
      cwd: repo, input: "2\n2\n\n", env: { NO_COLOR: "1", FORCE_COLOR: undefined }, reject: false,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Which app calls the services? Its clients go in its src/clients. [1-2, Enter = 1]");
    // tools/ is no pm2 app: nothing shows it deploys with the services, so "independent" is the default answer.
    expect(run.stdout).toMatch(/Does the app deploy together with the services\?\r?\n.*1\) deploy-together.*\r?\n.*2\) independent.*\r?\n\[1-2, Enter = 2\]/);
    expect(run.stdout).toContain("Write sync-types.config.ts? [Y/n]");
    const config = await readFile(join(repo, "sync-types.config.ts"), "utf8");
    expect(config).toContain('output: "tools/src/clients/a",');
    expect(config).toContain('  typecheck: { tsconfig: "tools/tsconfig.json" },');
    expect(config).toContain('  breaking: { policy: "independent" },');
  });

  test("--consumer and --breaking-policy choose without asking; a missing folder is exit 2", async () => {
    const repo = await newcomerRepo();
    const missing = await runCli(["init", "--yes", "--consumer", "nope"], { cwd: repo });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`--consumer nope: ${join(repo, "nope")} is not a folder`);
    const run = await runCli(["init", "--yes", "--consumer", "tools", "--breaking-policy", "independent"], { cwd: repo });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Node/TypeScript app: tools/ (--consumer)");
    expect(run.stdout).toContain('breaking.policy: "independent" (--breaking-policy)');
    const config = await readFile(join(repo, "sync-types.config.ts"), "utf8");
    expect(config).toContain('output: "tools/src/clients/b",');
    expect(config).toContain('  breaking: { policy: "independent" },');
  });
});

describe("sync-types init where it finds less", () => {
  test("no Node app: today's layout, said with what was looked for", async () => {
    const repo = await tempTree({ "main.py": "from fastapi import FastAPI\napp = FastAPI()\n", "yarn.lock": "" });
    const run = await runCli(["init", "--yes"], { cwd: repo });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("No Node/TypeScript app found: looked for pm2 apps that are not FastAPI, npm/pnpm/yarn workspace packages, and a tsconfig.json in the project folder or a folder right below it.");
    expect(run.stdout).toContain("Install sync-types in this project (yarn add -D sync-types)");
    const config = await readFile(join(repo, "sync-types.config.ts"), "utf8");
    expect(config).toContain('output: "src/clients/');
    expect(config).not.toContain("typecheck");
  });

  test("no FastAPI app: exit 2, naming what it looked for and where", async () => {
    const repo = await tempTree({ "web/tsconfig.json": "{}", "scripts/tool.py": "print('hi')\n" });
    const run = await runCli(["init", "--yes"], { cwd: repo });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no FastAPI app found in ${repo} (looked for pm2 ecosystem files, pyproject.toml [tool.fastapi] entrypoint and Python files creating FastAPI() at module level)`);
    expect(run.stderr).toContain("run init from the folder that holds the services");
    expect(await readdir(repo)).toEqual(["scripts", "web"]);
  });

  test("a command without a config points at init", async () => {
    const repo = await tempTree({});
    await writeTree(repo, { "README.md": "" });
    const run = await runCli(["check"], { cwd: repo });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("run `sync-types init` to write sync-types.config.ts");
  });
});
