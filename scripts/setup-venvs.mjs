#!/usr/bin/env node
// Creates (or reuses) the virtualenv of every example service: `node scripts/setup-venvs.mjs`.
// Sequential on purpose: parallel pip installs fight over the shared pip cache and
// interleave their error output.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureVenv, exampleServiceDirs, venvIsCurrent } from "./venv.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

for (const dir of exampleServiceDirs(root)) {
  const name = path.basename(dir);
  const cached = await venvIsCurrent(dir);
  const started = performance.now();
  try {
    await ensureVenv(dir);
  } catch (err) {
    console.error(`${name}: could not set up ${path.relative(root, dir)}/.venv: ${err.message}`);
    process.exitCode = 1;
    break;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${name}: venv ${cached ? "ready (cached)" : `created in ${seconds}s`}`);
}
