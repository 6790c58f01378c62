import { isJsonObject, type OpenApiDocument } from "../spec/types.js";

/** Names `index.ts` must keep for its own re-exports. */
const RESERVED = new Set(["paths", "components", "operations", "webhooks", "$defs"]);

/**
 * A valid, readable TypeScript type name for each component schema, deterministic:
 * `Item-Input` → `ItemInput`, `pkg__m1__User` → `PkgM1User`, `Page_Item_` → `PageItem`.
 * Collisions keep the first name in code-unit order and number the rest (`User`, `User2`).
 */
export function modelAliasNames(spec: OpenApiDocument): Map<string, string> {
  const components = spec["components"];
  const schemas = isJsonObject(components) && isJsonObject(components["schemas"]) ? components["schemas"] : {};
  const names = new Map<string, string>();
  const taken = new Set<string>(RESERVED);
  for (const schema of Object.keys(schemas).sort(codeUnitOrder)) {
    const base = pascalCase(schema);
    let alias = base;
    for (let n = 2; taken.has(alias); n++) alias = `${base}${n}`;
    taken.add(alias);
    names.set(schema, alias);
  }
  return names;
}

export function pascalCase(name: string): string {
  const words = name.split(/[^\p{ID_Continue}]+|_+/u).filter(Boolean);
  const joined = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  if (joined === "") return "Schema";
  return /^\p{ID_Start}/u.test(joined) ? joined : `Schema${joined}`;
}

export function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
