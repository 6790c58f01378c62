// A mapped type over an array or tuple is an array or tuple to TypeScript; ts-json-schema-generator
// 2.10 alone reads it as a record. Each faithful case must read exactly as the type TypeScript gives
// it, spelled plainly; each other case is refused with the place, the member and the fix.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/errors.js";
import { readTsContract } from "../../../src/pydantic/ts-contract.js";
import { tempTree } from "../../helpers/temp-tree.js";

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022" } });

const PRELUDE = [
  "export interface Point { x: number }",
  "type Same<T> = { [K in keyof T]: T[K] };",
  "type Mutable<T> = { -readonly [K in keyof T]: T[K] };",
  "type RO<T> = Readonly<T>;",
  "type Wrap<T> = { [K in keyof T]: { v: T[K] } };",
  "interface Box<T> { items: Readonly<T> }",
  "interface PartialBox<T> { items: Partial<T> }",
].join("\n");

async function contract(source: string): Promise<string> {
  const dir = await tempTree({ "tsconfig.json": TSCONFIG, "contract.ts": `${PRELUDE}\n${source}\n` });
  return join(dir, "contract.ts");
}

const FAITHFUL: [string, string, string][] = [
  ["Readonly of an array", "Readonly<string[]>", "readonly string[]"],
  ["Readonly of a tuple", "Readonly<[number, string]>", "readonly [number, string]"],
  ["Required of a tuple with no optional element", "Required<[number, string]>", "[number, string]"],
  ["Required of an array of a non-optional type", "Required<Point[]>", "Point[]"],
  ["a user identity mapping over an array of models", "Same<Point[]>", "Point[]"],
  ["a user mapping removing readonly", "Mutable<readonly boolean[]>", "boolean[]"],
  ["a generic alias of Readonly", "RO<number[]>", "number[]"],
  ["Readonly nested in Readonly", "Readonly<Readonly<number[]>[]>", "number[][]"],
  ["an array of Readonly arrays", "Readonly<string[]>[]", "string[][]"],
  ["Readonly in a union", "Readonly<string[]> | number", "string[] | number"],
  ["Readonly of a union of arrays (distributed)", "Readonly<string[] | number[]>", "string[] | number[]"],
  ["Readonly inside an inline object", "{ inner: Readonly<Point[]> }", "{ inner: Point[] }"],
  ["Readonly of an array reached through a generic interface", "Box<string[]>", "{ items: string[] }"],
  ["Readonly of a tuple reached through a generic interface", "Box<[number, string]>", "{ items: [number, string] }"],
];

describe("a mapped type over an array or tuple reads as the array or tuple TypeScript gives", () => {
  it.each(FAITHFUL)("%s: %s", async (_name, mapped, plain) => {
    const { definitions } = readTsContract(await contract(`export interface X { a: ${mapped}; b: ${plain} }`), { types: ["X"] });
    const { a, b } = definitions.X!.properties as Record<string, unknown>;
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).toContain('"type":"array"');
  });

  it("in a type alias, optional or not", async () => {
    const { definitions } = readTsContract(await contract("export type Tags = Readonly<string[]>;\nexport type Pair = Readonly<[Point, Point]>;\nexport type PlainPair = [Point, Point];\nexport interface X { tags?: Tags }"), {});
    expect(definitions.Tags).toEqual({ type: "array", items: { type: "string" } });
    expect(definitions.Pair).toEqual(definitions.PlainPair);
    expect((definitions.X!.properties as Record<string, unknown>).tags).toEqual({ $ref: "#/definitions/Tags" });
  });

  it("leaves mapped types over objects as they were: Readonly<Point> and Partial<Point> stay objects", async () => {
    const { definitions } = readTsContract(await contract("export interface X { r: Readonly<Point>; p: Partial<Point> }"), { types: ["X"] });
    expect(definitions.X!.properties).toEqual({
      r: { type: "object", properties: { x: { type: "number" } }, required: ["x"], additionalProperties: false },
      p: { type: "object", properties: { x: { type: "number" } }, additionalProperties: false },
    });
  });
});

const REFUSED: [string, { member: string; line: number; construct: string; fix: string }][] = [
  ["Partial<string[]>", { member: "a", line: 9, construct: "an array whose elements may be `undefined` (`(string | undefined)[]`, as `Partial<T[]>` makes)", fix: "write `string[]`, or `(string | null)[]`" }],
  ["PartialBox<Point[]>", { member: "a.items", line: 7, construct: "an array whose elements may be `undefined`", fix: "write `Point[]`" }],
  ["Required<[number, string?]>", { member: "a", line: 9, construct: "a mapped type over an array or tuple that changes which elements may be undefined (`Required<[number, string?]>`)", fix: "`[number, string]`, instead of the mapped type" }],
  ["Required<(string | undefined)[]>", { member: "a", line: 9, construct: "changes which elements may be undefined", fix: "`string[]`" }],
  ["Wrap<string[]>", { member: "a", line: 9, construct: "a mapped type over an array or tuple that maps its elements to other types (`Wrap<string[]>`)", fix: "`{ v: string; }[]`" }],
  ["{ deep: Wrap<[number, boolean]>[] }", { member: "a.deep", line: 9, construct: "maps its elements to other types", fix: "`[{ v: number; }, { v: boolean; }]`" }],
];

describe("a mapped type that changes an array's or tuple's elements is refused, never read as a record", () => {
  it.each(REFUSED)("%s", async (mapped, { member, line, construct, fix }) => {
    const file = await contract(`export interface X {\n  a: ${mapped};\n}`);
    const error = (() => {
      try {
        readTsContract(file, { types: ["X"] });
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(UsageError);
    const { message, hint } = error as UsageError;
    expect(message).toContain(`contract.ts:${line}: contract type "X", member "${member}": `);
    expect(message).toContain(construct);
    expect(message).toContain("cannot be expressed as a Pydantic model");
    expect(hint).toContain(fix);
  });

  it("refused through a generic interface, at the place the mapped type is written", async () => {
    const file = await contract("interface WrapBox<T> { items: Wrap<T> }\nexport interface X { a: WrapBox<string[]> }");
    expect(() => readTsContract(file, { types: ["X"] })).toThrow(/contract\.ts:8: contract type "WrapBox", member "items": a mapped type over an array or tuple that maps its elements to other types \(`Wrap<T>`\)/);
  });
});
