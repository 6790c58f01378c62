// `sync-types pydantic` as a TS-first sync pays for it: warm (contract unchanged: the content
// cache answers, neither TypeScript nor Python starts) and regenerating (the contract changed:
// ts-json-schema-generator + datamodel-code-generator), on a 5-type contract and on the
// round-trip corpus (its exported types counted, so the label follows the corpus). The tool venv is installed ahead, untimed (a one-off per machine).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, measure, run, table } from "./lib.mjs";

const RUNS = 5;
const BIN = join(ROOT, "bin/sync-types.js");

const SMALL = `export interface Money { /** @asType integer */ amount: number; currency: "EUR" | "USD" }
export interface LineItem { sku: string; quantity: number; price: Money }
export type Stage = "draft" | "sent" | "won" | "lost";
export interface Estimate { id: string; customer: string; stage: Stage; lines: LineItem[]; total: Money; notes?: string; closedAt: string | null }
export interface EstimateCreate { customer: string; lines: LineItem[]; notes?: string }
`;

export function benchPydantic() {
  const dir = mkdtempSync(join(tmpdir(), "sync-types-bench-pydantic-"));
  try {
    cpSync(join(ROOT, "test/fixtures/ts-contract"), join(dir, "corpus"), { recursive: true });
    writeFileSync(join(dir, "small.ts"), SMALL);
    const rows = [];
    const corpus = join(dir, "corpus/contract.ts");
    const corpusTypes = readFileSync(corpus, "utf8").match(/^export (interface|type|enum|const enum) /gm)?.length ?? 0;
    for (const [label, contract] of [["5 types", join(dir, "small.ts")], [`${corpusTypes} types (round-trip corpus)`, corpus]]) {
      const argv = (extra = []) => ["node", BIN, "pydantic", contract, "-o", join(dir, "models.py"), ...extra];
      run(argv(["--no-cache"]), { cwd: dir }); // installs the tool venv on a machine's first run
      const warm = measure(argv(), { runs: RUNS, cwd: dir });
      const regenerate = measure(argv(["--no-cache"]), { runs: RUNS, cwd: dir });
      rows.push([label, `${warm.seconds.toFixed(2)} s`, `${regenerate.seconds.toFixed(2)} s`]);
    }
    const floor = measure(["node", BIN, "--version"], { runs: RUNS, cwd: dir });
    rows.push(["floor: sync-types --version", `${floor.seconds.toFixed(2)} s`, ""]);
    return table([`sync-types pydantic <contract> -o models.py (median of ${RUNS})`, "warm (unchanged)", "contract changed"], rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
