import { fileURLToPath } from "node:url";
import { join } from "node:path";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = join(REPO_ROOT, "bin/sync-types.js");
export const EXAMPLES = join(REPO_ROOT, "examples");
/** The fixtures run in the estimation-api venv: FastAPI + uvicorn, nothing else needed. */
export const FIXTURE_PYTHON = join(EXAMPLES, "services/estimation-api/.venv/bin/python");
export const CONTENT_PYTHON = join(EXAMPLES, "services/content-api/.venv/bin/python");
/** FastAPI's docs tutorial apps run here: FastAPI, uvicorn and python-multipart (test/fixtures/tutorial-corpus/requirements.txt). */
export const CORPUS_PYTHON = join(REPO_ROOT, "test/fixtures/tutorial-corpus/.venv/bin/python");
