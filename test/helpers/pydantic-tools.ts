import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * One datamodel-code-generator tool venv for every test run on this machine (installed by the
 * first test that needs it, about 10 s), outside the user's own cache.
 */
export const TEST_TOOLS_DIR = join(tmpdir(), "sync-types-test-tools");

export const TOOLS_ENV = { SYNC_TYPES_TOOLS_DIR: TEST_TOOLS_DIR };
