import { join } from "node:path";
import { ensureVenv, exampleServiceDirs } from "../../scripts/venv.mjs";
import { REPO_ROOT } from "./paths.js";

/** Venvs the tests run apps in besides the examples': FastAPI's tutorial apps need python-multipart; the contract service has mypy. */
const TEST_VENV_DIRS = ["test/fixtures/tutorial-corpus", "test/fixtures/contract-service"];

/** Creates (or reuses, by requirements hash) each example service's venv, and the tests' own, once per run. */
export default async function setup(): Promise<void> {
  const dirs = [...(await exampleServiceDirs(REPO_ROOT)), ...TEST_VENV_DIRS.map((dir) => join(REPO_ROOT, dir))];
  for (const dir of dirs) await ensureVenv(dir, { log: (m: string) => console.log(m) });
}
