import { describe, expect, test } from "vitest";
import type { BreakingLevel, IgnoreEntry, ResolvedBreaking, RuleLevel } from "../../../src/config/types.js";
import { fingerprintOf, levelOf } from "../../../src/diff/context.js";
import { evaluatePolicy } from "../../../src/diff/policy.js";
import type { Change, Verdict } from "../../../src/diff/types.js";

function change(id: string, verdict: Verdict, location = "Item.price"): Change {
  return {
    id, level: levelOf(verdict), direction: "response", location, subject: "Item", pointer: "/components/schemas/Item",
    side: "base", line: 3, column: 5, verdict, message: "m", operations: ["GET /items"], fingerprint: fingerprintOf(id, location),
  };
}

const BOTH = change("response-type-changed", { compile: "breaks", runtime: "breaks" });
const COMPILE = change("operation-id-changed", { compile: "breaks", runtime: "safe" });
const MAY = change("response-enum-value-added", { compile: "safe", runtime: "may" });
const SAFE = change("response-property-added", { compile: "safe", runtime: "safe" });
const ALL = [BOTH, COMPILE, MAY, SAFE];
const TODAY = new Date("2025-06-15T12:00:00Z");

const breaking = (level: BreakingLevel, rules: Record<string, RuleLevel> = {}, ignore: IgnoreEntry[] = []): ResolvedBreaking => ({ level, policy: "independent", rules, ignore });
const failingIds = (b: ResolvedBreaking) => evaluatePolicy(ALL, b, TODAY).failing.map((c) => c.id);

describe("evaluatePolicy", () => {
  test("levels come from the verdict: error breaks something, warn may, info cannot", () => {
    expect(ALL.map((c) => c.level)).toEqual(["error", "error", "warn", "info"]);
  });

  test.each<[BreakingLevel, string[]]>([
    ["runtime", ["response-type-changed"]],
    ["types", ["response-type-changed", "operation-id-changed"]],
    ["strict", ["response-type-changed", "operation-id-changed", "response-enum-value-added"]],
  ])("level %s fails %j", (level, ids) => {
    expect(failingIds(breaking(level))).toEqual(ids);
  });

  test("a per-rule level replaces the verdict's: error fails everywhere, warn at strict only, info never, off hides", () => {
    const rules: Record<string, RuleLevel> = { "operation-id-changed": "error", "response-type-changed": "off", "response-enum-value-added": "info" };
    expect(failingIds(breaking("runtime", rules))).toEqual(["operation-id-changed"]);
    const result = evaluatePolicy(ALL, breaking("strict", { ...rules, "response-property-added": "warn" }), TODAY);
    expect(result.changes.map((c) => `${c.id}:${c.level}`)).toEqual([
      "operation-id-changed:error", "response-enum-value-added:info", "response-property-added:warn",
    ]);
    expect(result.failing.map((c) => c.id)).toEqual(["operation-id-changed", "response-property-added"]);
  });

  test("an ignore entry accepts a failing change by rule id and exact location, and says why", () => {
    const ignore = { rule: "response-type-changed", location: "Item.price", reason: "clients parse both" };
    const result = evaluatePolicy(ALL, breaking("types", {}, [ignore, { ...ignore, location: "Item.cost" }]), TODAY);
    expect(result.failing.map((c) => c.id)).toEqual(["operation-id-changed"]);
    expect(result.ignored).toEqual([{ change: BOTH, ignore }]);
    expect(result.expired).toEqual([]);
  });

  test("an ignore applies through its expiry day (UTC), then stops applying and is reported", () => {
    const lastDay = { rule: "response-type-changed", location: "Item.price", reason: "migration", expires: "2025-06-15" };
    expect(evaluatePolicy(ALL, breaking("types", {}, [lastDay]), TODAY).ignored).toHaveLength(1);
    const past = { ...lastDay, expires: "2025-06-14" };
    const result = evaluatePolicy(ALL, breaking("types", {}, [past]), TODAY);
    expect(result.ignored).toEqual([]);
    expect(result.failing.map((c) => c.id)).toContain("response-type-changed");
    expect(result.expired).toEqual([past]);
  });

  test("changes that do not fail are not ignored, only listed", () => {
    const ignore = { rule: "response-property-added", location: "Item.price", reason: "fine" };
    const result = evaluatePolicy(ALL, breaking("types", {}, [ignore]), TODAY);
    expect(result.ignored).toEqual([]);
    expect(result.changes).toHaveLength(4);
  });

  test("fingerprints hash id and location only", () => {
    expect(fingerprintOf("a", "X.y")).toBe(fingerprintOf("a", "X.y"));
    expect(fingerprintOf("a", "X.y")).not.toBe(fingerprintOf("a", "X.z"));
    expect(fingerprintOf("a", "X.y")).toMatch(/^[0-9a-f]{16}$/);
  });
});
