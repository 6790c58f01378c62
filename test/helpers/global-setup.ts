import { ensureVenv, exampleServiceDirs } from "../../scripts/venv.mjs";
import { REPO_ROOT } from "./paths.js";

/** Creates (or reuses, by requirements hash) each example service's venv once per run. */
export default async function setup(): Promise<void> {
  for (const dir of await exampleServiceDirs(REPO_ROOT)) await ensureVenv(dir, { log: (m: string) => console.log(m) });
}
