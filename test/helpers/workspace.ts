import { execa } from "execa";
import { mkdir, readdir, readFile, rm, symlink } from "node:fs/promises";
import { join, relative } from "node:path";
import { REPO_ROOT } from "./paths.js";
import { makeProject } from "./project.js";
import { writeTree } from "./temp-tree.js";

/**
 * A JavaScript workspace around two services of the `marked` fixture app (`alpha`, `beta`,
 * `source: "import"`), each appending its name to the workspace's `imports.log` whenever it is imported.
 * sync-types, nx and turbo are linked into its node_modules as an install would put them.
 */
export async function makeWorkspace(files: Record<string, string> = {}): Promise<{ dir: string; imports: () => Promise<string[]> }> {
  const service = { from: "test/fixtures/apps/marked", app: "app:app", source: "import" };
  const dir = await makeProject({ alpha: service, beta: service });
  await writeTree(dir, {
    ".gitignore": "node_modules\n.nx\n.turbo\nimports.log\n",
    "package.json": `${JSON.stringify({ name: "workspace", private: true, packageManager: "npm@10.9.2", workspaces: ["web"] }, null, 2)}\n`,
    "web/package.json": `${JSON.stringify({ name: "web", private: true }, null, 2)}\n`,
    "imports.log": "",
    ...files,
  });
  await mkdir(join(dir, "node_modules/.bin"), { recursive: true });
  await symlink(REPO_ROOT, join(dir, "node_modules/sync-types"));
  await symlink("../sync-types/bin/sync-types.js", join(dir, "node_modules/.bin/sync-types"));
  for (const tool of ["nx", "turbo"]) await symlink(join(REPO_ROOT, "node_modules", tool), join(dir, "node_modules", tool));
  // Turborepo hashes files through git when there is a repository, as in any real checkout.
  await execa("git", ["init", "-q"], { cwd: dir });
  const imports = async () => {
    const lines = (await readFile(join(dir, "imports.log"), "utf8")).split("\n").filter((line) => line !== "");
    await writeTree(dir, { "imports.log": "" });
    return lines.sort();
  };
  return { dir, imports };
}

/** Turns the workspace's JSON config into `sync-types.config.ts`, as `init` writes it. */
export async function useTypeScriptConfig(dir: string): Promise<void> {
  const json = await readFile(join(dir, "sync-types.config.json"), "utf8");
  await rm(join(dir, "sync-types.config.json"));
  await writeTree(dir, { "sync-types.config.ts": `import { defineConfig } from "sync-types";\n\nexport default defineConfig(${json.trim()});\n` });
}

/** Every file under the given folders or files of `dir`, path → bytes, to compare runs byte for byte. */
export async function snapshotFiles(dir: string, paths: string[]): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const visit = async (path: string): Promise<void> => {
    const entries = await readdir(path, { withFileTypes: true }).catch(() => undefined);
    if (!entries) {
      files[relative(dir, path)] = (await readFile(path)).toString("base64");
      return;
    }
    for (const entry of entries) await visit(join(path, entry.name));
  };
  for (const path of paths) await visit(join(dir, path));
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
}

/** Runs a build tool of the workspace (its node_modules copy), without colour, without daemon, cloud or telemetry. */
export async function runTool(tool: "nx" | "turbo", args: string[], dir: string, env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  const bin = tool === "nx" ? "node_modules/nx/dist/bin/nx.js" : "node_modules/turbo/bin/turbo";
  const result = await execa(process.execPath, [join(dir, bin), ...args], {
    cwd: dir,
    reject: false,
    all: true,
    stdin: "ignore",
    env: {
      NO_COLOR: "1",
      FORCE_COLOR: "0",
      NX_DAEMON: "false",
      NX_NO_CLOUD: "true",
      NX_TUI: "false",
      TURBO_TELEMETRY_DISABLED: "1",
      DO_NOT_TRACK: "1",
      TURBO_NO_UPDATE_NOTIFIER: "1",
      ...env,
    },
  });
  return { code: result.exitCode ?? -1, output: String(result.all) };
}
