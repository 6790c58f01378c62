import { execa } from "execa";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, onTestFinished, test } from "vitest";
import { HOOK_MARKER, hookScript, managerSnippet } from "../../../src/hook/script.js";
import { commandsOf } from "../../../src/package-manager.js";

/** Executable files (path → content) in a temp folder removed when the test ends. */
async function scripts(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "sync-types-hook-script-"));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content, { mode: 0o755 });
  }
  return dir;
}

describe("hookScript", () => {
  test("is valid sh, marked as ours, and quotes paths it cannot pass bare", async () => {
    const script = hookScript({ args: ["-c", "app's dir/sync-types.config.ts", "--fix"], binDirs: ["app's dir", ""] });
    expect(script).toContain(HOOK_MARKER);
    expect(script).toContain(`for bin in 'app'\\''s dir/node_modules/.bin/sync-types' node_modules/.bin/sync-types; do`);
    expect(script).toContain(`exec "$bin" hook run -c 'app'\\''s dir/sync-types.config.ts' --fix`);
    expect((await execa("/bin/sh", ["-n"], { input: script, reject: false })).exitCode).toBe(0);
  });

  test("runs the previous hook first, stops on its failure, then the nearest project bin", async () => {
    const dir = await scripts({
      "app/node_modules/.bin/sync-types": "#!/bin/sh\necho \"app bin: $*\"\n",
      "node_modules/.bin/sync-types": "#!/bin/sh\necho root bin\n",
      "hooks/pre-commit.sync-types-previous": "#!/bin/sh\necho previous\nexit ${FAIL:-0}\n",
      "hooks/pre-commit": hookScript({ args: ["-c", "app/sync-types.config.ts"], binDirs: ["app", ""] }),
    });
    const env = { PATH: process.env["PATH"]! };
    const ok = await execa(join(dir, "hooks/pre-commit"), { cwd: dir, reject: false, env, extendEnv: false });
    expect(ok.stdout).toBe("previous\napp bin: hook run -c app/sync-types.config.ts");
    const failed = await execa(join(dir, "hooks/pre-commit"), { cwd: dir, reject: false, env: { ...env, FAIL: "4" }, extendEnv: false });
    expect([failed.exitCode, failed.stdout]).toEqual([4, "previous"]);
  });

  test("says what to do when neither the project bin nor npx has sync-types", async () => {
    const dir = await scripts({});
    // A PATH with no npx: only what the script itself needs.
    await mkdir(join(dir, "bin"));
    await symlink("/usr/bin/dirname", join(dir, "bin/dirname"));
    const script = hookScript({ args: [], binDirs: [""], packageManager: commandsOf("pnpm") });
    expect(script).toContain(`${HOOK_MARKER}: \`pnpm exec sync-types hook install --uninstall\` removes it`);
    const run = await execa("/bin/sh", ["-c", script], { cwd: dir, reject: false, env: { PATH: join(dir, "bin") }, extendEnv: false });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("sync-types: not installed here");
    expect(run.stderr).toContain("run pnpm install, or skip");
    expect(run.stderr).toContain("git commit --no-verify");
  });
});

test.each([
  ["husky", "echo 'npx --no-install sync-types hook run --fix' >> .husky/pre-commit"],
  ["lefthook", "pre-commit:\n  commands:\n    sync-types:\n      run: npx --no-install sync-types hook run --fix"],
  ["pre-commit", "        entry: npx --no-install sync-types hook run --fix\n        language: system\n        pass_filenames: false"],
] as const)("managerSnippet(%s)", (manager, want) => {
  expect(managerSnippet(manager, ["--fix"])).toContain(want);
});

test.each([
  ["pnpm", "echo 'pnpm exec sync-types hook run --fix' >> .husky/pre-commit"],
  ["yarn", "echo 'yarn sync-types hook run --fix' >> .husky/pre-commit"],
  ["bun", "echo 'bun run sync-types hook run --fix' >> .husky/pre-commit"],
] as const)("managerSnippet names the project's own package manager: %s", (name, want) => {
  expect(managerSnippet("husky", ["--fix"], commandsOf(name))).toBe(want);
});
