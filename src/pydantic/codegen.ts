/**
 * Component schemas → Pydantic v2 source with the pinned datamodel-code-generator. The options are
 * the ones that keep the round trip: absent optionals as `MISSING` (never serialized, never
 * nullable), `T | null` required, tuples as tuples, literals instead of Enum classes, named
 * aliases as `TypeAliasType` (a named component in FastAPI's spec, no RootModel wrapper),
 * discriminators, TS order, no timestamp. A `format` is read as an annotation (the value stays the
 * string the TS side sent: `AwareDatetime` would rewrite `…00.000Z`, `AnyUrl` add a slash, `EmailStr`
 * need a package) and handed back to the schema through `x-format`, so FastAPI's spec still says it.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { makeTempDir } from "../cleanup.js";
import { ExitCode, SyncTypesError } from "../errors.js";
import type { JsonSchemaObject } from "./schema-types.js";
import { runTool } from "./run-tool.js";
import type { CodegenTool } from "./tool-env.js";

export const CODEGEN_OPTIONS = [
  "--input-file-type", "openapi",
  "--output-model-type", "pydantic_v2.BaseModel",
  "--target-python-version", "3.10",
  "--use-annotated",
  "--enum-field-as-literal", "all",
  "--disable-timestamp",
  "--use-schema-description",
  "--use-field-description",
  "--field-constraints",
  "--use-double-quotes",
  "--strict-nullable",
  "--use-union-operator",
  "--use-standard-collections",
  "--use-missing-sentinel",
  "--use-tuple-for-fixed-items",
  "--use-tuple-for-closed-arrays",
  "--use-type-alias-type",
  "--naming-strategy", "parent-prefixed",
  "--read-format-as-annotation",
  "--field-extra-keys-without-x-prefix", "x-format",
  "--formatters", "builtin",
];

const VALUES = new Set(["enum", "const", "default", "examples", "example"]);

/** Each `format` also as `x-format`, which the generator writes into the field's `json_schema_extra`. */
function withFormatExtras(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withFormatExtras);
  if (typeof value !== "object" || value === null) return value;
  const out: JsonSchemaObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === "properties" && typeof child === "object" && child !== null) out[key] = Object.fromEntries(Object.entries(child).map(([name, schema]) => [name, withFormatExtras(schema)]));
    else out[key] = VALUES.has(key) ? child : withFormatExtras(child);
  }
  if (typeof out.format === "string" && !("x-format" in out)) out["x-format"] = out.format;
  return out;
}

/** Far above the seconds it takes on a large contract: past it the generator is stuck. */
const CODEGEN_TIMEOUT_MS = 300_000;

export async function runCodegen(tool: CodegenTool, components: Record<string, JsonSchemaObject>, signal: AbortSignal | undefined): Promise<string> {
  // Registered for cleanup: Ctrl-C while the generator runs exits before the `finally` below.
  const work = await makeTempDir("sync-types-pydantic-");
  const dir = work.path;
  try {
    const input = join(dir, "contract.json");
    const output = join(dir, "models.py");
    await writeFile(input, JSON.stringify({ openapi: "3.1.0", info: { title: "contract", version: "0" }, paths: {}, components: { schemas: withFormatExtras(components) } }));
    const run = await runTool([tool.python, "-m", "datamodel_code_generator", "--input", input, "--output", output, ...CODEGEN_OPTIONS], { cwd: dir, signal, timeoutMs: CODEGEN_TIMEOUT_MS });
    if (run.code !== 0) {
      throw new SyncTypesError(`datamodel-code-generator (${tool.origin}) failed on the contract's schemas: ${run.output.slice(-5).join(" | ")}`, {
        exitCode: ExitCode.service,
        hint: "if the message names a schema, simplify that type; otherwise report it with the contract attached",
      });
    }
    return await readFile(output, "utf8");
  } finally {
    await work.remove();
  }
}
