// Checks of the fakes' default answers against a contract: the spec's own schemas (ajv, JSON
// Schema 2020-12) and the app's own Pydantic models. Shared by the fakes' unit tests and the
// FastAPI tutorial corpus.
import { execFile } from "node:child_process";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats from "ajv-formats";
import { collectOperations } from "../../../../src/generate/client/operations.js";
import { fakeSpec, type FakeOperation } from "../../../../src/generate/fakes/model.js";
import { isJsonObject, type Json, type JsonObject, type OpenApiDocument } from "../../../../src/spec/types.js";

/** A validator for one spec's schemas: its local `$ref`s point into the spec, registered whole. */
export function validatorFor(spec: OpenApiDocument): (schema: Json, data: unknown) => string[] {
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
export function answerChecks(spec: OpenApiDocument, operation: FakeOperation): { schema: Json; value: Json }[] {
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

/** Component name → default answers typed with it, for the Pydantic check. */
export function samplesByModel(spec: OpenApiDocument): Record<string, Json[]> {
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
    if name == sys.argv[2] or name.startswith(sys.argv[2] + "."):
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

/**
 * Validates each sample with the app's own Pydantic model of that name (`TypeAdapter(Model).validate_python`),
 * importing `module` and taking the models of every module under `prefix`; resolves with the model names checked.
 */
export function pydanticCheck(python: string, cwd: string, module: string, prefix: string, samples: Record<string, Json[]>): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(python, ["-c", PYDANTIC_CHECK, module, prefix], { cwd }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout) as string[]));
    child.stdin!.end(JSON.stringify(samples));
  });
}

