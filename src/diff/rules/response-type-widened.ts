import { tsTypes } from "../normalize.js";
import { showList, typesOf } from "./helpers.js";
import { defineRule, type Hit, type SchemaPair } from "./rule.js";

export default defineRule({
  id: "response-type-widened",
  on: "schema",
  direction: "response",
  verdict: { compile: "breaks", runtime: "may" },
  description: "A value the caller receives may now be of more types (string → string | number, enum → any string, typed → any).",
  check: (pair) => (pair.union ? widenedUnion(pair) : widenedPlain(pair)),
});

function widenedPlain({ base, head }: SchemaPair): Hit[] {
  const before = tsTypes(base);
  const after = tsTypes(head);
  if (!before) return [];
  if (!after) return [{ message: `was ${[...before].join(" | ")}, now any value` }];
  const gained = [...after].filter((t) => !before.has(t));
  if (gained.length > 0) {
    return [...before].every((t) => after.has(t)) ? [{ message: `may now also be ${gained.join(" | ")}` }] : [];
  }
  if (base.enum && !head.enum) return [{ message: `no longer limited to ${showList(base.enum)}` }];
  return [];
}

/** A new branch of a type the caller never saw is a wider type; one of a known type is an added alternative. */
function widenedUnion({ base, union }: SchemaPair): Hit[] {
  const before = typesOf(base);
  if (!before || union!.added.length === 0) return [];
  const gained = new Set<string>();
  for (const branch of union!.added) {
    const types = typesOf(branch);
    if (!types) return [{ message: "may now be any value" }];
    for (const t of types) if (!before.has(t)) gained.add(t);
  }
  return gained.size === 0 ? [] : [{ message: `may now also be ${[...gained].join(" | ")}` }];
}
