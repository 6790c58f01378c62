// The runtime is a real file of the package: generation copies it, and npm ships it.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { RUNTIME_FILE } from "../../../../src/generate/client/runtime-source.js";
import { generateFiles } from "../../../../src/generate/index.js";
import { bannerFor } from "../../../../src/generate/file.js";
import type { OpenApiDocument } from "../../../../src/spec/types.js";
import { REPO_ROOT } from "../../../helpers/paths.js";

const EMPTY = { openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {} } as OpenApiDocument;

test("runtime.gen.ts is the banner, then runtime/runtime.ts byte for byte", async () => {
  const files = await generateFiles(EMPTY, { specPath: "../api.json" });
  expect(files.find((file) => file.path === "runtime.gen.ts")?.content).toBe(bannerFor("../api.json") + (await readFile(RUNTIME_FILE, "utf8")));
});

test("the npm package ships runtime/runtime.ts, the file generation reads", async () => {
  const { stdout } = await promisify(execFile)("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO_ROOT });
  const [packed] = JSON.parse(stdout) as [{ files: { path: string }[] }];
  expect(packed.files.map((file) => file.path)).toContain("runtime/runtime.ts");
  expect(RUNTIME_FILE).toBe(`${REPO_ROOT}runtime/runtime.ts`);
});
