/** The text sync-types puts in a git hook, and what it tells husky, lefthook and pre-commit users to add instead. */

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
}

const quote = (word: string) => (/^[\w./@:=+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`);

/** `npx --no-install` runs the project's own sync-types and never downloads one. */
function npxCommand(args: string[]): string {
  return ["npx", "--no-install", "sync-types", "hook", "run", ...args].map(quote).join(" ");
}

export function hookScript(command: HookCommand): string {
  const run = ["hook", "run", ...command.args].map(quote).join(" ");
  const bins = command.binDirs.map((dir) => quote(dir === "" ? "node_modules/.bin/sync-types" : `${dir}/node_modules/.bin/sync-types`));
  return `#!/bin/sh
${HOOK_MARKER}: \`npx sync-types hook install --uninstall\` removes it and restores the hook it replaced.
# Git runs hooks from the top of the working tree, so the paths below are relative to it.
previous="$(dirname "$0")/pre-commit${PREVIOUS_SUFFIX}"
if [ -x "$previous" ]; then
  "$previous" "$@" || exit $?
fi
for bin in ${bins.join(" ")}; do
  if [ -x "$bin" ]; then exec "$bin" ${run}; fi
done
if command -v npx >/dev/null 2>&1 && npx --no-install sync-types --version >/dev/null 2>&1; then
  exec ${npxCommand(command.args)}
fi
echo "sync-types: not installed here (no node_modules/.bin/sync-types, and npx --no-install sync-types found none)." >&2
echo "  run npm install (or your package manager's), or skip this check once with git commit --no-verify" >&2
exit 1
`;
}

/** What to add to the hook manager's own config, ready to paste. */
export function managerSnippet(manager: HookManager, args: string[]): string {
  const command = npxCommand(args);
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
