import { describe, expect, test } from "vitest";
import { validateConfig } from "../../../src/config/schema.js";
import { CONFIG_CASES } from "./config-cases.js";

describe("validateConfig", () => {
  test.each(CONFIG_CASES)("%s", (_name, raw, expected) => {
    const issues = validateConfig(raw).map((i) => `${i.path}: ${i.message}`);
    expect(issues).toHaveLength(expected.length);
    expected.forEach((prefix, i) => expect(issues[i]).toContain(prefix));
  });
});
