import { quote } from "./helpers.js";
import type { Hit, SchemaPair } from "./rule.js";

/** What changed in a discriminator, shared by the request and response rules. */
export function discriminatorChange({ base, head, renamed }: SchemaPair): Hit[] {
  const before = base.discriminator;
  const after = head.discriminator;
  if (!before || !after) return [];
  if (before.propertyName !== after.propertyName) {
    return [{ message: `discriminator property ${quote(before.propertyName)} became ${quote(after.propertyName)}` }];
  }
  const moved = [...before.mapping]
    .filter(([value, model]) => after.mapping.has(value) && after.mapping.get(value) !== renamed(model))
    .map(([value, model]) => `${quote(value)} now maps to ${after.mapping.get(value)} instead of ${model}`);
  return moved.length === 0 ? [] : [{ message: `discriminator ${moved.join(", ")}` }];
}
