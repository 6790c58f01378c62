// The default answers of the fakes, held to the contract: every operation of the bundled
// examples and of the kitchen-sink fixture app answers with data that a JSON Schema 2020-12
// validator (ajv) accepts against the operation's response schema, the examples' own Pydantic
// models accept it too, and two generations give the same bytes.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { describe, expect, test } from "vitest";
import { collectOperations } from "../../../../src/generate/client/operations.js";
import { generateFakes } from "../../../../src/generate/fakes/index.js";
import { fakeSpec, type FakeOperation } from "../../../../src/generate/fakes/model.js";
import { isJsonObject, type Json, type JsonObject, type OpenApiDocument } from "../../../../src/spec/types.js";
import { CONTENT_PYTHON, EXAMPLES, FIXTURE_PYTHON } from "../../../helpers/paths.js";
import { loadSpec, SPECS } from "./support.js";

/** A validator for one spec's schemas: its local `$ref`s point into the spec, registered whole. */
function validatorFor(spec: OpenApiDocument): (schema: Json, data: unknown) => string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  // ajv-formats is CommonJS: its function is `default` under Node's ESM interop.
  (formats as unknown as { default: (ajv: Ajv2020) => void }).default(ajv);
  ajv.addSchema({ $id: "spec.json", ...JSON.parse(JSON.stringify(spec).replaceAll('"$ref":"#/', '"$ref":"spec.json#/')) });
  return (schema, data) => {
    const wrapped = JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"spec.json#/')) as object;
    const ok = ajv.validate(wrapped, data);
    return ok ? [] : (ajv.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}

/** The schema each default answer must meet, per value it sends: the body, or each stream item. */
function answerChecks(spec: OpenApiDocument, operation: FakeOperation): { schema: Json; value: Json }[] {
  const item = (spec["paths"] as JsonObject)[operation.path] as JsonObject;
  const responses = (item[operation.method.toLowerCase()] as JsonObject)["responses"] as JsonObject;
  const answer = operation.answer;
  const content = (responses[String(answer.status)] as JsonObject | undefined)?.["content"] as JsonObject | undefined;
  if (answer.kind === "empty") return [];
  if (answer.kind === "sse") {
    const media = content!["text/event-stream"] as JsonObject;
    const data = ((media["itemSchema"] as JsonObject)["properties"] as JsonObject)["data"] as JsonObject;
    return answer.events.map((value) => ({ schema: answer.data === "json" ? (data["contentSchema"] ?? {}) : { type: "string" }, value }));
  }
  if (answer.kind === "jsonl") return answer.events.map((value) => ({ schema: (content!["application/jsonl"] as JsonObject)["itemSchema"]!, value }));
  return [{ schema: (content![answer.mediaType] as JsonObject)["schema"] ?? {}, value: answer.body }];
}

describe.each(Object.entries(SPECS))("%s", (name, path) => {
  test("every operation's default answer validates against its response schema (JSON Schema 2020-12)", async () => {
    const spec = await loadSpec(path);
    const validate = validatorFor(spec);
    const warnings: string[] = [];
    const operations = fakeSpec(spec, collectOperations(spec), (message) => warnings.push(message)).operations;
    expect(operations.length).toBe(collectOperations(spec).length);
    let checked = 0;
    for (const operation of operations) {
      for (const { schema, value } of answerChecks(spec, operation)) {
        expect(validate(schema, value), `${name} ${operation.method} ${operation.path}: ${JSON.stringify(value)}`).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5);
    expect(warnings).toEqual([]);
  });

  test("the declared success status is the one answered (201 where FastAPI says 201)", async () => {
    const spec = await loadSpec(path);
    for (const operation of fakeSpec(spec, collectOperations(spec), () => {}).operations) {
      const op = ((spec["paths"] as JsonObject)[operation.path] as JsonObject)[operation.method.toLowerCase()] as JsonObject;
      const declared = Object.keys(op["responses"] as JsonObject).filter((status) => status.startsWith("2")).sort();
      expect(String(operation.answer.status), `${operation.method} ${operation.path}`).toBe(declared[0] ?? "200");
    }
  });

  test("two generations are byte-identical", async () => {
    const spec = await loadSpec(path);
    const [first, second] = [generateFakes(spec), generateFakes(structuredClone(spec))];
    expect(second.content).toBe(first.content);
  });
});

/** Component name → default answers typed with it, for the Pydantic check. */
function samplesByModel(spec: OpenApiDocument): Record<string, Json[]> {
  const out: Record<string, Json[]> = {};
  for (const operation of fakeSpec(spec, collectOperations(spec), () => {}).operations) {
    for (const { schema, value } of answerChecks(spec, operation)) {
      const ref = isJsonObject(schema) ? schema["$ref"] : undefined;
      const items = isJsonObject(schema) && isJsonObject(schema["items"]) ? schema["items"]["$ref"] : undefined;
      if (typeof ref === "string") (out[ref.split("/").pop()!] ??= []).push(value);
      else if (typeof items === "string" && Array.isArray(value)) (out[items.split("/").pop()!] ??= []).push(...value);
    }
  }
  return out;
}

const PYDANTIC_CHECK = `
import json, sys, importlib
from pydantic import BaseModel, TypeAdapter
importlib.import_module(sys.argv[1])
models = {}
for name, module in list(sys.modules.items()):
    if name == "app" or name.startswith("app."):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, BaseModel):
                models[value.__name__] = value
checked = []
for model, values in json.loads(sys.stdin.read()).items():
    for value in values:
        TypeAdapter(models[model]).validate_python(value)
        checked.append(model)
print(json.dumps(sorted(set(checked))))
`;

function runPython(python: string, cwd: string, input: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(python, ["-c", PYDANTIC_CHECK, "app.main"], { cwd }, (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)));
    child.stdin!.end(input);
  });
}

test.each([
  ["estimation-api", FIXTURE_PYTHON],
  ["content-api", CONTENT_PYTHON],
])("%s: the default answers validate against the real app's Pydantic models", async (name, python) => {
  const samples = samplesByModel(await loadSpec(SPECS[name]!));
  const checked = JSON.parse(await runPython(python, join(EXAMPLES, "services", name), JSON.stringify(samples))) as string[];
  expect(checked).toEqual(Object.keys(samples).sort());
  expect(checked.length).toBeGreaterThanOrEqual(2);
}, 60_000);
