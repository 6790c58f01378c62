import { cp, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { EXAMPLES, FIXTURE_PYTHON, REPO_ROOT } from "./paths.js";

export interface ProjectService {
  /** Folder copied into the project: an example service name or a path under test/fixtures/apps. */
  from: string;
  [option: string]: unknown;
}

/**
 * A throwaway project in a temp dir: the named services copied in (without their venvs,
 * which stay shared) and a JSON config. Removed after the test file.
 */
const created: string[] = [];
// Registered when a test file imports this helper: an afterAll called from a test body never runs.
afterAll(() => Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true }))));

export async function makeProject(services: Record<string, ProjectService>, extra: Record<string, unknown> = {}) {
  const dir = await mkdtemp(join(tmpdir(), "sync-types-test-"));
  created.push(dir);
  const config: Record<string, unknown> = {};
  for (const [name, { from, ...options }] of Object.entries(services)) {
    const source = from.includes("/") ? join(REPO_ROOT, from) : join(EXAMPLES, "services", from);
    const python = from.includes("/") ? FIXTURE_PYTHON : join(source, ".venv/bin/python");
    await cp(source, join(dir, "services", name), {
      recursive: true,
      filter: (path) => !/\/(\.venv|__pycache__)(\/|$)/.test(path),
    });
    config[name] = {
      dir: `services/${name}`,
      app: "app.main:app",
      spec: `contracts/${name}.openapi.json`,
      output: `src/clients/${name}`,
      python,
      ...options,
    };
  }
  await writeFile(join(dir, "sync-types.config.json"), JSON.stringify({ services: config, ...extra }, null, 2));
  return dir;
}
