// TS contract → `sync-types pydantic` → a real FastAPI echo app → its /openapi.json →
// `sync-types generate` → TS again: every contract type must be mutually assignable with what
// comes back (TS 5.9 and TS 7, strict + exactOptionalPropertyTypes), and every sample value must
// come back from the app JSON-equal; a value a `@format` makes invalid is refused by the app as by
// the fake of its spec.
import { existsSync } from "node:fs";
import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { execa } from "execa";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { FIXTURE_PYTHON, REPO_ROOT } from "../helpers/paths.js";
import { TOOLS_ENV } from "../helpers/pydantic-tools.js";
import { tempTree } from "../helpers/temp-tree.js";
import { startUvicorn, type RunningUvicorn } from "../helpers/uvicorn.js";
import { invalidSamples, samples } from "../fixtures/ts-contract/samples.js";
import { loadFake, type FakeModule } from "../unit/generate/fakes/support.js";

const FIXTURE = join(REPO_ROOT, "test/fixtures/ts-contract");
const CONTRACT = join(FIXTURE, "contract.ts");
/** The contract fixture's venv: Pydantic and mypy. */
const MYPY_PYTHON = join(REPO_ROOT, "test/fixtures/contract-service/.venv/bin/python");
const COMPILERS = [["TS 5.9", "typescript"], ["TS 7", "typescript7"]] as const;

/** Compared against `Wrong`: the harness has to fail there, or it asserts nothing. */
const NEGATIVE = { source: "Circle", generated: "Square" };

let dir: string;
let names: string[];
let app: RunningUvicorn;
let spec: { components: { schemas: Record<string, unknown> } };
let fake: ReturnType<FakeModule["createFakeFetch"]>;

