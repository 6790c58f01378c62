import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { levelOf } from "../../../src/diff/context.js";
import { diffSpecs, RULE_IDS, RULES } from "../../../src/diff/index.js";
import { valueAt } from "../../../src/spec/pointer.js";
import type { OpenApiDocument } from "../../../src/spec/types.js";
import { REPO_ROOT } from "../../helpers/paths.js";

const FIXTURES = join(REPO_ROOT, "test/fixtures/diff");
const load = (id: string, side: "before" | "after") =>
  JSON.parse(readFileSync(join(FIXTURES, id, `${side}.json`), "utf8")) as OpenApiDocument;

/** Each rule's fixture pair and every change it must give, as `id @ location`. */
const CASES: [string, string[]][] = [
  ["operation-added", ["operation-added @ DELETE /items/{item_id}"]],
  ["operation-id-changed", ["operation-id-changed @ GET /items"]],
  ["operation-removed", ["operation-removed @ DELETE /items/{item_id}"]],
  ["path-parameter-added", ["path-parameter-added @ GET /items"]],
  ["path-parameter-renamed", ["path-parameter-renamed @ GET /items/{item_id}"]],
  ["request-became-enum", ["request-became-enum @ GET /items -> query.sort"]],
  ["request-became-non-nullable", ["request-became-non-nullable @ ItemCreate.note"]],
  ["request-body-became-required", ["request-body-became-required @ POST /items -> body"]],
  ["request-constraint-tightened", ["request-constraint-tightened @ ItemCreate.name"]],
  ["request-default-changed", ["request-default-changed @ GET /items -> query.limit"]],
  ["request-discriminator-changed", ["request-discriminator-changed @ PetIn"]],
  ["request-enum-value-added", ["request-enum-value-added @ Status"]],
  ["request-enum-value-removed", ["request-enum-value-removed @ Status"]],
  ["request-media-type-removed", ["request-media-type-removed @ POST /items -> body"]],
  ["request-parameter-added", ["request-parameter-added @ GET /items -> query.q"]],
  ["request-parameter-became-required", ["request-became-non-nullable @ GET /items -> query.q", "request-parameter-became-required @ GET /items -> query.q"]],
  ["request-parameter-removed", ["request-parameter-removed @ GET /items -> query.q"]],
  ["request-property-added", ["request-property-added @ ItemCreate.sku"]],
  ["request-property-became-required", ["request-property-became-required @ ItemCreate.price"]],
  ["request-property-removed", ["request-property-removed @ ItemCreate.price"]],
  ["request-required-parameter-added", ["request-required-parameter-added @ GET /items -> query.tenant"]],
  ["request-required-property-added", ["request-required-property-added @ ItemCreate.sku"]],
  ["request-type-narrowed", ["request-type-narrowed @ GET /items -> query.q"]],
  ["request-union-branch-removed", ["request-union-branch-removed @ ItemCreate.code"]],
  ["response-became-nullable", ["response-became-nullable @ Item.price"]],
  ["response-discriminator-changed", ["response-discriminator-changed @ Pet"]],
  ["response-enum-value-added", ["response-enum-value-added @ Status"]],
  ["response-media-type-removed", ["response-media-type-removed @ GET /items/{item_id} -> 200"]],
  ["response-optional-property-removed", ["response-optional-property-removed @ Item.note"]],
  ["response-property-added", ["response-property-added @ Item.sku"]],
  ["response-property-became-optional", ["response-property-became-optional @ Item.price"]],
  ["response-required-property-removed", ["response-required-property-removed @ Item.price"]],
  ["response-success-status-removed", ["response-success-status-removed @ GET /items/{item_id} -> 200"]],
  ["response-type-changed", ["response-type-changed @ Item.price"]],
  ["response-type-widened", ["response-type-widened @ Item.code"]],
  ["response-union-branch-added", ["response-union-branch-added @ Pet"]],
  ["schema-renamed", ["schema-renamed @ Item"]],
  ["security-requirement-added", ["security-requirement-added @ GET /items"]],
  ["stream-item-type-changed", ["stream-item-type-changed @ GET /stream -> 200 -> stream[]"]],
];

describe("rule fixtures", () => {
  test("every rule has exactly one fixture pair, and every pair a rule", () => {
    expect(readdirSync(FIXTURES).sort()).toEqual(RULES.map((r) => r.id).sort());
    expect(CASES.map(([id]) => id).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  test("docs/diff-rules.md documents every rule with its direction, level and verdict", () => {
    const doc = readFileSync(join(REPO_ROOT, "docs/diff-rules.md"), "utf8");
    for (const rule of RULES) {
      const { compile, runtime } = rule.verdict;
      const row = `| \`${rule.id}\` | ${rule.direction} | ${levelOf(rule.verdict)} | ${compile} | ${runtime} | ${rule.description.replaceAll("|", "\\|")} |`;
      expect(doc).toContain(row);
    }
  });

  test("the id list the config validates against (loaded without the rules) is every rule's id, in order", () => {
    expect(RULE_IDS).toEqual(RULES.map((r) => r.id));
  });

  test("rule ids are unique kebab-case", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  test.each(CASES)("%s", (id, want) => {
    const before = load(id, "before");
    const after = load(id, "after");
    const changes = diffSpecs(before, after);
    expect(changes.map((c) => `${c.id} @ ${c.location}`)).toEqual(want);

    const rule = RULES.find((r) => r.id === id)!;
    for (const change of changes.filter((c) => c.id === id)) {
      expect(change.verdict).toEqual(rule.verdict);
      expect(change.level).toBe(levelOf(rule.verdict));
      expect(change.operations.length).toBeGreaterThan(0);
      expect(change.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      // The pointer names a real node of the side it points into; the line is in the base text.
      expect(valueAt(change.side === "base" ? before : after, change.pointer)).toBeDefined();
      expect(change.line).toBeGreaterThan(1);
    }
    expect(diffSpecs(before, before)).toEqual([]);
    expect(diffSpecs(after, after)).toEqual([]);
  });
});

describe("client method names in the diff follow the service's groupByTag", () => {
  const doc = (tag: string) =>
    ({
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      paths: { "/users": { post: { operationId: "create_user_users_post", tags: [tag], responses: { "200": { description: "" } } } } },
    }) as OpenApiDocument;

  test("a tag change moves a grouped method (a break); flat, the name stays", () => {
    const grouped = diffSpecs(doc("users"), doc("admin"), { groupByTag: true });
    expect(grouped.filter((c) => c.id === "operation-id-changed").map((c) => c.message)).toEqual([
      "client method users.createUser is now admin.createUser (operationId create_user_users_post → create_user_users_post)",
    ]);
    expect(diffSpecs(doc("users"), doc("admin")).filter((c) => c.id === "operation-id-changed")).toEqual([]);
  });
});
