import { expect, test } from "vitest";
import { configJsonSchemaText, JSON_SCHEMA_PATH } from "../../../src/config/definition/json-schema.js";
import { configTypesText, TYPES_PATH } from "../../../src/config/definition/emit-types.js";

// The generated faces of the one config definition never drift from it: `-u` rewrites them.
test("the shipped JSON Schema is what the definition generates, byte for byte", async () => {
  await expect(configJsonSchemaText()).toMatchFileSnapshot(`../../../${JSON_SCHEMA_PATH}`);
});

test("the config types are what the definition generates, byte for byte", async () => {
  await expect(configTypesText()).toMatchFileSnapshot(`../../../${TYPES_PATH}`);
});