beforeAll(async () => {
  names = [...(await readFile(CONTRACT, "utf8")).matchAll(/^export (?:interface|type|enum) (\w+)/gm)].map((m) => m[1]!).concat("Money");
  dir = await tempTree({ "package.json": JSON.stringify({ type: "module" }) });
  const generated = await runCli(["pydantic", CONTRACT, "-o", join(dir, "app/models.py")], { cwd: dir, env: TOOLS_ENV });
  expect(generated.code, generated.stderr).toBe(0);
  await copyFile(join(FIXTURE, "echo_app.py"), join(dir, "app/echo_app.py"));
  app = await startUvicorn({ cwd: join(dir, "app"), python: FIXTURE_PYTHON, app: "echo_app:app" });
  spec = (await (await fetch(`${app.baseUrl}/openapi.json`)).json()) as typeof spec;
  await writeFile(join(dir, "spec.json"), JSON.stringify(spec));
  fake = (await loadFake("roundtrip", spec as never)).fake.createFakeFetch();
  const client = await runCli(["generate", "spec.json", "-o", "client"], { cwd: dir });
  expect(client.code, client.stderr).toBe(0);
  await writeFile(join(dir, "check.ts"), harness(names));
  await writeFile(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", strict: true, exactOptionalPropertyTypes: true, noEmit: true, skipLibCheck: true }, files: ["check.ts"] }));
}, 240_000);

/**
 * Both directions per type, as functions so that each error lands on a line naming its type.
 * A TS string enum is nominal (`"EUR"` is not assignable to `Currency.Euro`), so the source side
 * compares by its values (`${E}`), which is what crosses the wire; an open string (`string & {}`)
 * stays as it is. `readonly` is not on the wire either: the source side drops it.
 */
function harness(types: string[]): string {
  const lines = [
    `import type * as Src from ${JSON.stringify(CONTRACT.replace(/\.ts$/, ".js"))};`,
    `import type { components } from "./client/types.gen.js";`,
    "type Gen<N extends keyof components[\"schemas\"]> = components[\"schemas\"][N];",
    "type Plain<T> = T extends string ? (string extends T ? T : `${T}`) : T extends object ? { -readonly [K in keyof T]: Plain<T[K]> } : T;",
  ];
  for (const name of types) lines.push(`export const to_${name} = (v: Plain<Src.${name}>): Gen<"${name}"> => v;`, `export const from_${name} = (v: Gen<"${name}">): Plain<Src.${name}> => v;`);
  lines.push(`export const to_Wrong = (v: Plain<Src.${NEGATIVE.source}>): Gen<"${NEGATIVE.generated}"> => v;`, `export const from_Wrong = (v: Gen<"${NEGATIVE.generated}">): Plain<Src.${NEGATIVE.source}> => v;`);
  return `${lines.join("\n")}\n`;
}

describe("TS contract → Pydantic → FastAPI → TS", () => {
  it("has at least 30 contract types, each with a sample value", () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
    const record = samples as Record<string, unknown[]>;
    expect(names.filter((name) => !(record[name]?.length))).toEqual([]);
  });

  it("keeps every TS name in the app's spec, with no -Input/-Output split", () => {
    const components = Object.keys(spec.components.schemas);
    expect(components.filter((name) => /-(Input|Output)$/.test(name))).toEqual([]);
    expect(names.filter((name) => !components.includes(name))).toEqual([]);
  });

  it("carries JSDoc descriptions and tags into the app's spec", () => {
    const schema = (name: string) => spec.components.schemas[name] as { description?: string; properties: Record<string, Record<string, unknown>> };
    expect(schema("Address").description).toBe("A postal address.");
    expect(schema("Address").properties.street).toMatchObject({ description: "Street and number.", type: "string" });
    expect(schema("InvoiceLine").properties.quantity).toMatchObject({ type: "integer", minimum: 1, description: "How many." });
    expect(schema("InvoiceLine").properties.unitPrice).toMatchObject({ minimum: 0, maximum: 1000000 });
    expect(schema("InvoiceLine").properties.description).toMatchObject({ minLength: 1, maxLength: 80 });
    expect(schema("Timestamps").properties.createdAt).toMatchObject({ type: "string", format: "date-time" });
    expect(schema("Links").properties.email).toMatchObject({ type: "string", format: "email" });
    expect(schema("Headers")).toMatchObject({ additionalProperties: { type: "string" } });
    expect(spec.components.schemas.Coordinates).toMatchObject({ prefixItems: [{ type: "number" }, { type: "number" }], description: "Where a shipment is, as latitude and longitude." });
    expect(spec.components.schemas.Shape).toMatchObject({ discriminator: { propertyName: "kind" } });
    const idLists = schema("IdLists").properties;
    const formatOf = (element: unknown) => (spec.components.schemas[((element as { $ref: string }).$ref ?? "").split("/").pop()!] as { format?: string } | undefined)?.format;
    expect([idLists.ids!.items, idLists.byName!.additionalProperties, (idLists.maybe!.anyOf as unknown[])[0], (idLists.pair!.prefixItems as unknown[])[0]].map(formatOf)).toEqual(["uuid", "uuid", "uuid", "uuid"]);
  });

  it("keeps Python-breaking text as text: descriptions and literals with quotes and backslashes run nothing", () => {
    const quoted = spec.components.schemas.Quoted as { description: string; required: string[]; properties: Record<string, Record<string, unknown>> };
    expect(quoted.description).toBe("Docs with \"\"\" triple quotes \"\"\", a backslash \\ and \\N{BULLET} and \\x41, 'single' quotes.");
    expect(quoted.properties.evil!.description).toBe(`"""); import os; os.system("touch PWNED"); x=("""`);
    expect(quoted.properties.back!.description).toBe("ends with a backslash \\");
    expect(quoted.properties.lit).toMatchObject({ enum: ['"""', "\\"] });
    expect(spec.components.schemas.QuotedAlias).toMatchObject({ description: "\"\"\" an alias's description \\" });
    expect(existsSync(join(dir, "app/PWNED"))).toBe(false);
    expect(quoted.properties.fallback).toMatchObject({ default: `"""; __import__('os')` });
    expect(quoted.required).toContain("count");
  });

  it.each(COMPILERS)("every type is mutually assignable with the generated one under %s, and a different type is not", async (_label, pkg) => {
    const run = await execa(join(REPO_ROOT, "node_modules", pkg, "bin/tsc"), ["-p", "tsconfig.json", "--pretty", "false"], { cwd: dir, reject: false });
    const source = (await readFile(join(dir, "check.ts"), "utf8")).split("\n");
    const failing = [...new Set([...run.stdout.matchAll(/^check\.ts(?:\((\d+),\d+\)|:(\d+):\d+)/gm)].map((m) => source[Number(m[1] ?? m[2]) - 1]!.match(/const (\w+)/)![1]!))].sort();
    expect(failing, run.stdout).toEqual(["from_Wrong", "to_Wrong"]);
  }, 120_000);

  it("every sample value comes back JSON-equal", async () => {
    const differing: string[] = [];
    for (const [name, values] of Object.entries(samples as Record<string, unknown[]>)) {
      for (const [index, value] of values.entries()) {
        const response = await fetch(`${app.baseUrl}/echo/${name}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(value) });
        const body: unknown = await response.json();
        if (response.status !== 200 || JSON.stringify(normalized(body)) !== JSON.stringify(normalized(value))) differing.push(`${name}[${index}] → ${response.status} ${JSON.stringify(body)}`);
      }
    }
    expect(differing).toEqual([]);
  });

  it("keeps the format in the app's spec where a real UUID field has it: on the string, not beside a nullable union", () => {
    const parentId = (spec.components.schemas.Links as { properties: Record<string, { anyOf: { $ref?: string }[] }> }).properties.parentId!;
    const member = spec.components.schemas[parentId.anyOf[0]!.$ref!.split("/").pop()!];
    expect([member, parentId.anyOf[1]]).toEqual([{ type: "string", format: "uuid" }, { type: "null" }]);
  });

  it("the module, format validators included, passes mypy --strict", async () => {
    const run = await execa(MYPY_PYTHON, ["-m", "mypy", "--strict", "--no-incremental", "models.py"], { cwd: join(dir, "app"), reject: false });
    expect(run.stdout, run.stderr).toContain("Success: no issues found");
  }, 60_000);

  it.each(invalidSamples.map((sample) => [sample.type, sample] as const))("%s: a value a format makes invalid is refused by the app and by its fake, with the same loc and type", async (name, sample) => {
    const post = (fetcher: typeof fetch, base: string) => fetcher(`${base}/echo/${name}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(sample.value) });
    const detail = async (response: Response) => ({ status: response.status, detail: ((await response.json()) as { detail: { loc: unknown[]; type: string }[] }).detail.map((d) => [d.loc.join("."), d.type]) });
    const want = { status: 422, detail: sample.detail };
    expect(await detail(await post(fetch, app.baseUrl))).toEqual(want);
    expect(await detail(await post(fake as typeof fetch, "http://fake.invalid"))).toEqual(want);
  });
});

/** Key order is not JSON equality: compare with keys sorted. */
function normalized(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalized);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, normalized((value as Record<string, unknown>)[key])]));
}
