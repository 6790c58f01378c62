// `NonNullable<T>` is `T & {}`: ts-json-schema-generator 2.10 alone read the `{}` as an object, so
// `NonNullable<string | null>` kept null (the Pydantic field took None) and `NonNullable<string[] | null>`
// became an array that is also an object. Each case must read exactly as the type TypeScript gives.
import { join } from "node:path";
import { expect, it } from "vitest";
import { readTsContract } from "../../../src/pydantic/ts-contract.js";
import { tempTree } from "../../helpers/temp-tree.js";

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022" } });
const PRELUDE = "export interface Point { x: number }\nexport type MaybeTags = string[] | null;";

const CASES: [string, string][] = [
  ["NonNullable<string | null>", "string"],
  ["NonNullable<string | number | undefined>", "string | number"],
  ["NonNullable<Point | null>", "Point"],
  ["NonNullable<string[] | null>", "string[]"],
  ["NonNullable<[number, string] | null>", "[number, string]"],
  ["NonNullable<MaybeTags>", "string[]"],
  ["NonNullable<Readonly<Point[]> | null>", "Point[]"],
  ["(Point[] | null) & {}", "Point[]"],
  ["NonNullable<Point[]>", "Point[]"],
];

it.each(CASES)("%s reads as %s", async (written, plain) => {
  const dir = await tempTree({ "tsconfig.json": TSCONFIG, "contract.ts": `${PRELUDE}\nexport interface X { a: ${written}; b: ${plain} }\n` });
  const { definitions } = readTsContract(join(dir, "contract.ts"), { types: ["X"] });
  const { a, b } = definitions.X!.properties as Record<string, unknown>;
  expect(a).toEqual(b);
});
