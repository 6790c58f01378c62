import { Ajv2020 } from "ajv/dist/2020.js";
import { expect, test } from "vitest";
import { configJsonSchemaText, JSON_SCHEMA_PATH } from "../../../src/config/definition/json-schema.js";
import { loadConfigFile } from "../../../src/config/load.js";
import { EXAMPLES, REPO_ROOT } from "../../helpers/paths.js";
import { CONFIG_CASES } from "./config-cases.js";

// strictRequired would refuse `required` inside if/then, whose properties the parent defines.
const validate = new Ajv2020({ strict: true, strictRequired: false, allErrors: true }).compile(JSON.parse(configJsonSchemaText()) as object);

/** Bad configs only the validator can refuse: each is a check the definition marks `runtimeOnly`. */
const RUNTIME_ONLY = new Set(["a url that cannot be parsed, its password hidden", "a day that does not exist"]);

test.each(CONFIG_CASES)("the JSON Schema agrees with the validator: %s", (name, raw, issues) => {
  const valid = validate(raw);
  expect(valid, JSON.stringify(validate.errors)).toBe(issues.length === 0 || RUNTIME_ONLY.has(name));
});

test("the examples' config is valid against the JSON Schema", async () => {
  // Its plugins-free default export is plain data: what a .json config would hold.
  const raw = await loadConfigFile(`${EXAMPLES}/sync-types.config.ts`);
  expect(validate(raw), JSON.stringify(validate.errors)).toBe(true);
});

test("the package exports the shipped schema as sync-types/config-schema.json", async () => {
  const { readFile } = await import("node:fs/promises");
  const pkg = JSON.parse(await readFile(`${REPO_ROOT}/package.json`, "utf8")) as { exports: Record<string, unknown>; files: string[] };
  expect(pkg.exports["./config-schema.json"]).toBe(`./${JSON_SCHEMA_PATH}`);
  expect(pkg.files).toContain(JSON_SCHEMA_PATH.split("/")[0]);
});
