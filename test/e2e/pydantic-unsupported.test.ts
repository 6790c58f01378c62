// A construct Pydantic cannot express is refused (exit 2) with the type, the member, the construct
// and the fix, before any Python runs; never widened into something the contract did not say.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { TOOLS_ENV } from "../helpers/pydantic-tools.js";
import { tempTree } from "../helpers/temp-tree.js";

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022" } });

const CASES: [string, { source: string; type: string; member: string; construct: string; fix: string }][] = [
  ["function member", { source: "export interface Job { id: string; onDone: (ok: boolean) => void }", type: "Job", member: "onDone", construct: "a function type", fix: "only data crosses the wire" }],
  ["method", { source: "export interface Job { id: string; run(): void }", type: "Job", member: "run", construct: "a function type", fix: "only data crosses the wire" }],
  ["function nested in an array of inline objects", { source: "export interface Outer { inner: { deep: { cb: () => void }[] } }", type: "Outer", member: "inner.deep.cb", construct: "a function type", fix: "only data crosses the wire" }],
  ["generic left open", { source: "export interface Box<T> { value: T }", type: "Box", member: "the type itself", construct: "a generic left open (type parameters T)", fix: "export type BoxOfX = Box<X>" }],
  ["template-literal type", { source: "export interface Route { path: `/api/${string}` }", type: "Route", member: "path", construct: "a template-literal type", fix: "@pattern" }],
  ["symbol", { source: "export interface Tagged { tag: symbol }", type: "Tagged", member: "tag", construct: "a symbol", fix: "use a string" }],
  ["any", { source: "export interface Loose { data: any }", type: "Loose", member: "data", construct: "`any`", fix: "write `unknown`" }],
  ["unresolved import (an any in disguise)", { source: 'import type { Nope } from "./nope.js"; export interface X { n: Nope }', type: "X", member: "n", construct: "did not resolve", fix: "fix the import" }],
  ["bigint", { source: "export interface Big { n: bigint }", type: "Big", member: "n", construct: "a bigint", fix: "@asType integer" }],
  ["Date", { source: "export interface When { at: Date }", type: "When", member: "at", construct: "the built-in class `Date`", fix: "@format date-time" }],
  ["undefined in a required member", { source: "export interface U { x: string | undefined }", type: "U", member: "x", construct: "`undefined` in a union", fix: "name?: T" }],
  ["object", { source: "export interface O { o: object }", type: "O", member: "o", construct: "the `object` type", fix: "Record<string, unknown>" }],
  ["tuple with a rest element", { source: "export type R = [string, ...number[]]", type: "R", member: "the type itself", construct: "a tuple with optional or rest elements", fix: "fixed-length tuple" }],
  ["number-keyed index signature", { source: "export interface N { [k: number]: string }", type: "N", member: "the type itself", construct: "an index signature keyed by `number`", fix: "key it by `string`" }],
  ["intersection narrowing a member (the schema generator would keep the wider type)", { source: "export type Narrowed = { a: string | number; b?: string } & { a: string; b: string }", type: "Narrowed", member: "the type itself", construct: 'an intersection whose members give "a" different types (`string | number` and `string`)', fix: "with the type the intersection gives it (`string`)" }],
  ["intersection dropping null from a member", { source: "export type NotNull = { a: number | null } & { a: number }", type: "NotNull", member: "the type itself", construct: 'give "a" different types', fix: "(`number`)" }],
  ["Partial of a string-keyed Record", { source: "export interface Counts { byDay: Partial<Record<string, number>> }", type: "Counts", member: "byDay", construct: "`undefined` in an index signature's values", fix: "use `Record<string, T>`" }],
  ["Partial of an array (its elements may be undefined)", { source: "export interface P { tags: Partial<string[]> }", type: "P", member: "tags", construct: "an array whose elements may be `undefined` (`(string | undefined)[]`", fix: "write `string[]`" }],
  ["Required of a tuple with an optional element (the schema generator would read a record)", { source: "export interface Q { pair: Required<[number, string?]> }", type: "Q", member: "pair", construct: "a mapped type over an array or tuple that changes which elements may be undefined", fix: "`[number, string]`" }],
  ["a mapped type wrapping an array's elements", { source: "type Wrap<T> = { [K in keyof T]: { v: T[K] } }; export interface W { xs: Wrap<number[]> }", type: "W", member: "xs", construct: "maps its elements to other types (`Wrap<number[]>`)", fix: "`{ v: number; }[]`" }],
  ["branded primitive", { source: 'export type UserId = string & { readonly __brand: "UserId" };', type: "UserId", member: "the type itself", construct: "a branded primitive", fix: "use the primitive itself" }],
];

describe("sync-types pydantic refuses what Pydantic cannot express", () => {
  it.each(CASES)("%s → exit 2 naming type, member and construct", async (_name, { source, type, member, construct, fix }) => {
    const dir = await tempTree({ "tsconfig.json": TSCONFIG, "contract.ts": `export interface Fine { ok: boolean }\n${source}\n` });
    const run = await runCli(["pydantic", join(dir, "contract.ts"), "-o", "models.py"], { cwd: dir, env: TOOLS_ENV });
    expect(run.code, run.stderr).toBe(2);
    const memberText = member === "the type itself" ? member : `member "${member}"`;
    expect(run.stderr).toContain(`contract.ts:2: contract type "${type}", ${memberText}: `);
    expect(run.stderr).toContain(construct);
    expect(run.stderr).toContain("cannot be expressed as a Pydantic model");
    expect(run.stderr).toContain(fix);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/); // a message, not a stack
  });
});

/** The generator would rename these models, so FastAPI's spec would name them otherwise than the contract. */
const NAME_CLASHES: [string, string, string][] = [
  ["a name the module imports", "export interface Field { f: string }\nexport interface Open { [k: string]: string }", "Field"],
  ["a name post-processing uses", "export interface ConfigDict { c: string }\n/** described */\nexport type Name = string;", "ConfigDict"],
  ["a name only its case tells apart", "export interface Foo { a: string }\nexport interface foo { b: number }", "foo"],
  ["the name of the models' own base", "export interface _ContractModel { z: string }", "_ContractModel"],
];

describe("sync-types pydantic refuses a type name the module cannot keep", () => {
  it.each(NAME_CLASHES)("%s → exit 2 naming the type", async (_name, source, type) => {
    const dir = await tempTree({ "tsconfig.json": TSCONFIG, "contract.ts": `export interface Fine { ok: boolean }\n${source}\n` });
    const run = await runCli(["pydantic", join(dir, "contract.ts"), "-o", "models.py"], { cwd: dir, env: TOOLS_ENV });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain(`type "${type}" cannot keep its name in the Pydantic module`);
    expect(run.stderr).toContain(`rename the type in the contract (e.g. "${type}Data")`);
  });
});

describe("sync-types pydantic refuses a name Python would read as another", () => {
  it("a member Python normalizes (NFKC) → exit 2 naming the type, the member and the name it would become", async () => {
    const dir = await tempTree({ "tsconfig.json": TSCONFIG, "contract.ts": 'export interface Upload { "\uFB01le": string; "kept-\uFB01": string }\n' });
    const run = await runCli(["pydantic", join(dir, "contract.ts"), "-o", "models.py"], { cwd: dir, env: TOOLS_ENV });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('type "Upload", member "\uFB01le" is read by Python as "file" (Unicode NFKC)');
    expect(run.stderr).toContain('rename it to "file" in the contract');
  });
});
