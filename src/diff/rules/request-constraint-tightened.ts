import type { Constraints, SchemaNode } from "../normalize.js";
import { show } from "./helpers.js";
import { defineRule } from "./rule.js";

export default defineRule({
  id: "request-constraint-tightened",
  on: "schema",
  direction: "request",
  verdict: { compile: "safe", runtime: "may" },
  description: "A value the caller sends is validated more strictly (min/max, length, pattern, format, integer): same TypeScript type, some values now get 422.",
  check: ({ base, head, union }) => {
    if (union) return [];
    const tightened = [...boundChanges(base.constraints, head.constraints), ...otherChanges(base, head)];
    return tightened.length === 0 ? [] : [{ message: tightened.join(", ") }];
  },
});

type Bound = "minimum" | "exclusiveMinimum" | "minLength" | "minItems" | "maximum" | "exclusiveMaximum" | "maxLength" | "maxItems";
const LOWER: Bound[] = ["minimum", "exclusiveMinimum", "minLength", "minItems"];
const UPPER: Bound[] = ["maximum", "exclusiveMaximum", "maxLength", "maxItems"];

function boundChanges(before: Constraints, after: Constraints): string[] {
  const changes: string[] = [];
  const compare = (key: Bound, tighter: (was: number, now: number) => boolean) => {
    const was = before[key];
    const now = after[key];
    if (now === undefined || was === now) return;
    if (was === undefined) {
      if (!(key === "minLength" || key === "minItems") || now > 0) changes.push(`${key} ${now} added`);
    } else if (tighter(was, now)) changes.push(`${key} ${was} → ${now}`);
  };
  for (const key of LOWER) compare(key, (was, now) => now > was);
  for (const key of UPPER) compare(key, (was, now) => now < was);
  return changes;
}

function otherChanges(base: SchemaNode, head: SchemaNode): string[] {
  const before = base.constraints;
  const after = head.constraints;
  const changes: string[] = [];
  for (const key of ["pattern", "format"] as const) {
    const now = after[key];
    if (now !== undefined && before[key] !== now) changes.push(before[key] === undefined ? `${key} ${show(now)} added` : `${key} ${show(before[key])} → ${show(now)}`);
  }
  const step = after.multipleOf;
  if (step !== undefined && step !== before.multipleOf && (before.multipleOf === undefined || before.multipleOf % step !== 0)) {
    changes.push(`multipleOf ${step}`);
  }
  if (after.uniqueItems && !before.uniqueItems) changes.push("items must be unique");
  if (base.types?.has("number") && !head.types?.has("number") && head.types?.has("integer")) changes.push("number → integer");
  if (base.additionalProperties !== false && head.additionalProperties === false) changes.push("unknown properties now rejected");
  return changes;
}
