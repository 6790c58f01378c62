import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { zod } from "../../../plugins/zod/index.js";
import { generateZodSchemas } from "../../../plugins/zod/generate.js";
import type { ResolvedConfig, ResolvedService } from "../../../src/config/types.js";
import { ConfigError } from "../../../src/errors.js";
import type { OpenApiDocument } from "../../../src/spec/types.js";
import { REPO_ROOT } from "../../helpers/paths.js";
import { random, randomSpec } from "../generate/client/fuzz.js";
import { kitchenSinkSpec, tempDir, typecheck, writeTsconfig, type Compiler } from "../generate/client/support.js";
import { GENERATED, importSchemas, writeWithSchemas } from "./zod-support.js";

const spec = await kitchenSinkSpec();
const dir = await tempDir("zod");
const sources = await writeWithSchemas(dir, spec);
const generated = await importSchemas(dir, sources);

const item = { name: "lamp", price: "19.99", total: "39.98" };
const stored = { id: "00000000-0000-0000-0000-000000000007", created_at: "2024-05-01T12:00:00.123456", item };

describe("schemas.gen.ts of the kitchen-sink spec", () => {
  test("matches its snapshot, byte for byte whatever order the spec lists its schemas in", async () => {
    await expect(sources["schemas.gen.ts"]).toMatchFileSnapshot("__snapshots__/zod/kitchen-sink.schemas.gen.ts");
    const components = spec["components"] as { schemas: Record<string, unknown> };
    const reordered = { ...spec, components: { ...components, schemas: Object.fromEntries(Object.entries(components.schemas).reverse()) } };
    expect(generateZodSchemas(reordered as OpenApiDocument)).toBe(sources["schemas.gen.ts"]);
  });

  test("compiles with its client under the strict flags, TS 5 and TS 7; a schema that drifts from types.gen.ts does not", async () => {
    const runs: Compiler[] = ["ts5", "ts7"];
    const results = await Promise.all(runs.map(async (compiler) => typecheck(compiler, await writeTsconfig(dir, GENERATED, "dom", `tsconfig.${compiler}.json`))));
    expect(results).toEqual(["", ""]);

    const drifted = structuredClone(spec) as unknown as { components: { schemas: Record<string, { properties: Record<string, object> }> } };
    drifted.components.schemas["Item-Output"]!.properties["total"] = { type: "integer" };
    const driftDir = join(dir, "drifted");
    await mkdir(driftDir);
    await writeWithSchemas(driftDir, spec, drifted as unknown as OpenApiDocument);
    const diagnostics = await typecheck("ts7", await writeTsconfig(driftDir, GENERATED, "dom"));
    expect(diagnostics).toMatch(/drifted\/schemas\.gen\.ts\(\d+,\d+\): error TS2375: [^\n]*\n[^\n]*'_zod\.output\.total' are incompatible/);
  });

  test.each<[string, { schema: `${string}Schema`; given: unknown; valid: boolean }]>([
    ["required and nullable: null is a value", { schema: "UploadSchema", given: { filename: null, size: 1, content_type: null }, valid: true }],
    ["required and nullable: left out is not", { schema: "UploadSchema", given: { size: 1, content_type: null }, valid: false }],
    ["optional: left out", { schema: "OrderSchema", given: { id: 1, item_name: "x" }, valid: true }],
    ["optional and nullable: null", { schema: "OrderSchema", given: { id: 1, item_name: "x", note: null }, valid: true }],
    ["not nullable: null is not a value", { schema: "OrderSchema", given: { id: null, item_name: "x" }, valid: false }],
    ["integer: 1.5 is not one", { schema: "OrderSchema", given: { id: 1.5, item_name: "x" }, valid: false }],
    ["enum", { schema: "ColorSchema", given: "green", valid: true }],
    ["enum: a value it does not list", { schema: "ColorSchema", given: "pink", valid: false }],
    ["recursion, any depth", { schema: "NodeSchema", given: { name: "a", children: [{ name: "b", children: [{ name: "c" }] }] }, valid: true }],
    ["recursion: a mistake deep down", { schema: "NodeSchema", given: { name: "a", children: [{ name: "b", children: [{ name: 3 }] }] }, valid: false }],
    ["uuid of any version and naive date-time, as Pydantic writes them", { schema: "StoredItemSchema", given: stored, valid: true }],
    ["date-time with an offset", { schema: "StoredItemSchema", given: { ...stored, created_at: "2024-05-01T12:00:00+02:00" }, valid: true }],
    ["date-time: not one", { schema: "StoredItemSchema", given: { ...stored, created_at: "yesterday" }, valid: false }],
    ["uuid: not one", { schema: "StoredItemSchema", given: { ...stored, id: "7" }, valid: false }],
    ["pattern and bounds from the spec", { schema: "ItemSchema", given: { ...item, name: " lamp" }, valid: false }],
    ["a bare object (typed Record<string, never>) takes any object", { schema: "ValidationErrorSchema", given: { loc: ["body", 0], msg: "m", type: "t", ctx: { min_length: 3 } }, valid: true }],
    ["a bare object: not an array", { schema: "ValidationErrorSchema", given: { loc: [], msg: "m", type: "t", ctx: [] }, valid: false }],
  ])("%s", (_name, { schema, given, valid }) => {
    expect(generated[schema]!.safeParse(given).success).toBe(valid);
  });

  test("unknown fields are kept, not stripped: the parsed body is the body as sent", () => {
    expect(generated.OrderSchema!.safeParse({ id: 1, item_name: "x", added_later: true }).data).toEqual({ id: 1, item_name: "x", added_later: true });
  });

  test("validateResponse: the schema of the method's status (discriminated unions by their tag), else the body as is", () => {
    const pet = { kind: "dog", name: "Rex" };
    expect(generated.validateResponse({ operation: "getPet", status: 200, body: pet })).toEqual(pet);
    expect(generated.validateResponse({ operation: "readItem", status: 500, body: "undeclared" })).toBe("undeclared");
    expect(generated.validateResponse({ operation: "constructor", status: 200, body: 1 })).toBe(1);
    const failure = (context: { operation: string; status: number; body: unknown }) => {
      try {
        generated.validateResponse(context);
      } catch (error) {
        return error as InstanceType<typeof generated.ResponseValidationError>;
      }
      return expect.unreachable("should have thrown");
    };
    const cow = failure({ operation: "getPet", status: 200, body: { kind: "cow", name: "Rex" } });
    expect(cow).toBeInstanceOf(generated.ResponseValidationError);
    expect(cow).toMatchObject({ name: "ResponseValidationError", operation: "getPet", status: 200 });
    expect(cow.issues[0]!.path).toEqual(["kind"]);
    expect(cow.message).toMatch(/^getPet: the 200 response does not match the spec\n/);
    expect(failure({ operation: "readItem", status: 404, body: { detail: 1 } }).issues[0]!.path).toEqual(["detail"]);
  });
});

