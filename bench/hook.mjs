// `sync-types hook run` when the commit touches no service (the budget: under 0.3 s for the
// whole process), in a git repository holding a copy of the examples and their `.ts` config:
// warm (the hook manifest is cached) and cold (the config is loaded to rebuild it).
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, median, run, table, timeOnce } from "./lib.mjs";

const RUNS = 20;
const BIN = join(ROOT, "bin/sync-types.js");

function repository() {
  const dir = mkdtempSync(join(tmpdir(), "sync-types-bench-hook-"));
  cpSync(join(ROOT, "examples"), dir, { recursive: true, filter: (p) => !/[/\\](\.venv|__pycache__|node_modules)([/\\]|$)/.test(p) });
  // The config imports "sync-types": resolve it to this checkout, as an install would.
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(ROOT, join(dir, "node_modules/sync-types"));
  writeFileSync(join(dir, ".gitignore"), "node_modules\n");
  const git = (...args) => run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", ...args], { cwd: dir });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "examples");
  writeFileSync(join(dir, "CHANGELOG.md"), "# changes\n");
  git("add", "CHANGELOG.md");
  return dir;
}

function sample(dir, before = () => {}) {
  const seconds = [];
  for (let i = 0; i < RUNS; i++) {
    before();
    seconds.push(timeOnce(["node", BIN, "hook", "run"], { cwd: dir }).seconds);
  }
  return `${median(seconds).toFixed(2)} s`;
}

export function benchHook() {
  const dir = repository();
  try {
    const floor = `${median(Array.from({ length: RUNS }, () => timeOnce(["node", BIN, "--version"], { cwd: dir }).seconds)).toFixed(2)} s`;
    const cold = sample(dir, () => rmSync(join(dir, "node_modules/.cache"), { recursive: true, force: true }));
    const warm = sample(dir);
    return table([`hook run, docs-only change staged (median of ${RUNS})`, "wall"], [
      ["warm manifest (every commit after the first)", warm],
      ["cold manifest (the .ts config is loaded)", cold],
      ["floor: sync-types --version", floor],
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
