// Per-service Python virtualenvs for the examples and tests: `dir/.venv`, rebuilt only when
// `dir/requirements.txt` changes. No dependencies, so it runs before `npm run build`.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const STAMP = ".requirements.sha256";

/** Absolute dirs of `examples/services/*` that have a requirements.txt, sorted by name. */
export function exampleServiceDirs(root) {
  const services = path.resolve(root, "examples", "services");
  return readdirSync(services, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(services, entry.name, "requirements.txt")))
    .map((entry) => path.join(services, entry.name))
    .sort();
}

/** True when `dir/.venv` was fully installed from the current `dir/requirements.txt`. */
export async function venvIsCurrent(dir) {
  const venv = path.join(dir, ".venv");
  // existsSync follows the symlink, so a venv whose base Python was removed counts as stale.
  if (!existsSync(path.join(venv, "bin", "python"))) return false;
  const stamp = await readFile(path.join(venv, STAMP), "utf8").catch(() => "");
  return stamp.trim() === (await requirementsDigest(dir));
}

/**
 * Makes `dir/.venv` match `dir/requirements.txt` and returns its python path.
 * The venv is built in place, not in a temp dir renamed into place, because pip writes the
 * venv's absolute path into console-script shebangs; the stamp is written last instead, so an
 * interrupted install never looks complete and is redone on the next call.
 */
export async function ensureVenv(dir, { log } = {}) {
  const venv = path.join(path.resolve(dir), ".venv");
  const python = path.join(venv, "bin", "python");
  if (await venvIsCurrent(dir)) return python;

  return withLock(lockPath(venv), async () => {
    // Another process may have finished the same install while we waited for the lock.
    if (await venvIsCurrent(dir)) return python;
    const digest = await requirementsDigest(dir);
    log?.(`creating ${venv}`);
    await rm(path.join(venv, STAMP), { force: true });
    await rm(venv, { recursive: true, force: true });
    await run("python3", ["-m", "venv", venv], dir);
    log?.(`installing ${path.join(dir, "requirements.txt")}`);
    await run(python, ["-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", "requirements.txt"], dir);
    const tmp = path.join(venv, `${STAMP}.${process.pid}.tmp`);
    await writeFile(tmp, `${digest}\n`);
    await rename(tmp, path.join(venv, STAMP));
    return python;
  });
}

async function requirementsDigest(dir) {
  return createHash("sha256").update(await readFile(path.join(dir, "requirements.txt"))).digest("hex");
}

/** Runs a command with the parent's stdout/stderr, so pip's own error message is what the user sees. */
function run(command, args, cwd) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", (err) =>
      reject(new Error(err.code === "ENOENT" ? `${command} not found on PATH` : `${command}: ${err.message}`)),
    );
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`\`${[path.basename(command), ...args].join(" ")}\` failed (${signal ?? `exit ${code}`})`));
    });
  });
}

// Outside the repo, so a crashed run leaves no stray file in the working tree.
function lockPath(venv) {
  const id = createHash("sha256").update(venv).digest("hex").slice(0, 16);
  return path.join(os.tmpdir(), `sync-types-venv-${id}.lock`);
}

/** Serializes installs into one venv across processes (parallel test workers share the examples). */
async function withLock(file, fn) {
  for (;;) {
    try {
      await writeFile(file, String(process.pid), { flag: "wx" });
      break;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
      const owner = Number(await readFile(file, "utf8").catch(() => ""));
      if (owner && !isAlive(owner)) await rm(file, { force: true });
      else await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(file, { force: true });
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}
