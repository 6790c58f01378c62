/** The text sync-types puts in a git hook, and what it tells husky, lefthook and pre-commit users to add instead. */
import { commandsOf, type PackageManager } from "../package-manager.js";

/** The line that tells our hook from anyone else's. */
export const HOOK_MARKER = "# installed by sync-types";
/** An existing hook is moved aside under this name, run first, and put back by `--uninstall`. */
export const PREVIOUS_SUFFIX = ".sync-types-previous";

export type HookManager = "husky" | "lefthook" | "pre-commit";

export interface HookCommand {
  /** Arguments after `hook run`: `-c <config>` when the root would not find it, `--fix`. */
  args: string[];
  /** Folders, relative to the repository root and nearest the config first, where `node_modules/.bin/sync-types` may be. */
  binDirs: string[];
  /** Whose install command the "not installed" message names. Default npm. */
  packageManager?: PackageManager;
}

const quote = (word: string) => (/^[\w./@:=+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

/** The project's own sync-types, never a downloaded one: `npx --no-install`, `pnpm exec`, `yarn`, `bun run`. */
function localCommand(args: string[], packageManager: PackageManager = commandsOf("npm")): string {
  const words = ["hook", "run", ...args].map(quote).join(" ");
  return packageManager.name === "npm" ? `npx --no-install sync-types ${words}` : packageManager.run(words);
}

export function hookScript(command: HookCommand): string {
  const packageManager = command.packageManager ?? commandsOf("npm");
  const run = ["hook", "run", ...command.args].map(quote).join(" ");
  const bins = command.binDirs.map((dir) => quote(dir === "" ? "node_modules/.bin/sync-types" : `${dir}/node_modules/.bin/sync-types`));
  return `#!/bin/sh
${HOOK_MARKER}: \`${packageManager.run("hook install --uninstall")}\` removes it and restores the hook it replaced.
# Git runs hooks from the top of the working tree, so the paths below are relative to it.
previous="$(dirname "$0")/pre-commit${PREVIOUS_SUFFIX}"
if [ -x "$previous" ]; then
  "$previous" "$@" || exit $?
fi
for bin in ${bins.join(" ")}; do
  if [ -x "$bin" ]; then exec "$bin" ${run}; fi
done
if command -v npx >/dev/null 2>&1 && npx --no-install sync-types --version >/dev/null 2>&1; then
  exec ${localCommand(command.args)}
fi
echo "sync-types: not installed here (no node_modules/.bin/sync-types, and npx --no-install sync-types found none)." >&2
echo "  run ${packageManager.install}, or skip this check once with git commit --no-verify" >&2
exit 1
`;
}

/** What to add to the hook manager's own config, ready to paste. */
export function managerSnippet(manager: HookManager, args: string[], packageManager?: PackageManager): string {
  const command = localCommand(args, packageManager);
  switch (manager) {
    case "husky":
      return `echo ${quote(command)} >> .husky/pre-commit`;
    case "lefthook":
      return `pre-commit:\n  commands:\n    sync-types:\n      run: ${command}`;
    case "pre-commit":
      return [
        "repos:",
        "  - repo: local",
        "    hooks:",
        "      - id: sync-types",
        "        name: sync-types",
        `        entry: ${command}`,
        "        language: system",
        "        pass_filenames: false",
      ].join("\n");
  }
}
