import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect } from "vitest";
import { REPO_ROOT } from "./paths.js";

/** A FastAPI service that implements web/contracts/quote.ts (which imports money.ts); its venv has mypy. */
export const CONTRACT_FIXTURE = join(REPO_ROOT, "test/fixtures/contract-service");
export const CONTRACT_PYTHON = join(CONTRACT_FIXTURE, ".venv/bin/python");
export const QUOTES_MODULE = "services/quotes/app/contract_models.py";
export const QUOTES_SPEC = "contracts/quotes.openapi.json";

const created: string[] = [];
// Registered when a test file imports this helper: an afterAll called from a test body never runs.
afterAll(() => Promise.all(created.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A project with the contract on the Node side, the service, and no module, spec or client yet. */
export async function contractProject(service: Record<string, unknown> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "sync-types-contract-"));
  created.push(dir);
  await cp(join(CONTRACT_FIXTURE, "web"), join(dir, "web"), { recursive: true });
  await cp(join(CONTRACT_FIXTURE, "service"), join(dir, "services/quotes"), { recursive: true });
  const quotes = { dir: "services/quotes", app: "app.main:app", spec: QUOTES_SPEC, output: "web/src/clients/quotes", python: CONTRACT_PYTHON, contract: "web/contracts/quote.ts", pydantic: QUOTES_MODULE, ...service };
  await writeFile(join(dir, "sync-types.config.json"), JSON.stringify({ services: { quotes }, typecheck: { tsconfig: "web/tsconfig.json" } }, null, 2));
  return dir;
}

/** Replaces `from` (which must be there) with `to` in `file`. */
export async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await readFile(file, "utf8");
  expect(text).toContain(from);
  await writeFile(file, text.replace(from, to));
}
