import { CONFIG } from "./config-definition.js";
import { showValue, type Node, type ObjectNode } from "./nodes.js";

/** Where the generated types live, relative to the package root. */
export const TYPES_PATH = "src/config/types.gen.ts";

/** The TypeScript source of the user-facing config types, with every key's JSDoc. */
export function configTypesText(): string {
  const declarations: string[] = [];
  const imports = new Set<string>();
  const named = new Set<string>();
  const typeOf = (node: Node): string => {
    switch (node.kind) {
      case "const":
        return JSON.stringify(node.value);
      case "string":
        // Open-ended lists (rule ids grow with each release) stay `string` for TypeScript; the validator names them.
        if (!node.oneOf || node.unknownName) return "string";
        if (!node.typeName) return node.oneOf.map((v) => JSON.stringify(v)).join(" | ");
        declare(node.typeName, node.description, `export type ${node.typeName} = ${node.oneOf.map((v) => JSON.stringify(v)).join(" | ")};`);
        return node.typeName;
      case "integer":
        return "number";
      case "boolean":
        return "boolean";
      case "list": {
        const item = typeOf(node.items);
        return /[ |]/.test(item) ? `(${item})[]` : `${item}[]`;
      }
      case "map":
        return `Record<string, ${typeOf(node.values)}>`;
      case "object":
        emitInterface(node);
        return node.typeName;
      case "either":
        return node.of.map(typeOf).join(" | ");
      case "opaque":
        imports.add(`import type { ${node.tsType} } from "${node.tsImport}";`);
        return node.tsType;
    }
  };
  const declare = (name: string, description: string | undefined, text: string) => {
    if (named.has(name)) return;
    named.add(name);
    declarations.push(`${description ? `${doc(description, "")}\n` : ""}${text}`);
  };
  const emitInterface = (node: ObjectNode) => {
    if (named.has(node.typeName)) return;
    named.add(node.typeName);
    const lines = [`${doc(node.description ?? "", "")}`, `export interface ${node.typeName} {`];
    for (const [key, child] of Object.entries(node.properties)) {
      lines.push(doc(propertyDoc(child), "  "), `  ${/^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key)}${child.required ? "" : "?"}: ${typeOf(child)};`);
    }
    lines.push("}");
    declarations.push(lines.join("\n"));
  };
  emitInterface(CONFIG);
  return [
    "// Generated from src/config/definition/config-definition.ts — do not edit.",
    "// Regenerate: npx vitest run test/unit/config/definition.test.ts -u",
    ...[...imports].sort(),
    "",
    declarations.join("\n\n"),
    "",
  ].join("\n");
}

/** The description plus the default, as one JSDoc sentence pair. */
export function propertyDoc(node: Node): string {
  const description = node.description ?? "";
  if (node.required) return `${description} Required.`.trim();
  if (node.defaultText?.startsWith("required")) return `${description} Required${node.defaultText.slice("required".length)}.`.trim();
  if (node.defaultText) return `${description} Default: ${node.defaultText}.`.trim();
  if (node.default !== undefined) return `${description} Default \`${showValue(node.default)}\`.`.trim();
  return description;
}

function doc(text: string, indent: string): string {
  // `**/*.py` in a default would end the comment.
  return `${indent}/** ${text.replaceAll("*/", "*\\/")} */`;
}
