
import { componentKey, codeUnitOrder, isJsonObject, type Json } from "../../src/codegen.js";
/**
 * Component keys in the order their consts are declared: each after the schemas it refers to
 * (depth first, references in document order), so only references around a cycle are `z.lazy`.
 * Schemas holding a discriminator are entered first: a cycle through a union is then broken
 * inside an option, and the union keeps options it can discriminate (a `z.lazy` is none).
 */
export function declarationOrder(schemas: Readonly<Record<string, Json>>): string[] {
  const order: string[] = [];
  const visited = new Set<string>();
  const visit = (key: string) => {
    if (visited.has(key) || !Object.hasOwn(schemas, key)) return;
    visited.add(key);
    for (const dependency of scan(schemas[key]!).references) visit(dependency);
    order.push(key);
  };
  const keys = Object.keys(schemas).sort(codeUnitOrder);
  const unions = keys.filter((key) => scan(schemas[key]!).discriminated);
  for (const key of [...unions, ...keys]) visit(key);
  return order;
}

/** Component keys `schema` refers to, first mention first, and whether it names a discriminator; a loop, as a hostile spec may nest deep. */
function scan(schema: Json): { references: string[]; discriminated: boolean } {
  const references = new Set<string>();
  let discriminated = false;
  const stack: Json[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const key = componentKey(node);
    if (key !== undefined) references.add(key);
    else if (Array.isArray(node)) stack.push(...[...node].reverse());
    else if (isJsonObject(node)) {
      discriminated ||= isJsonObject(node["discriminator"]);
      stack.push(...Object.values(node).reverse());
    }
  }
  return { references: [...references], discriminated };
}
