import { mkdir, symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { bundledAnalysis } from "../../../src/check/bundled-analysis.js";
import { openConsumerCompiler, type ConsumerCompiler } from "../../../src/check/compiler/index.js";
import { newDiagnostics } from "../../../src/check/typecheck.js";
import type { Change, Direction } from "../../../src/diff/types.js";
import { REPO_ROOT } from "../../helpers/paths.js";
import { tempTree } from "../../helpers/temp-tree.js";

const TSCONFIG = JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", strict: true, noEmit: true }, include: ["src"] });
// openapi-typescript's shape: models nested under `components.schemas`, aliases exported beside them.
const CLIENT = (amount: string) => `export interface components {
  schemas: {
    Quote: { ${amount} label: string; stage: components["schemas"]["Stage"] };
    "Order-Input": { note: string };
    Stage: "open" | "won";
  };
}
export type Quote = components["schemas"]["Quote"];
export type Order = components["schemas"]["Order-Input"];
`;
// A read, a shorthand and a keyed write, a model-typed property, and a call
// site the overlay breaks: each way references.ts and attribute.ts find what a call site used.
const APP = `import type { Order, Quote } from "./client/index.js";
export const price = (q: Quote): string => q.amount.toFixed(2);
export const label = (q: Quote): string => q.label;
export const order = (note: string): Order => ({ note });
export const draft: Order = { note: "x" };
export const open = (q: Quote): boolean => q.stage === "open";
`;

const opened: ConsumerCompiler[] = [];
afterEach(() => opened.splice(0).forEach((c) => c.close()));

function change(id: string, location: string, direction: Direction): Change {
  return {
    id, location, direction, level: "warn", subject: location.split(".")[0]!, pointer: "", side: "base", line: 1, column: 1,
    verdict: { compile: "safe", runtime: "may" }, message: id, operations: [], fingerprint: id,
  };
}

test.each(["typescript", "typescript6", "typescript7"])("what call sites used, as %s's analysis answers it", async (pkg) => {
  const dir = await tempTree({ "tsconfig.json": TSCONFIG, "package.json": '{ "type": "module" }', "src/client/index.ts": CLIENT("amount: number;"), "src/app.ts": APP });
  await mkdir(join(dir, "node_modules"));
  await symlink(join(REPO_ROOT, "node_modules", pkg), join(dir, "node_modules/typescript"));
  const compiler = await openConsumerCompiler(join(dir, "tsconfig.json"), () => undefined);
  opened.push(compiler);
  const client = join(dir, "src/client/index.ts");
  const generated = (file: string) => file.startsWith(join(dir, "src/client/"));
  const overlay = new Map([[client, CLIENT("")]]);
  const before = compiler.check(new Map(), generated);
  const committed = compiler.project?.program;
  const fresh = newDiagnostics(before, compiler.check(overlay, generated));
  // TypeScript 7 answers from its own checker; 5.9 reuses its programs; 6.0 needs a bundled one.
  expect(compiler.analysis === undefined).toBe(pkg !== "typescript7");
  const analysis = compiler.analysis ?? bundledAnalysis(compiler, overlay, committed);

  expect(fresh.map((d) => [d.line, d.code, analysis.attribute(d.file, d.start, (f) => overlay.has(f))])).toEqual([
    [2, 2339, { file: client, path: ["components", "schemas", "Quote", "amount"] }],
  ]);
  const changes = [
    change("response-property-changed", "Quote.label", "response"),
    change("request-property-changed", "Order.note", "request"),
    change("response-enum-value-added", "Stage", "response"),
  ];
  const risks = analysis.runtimeRisks(changes, generated).map((r) => `${r.line}:${r.column} ${r.change.id} ${r.change.location} | ${r.source}`);
  expect(risks).toEqual([
    "3:46 response-property-changed Quote.label | export const label = (q: Quote): string => q.label;",
    "4:50 request-property-changed Order.note | export const order = (note: string): Order => ({ note });",
    "5:31 request-property-changed Order.note | export const draft: Order = { note: \"x\" };",
    "6:46 response-enum-value-added Stage | export const open = (q: Quote): boolean => q.stage === \"open\";",
  ]);
});
