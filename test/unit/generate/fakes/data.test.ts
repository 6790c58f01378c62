// The default answers of the fakes, held to the contract: every operation of the bundled
// examples and of the kitchen-sink fixture app answers with data that a JSON Schema 2020-12
// validator (ajv) accepts against the operation's response schema, the examples' own Pydantic
// models accept it too, and two generations give the same bytes.
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { collectOperations } from "../../../../src/generate/client/operations.js";
import { generateFakes } from "../../../../src/generate/fakes/index.js";
import { fakeSpec } from "../../../../src/generate/fakes/model.js";
import type { JsonObject } from "../../../../src/spec/types.js";
import { CONTENT_PYTHON, EXAMPLES, FIXTURE_PYTHON } from "../../../helpers/paths.js";
import { answerChecks, pydanticCheck, samplesByModel, validatorFor } from "./contract-checks.js";
import { loadSpec, SPECS } from "./support.js";

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

test.each([
  ["estimation-api", FIXTURE_PYTHON],
  ["content-api", CONTENT_PYTHON],
])("%s: the default answers validate against the real app's Pydantic models", async (name, python) => {
  const samples = samplesByModel(await loadSpec(SPECS[name]!));
  const checked = await pydanticCheck(python, join(EXAMPLES, "services", name), "app.main", "app", samples);
  expect(checked).toEqual(Object.keys(samples).sort());
  expect(checked.length).toBeGreaterThanOrEqual(2);
}, 60_000);