describe("schemas.gen.ts beyond FastAPI's schemas", async () => {
  const constructs = JSON.parse(await readFile(join(REPO_ROOT, "test/fixtures/zod-constructs/openapi.json"), "utf8")) as OpenApiDocument;
  const root = await tempDir("zod-constructs");
  const constructSources = await writeWithSchemas(root, constructs);
  const module = await importSchemas(root, constructSources);

  test("JSON Schema constructs FastAPI rarely writes and 20 random hostile specs compile with their clients under TS 7", async () => {
    const rng = random(8);
    const files = [...GENERATED];
    for (let index = 0; index < 20; index++) {
      await mkdir(join(root, `${index}`));
      await writeWithSchemas(join(root, `${index}`), randomSpec(rng));
      files.push(...GENERATED.map((file) => `${index}/${file}`));
    }
    expect(await typecheck("ts7", await writeTsconfig(root, files, "dom"))).toBe("");
  });

  const lit = { kind: "lit", value: 1 };
  test.each<[string, { schema: `${string}Schema`; given: unknown; valid: boolean }]>([
    ["a discriminated union through a cycle", { schema: "ExprSchema", given: { kind: "bin", left: lit, right: { kind: "bin", left: lit, right: lit } }, valid: true }],
    ["a discriminated union through a cycle: a wrong tag deep down", { schema: "ExprSchema", given: { kind: "bin", left: lit, right: { kind: "neg" } }, valid: false }],
    ["mutual recursion", { schema: "PingSchema", given: { pong: { ping: { pong: {} } } }, valid: true }],
    ["additionalProperties checks the other keys", { schema: "ASchema", given: { a: "x", b: "1" }, valid: false }],
    ["additionalProperties: false", { schema: "KSchema", given: { k: true, other: 1 }, valid: false }],
    ["prefixItems: a tuple", { schema: "DSchema", given: [1, "a"], valid: true }],
    ["prefixItems: a tuple, of that length", { schema: "DSchema", given: [1, "a", 2], valid: false }],
    ["a discriminator on an allOf parent: the child requires its value", { schema: "KittySchema", given: { pet_type: "dog" }, valid: false }],
    ["a Decimal's pattern", { schema: "ZSchema", given: { d: "1.5" }, valid: true }],
    ["a Decimal's pattern: not a number", { schema: "ZSchema", given: { d: "1.5.5" }, valid: false }],
  ])("%s", (_name, { schema, given, valid }) => {
    expect(module[schema]!.safeParse(given).success).toBe(valid);
  });
});

describe("zod()", () => {
  const service = (name: string) => ({ name, output: "/out", spec: "/spec.json" }) as ResolvedService;
  const config = { file: "/sync-types.config.ts", services: [service("a"), service("b")] } as ResolvedConfig;

  test("adds schemas.gen.ts, after the banner, to the services named (default: all)", async () => {
    const plugin = zod({ services: ["b"] });
    const files = [{ path: "index.ts", content: "" }];
    const added = (name: string) => plugin.filesGenerated!({ service: service(name), spec, files, banner: "// banner\n" });
    expect(await added("a")).toBeUndefined();
    expect(await added("b")).toEqual([...files, { path: "schemas.gen.ts", content: `// banner\n${sources["schemas.gen.ts"]}` }]);
    expect(await zod().filesGenerated!({ service: service("a"), spec, files, banner: "" })).toHaveLength(2);
  });

  test("a service name the config does not have is a config error", () => {
    const resolve = () => zod({ services: ["b", "c"] }).configResolved!(config);
    expect(resolve).toThrow(ConfigError);
    expect(resolve).toThrow('option services: no service named "c" in the config (its services: a, b)');
  });
});
