import { tmpdir } from "node:os";
import { join } from "node:path";
import { provideCodegenTool } from "../../src/pydantic/tool-env.js";

/**
 * One datamodel-code-generator tool venv for every test run on this machine (installed by the
 * first test that needs it, about 10 s), outside the user's own cache.
 */
export const TEST_TOOLS_DIR = join(tmpdir(), "sync-types-test-tools");

export const TOOLS_ENV = { SYNC_TYPES_TOOLS_DIR: TEST_TOOLS_DIR };

/** The test tool venv's python (installing it when missing): a venv that has the pinned generator. */
export async function testToolPython(): Promise<string> {
  const saved = process.env.SYNC_TYPES_TOOLS_DIR;
  process.env.SYNC_TYPES_TOOLS_DIR = TEST_TOOLS_DIR;
  try {
    return (await provideCodegenTool({})).python;
  } finally {
    if (saved === undefined) delete process.env.SYNC_TYPES_TOOLS_DIR;
    else process.env.SYNC_TYPES_TOOLS_DIR = saved;
  }
}
