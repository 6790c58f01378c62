import { CONFIG } from "./config-definition.js";
import type { Node } from "./nodes.js";

/** Where the package ships the schema; `"$schema"` in sync-types.config.json points here. */
export const JSON_SCHEMA_PATH = "schema/sync-types.config.schema.json";

/** The JSON Schema (draft 2020-12) of sync-types.config.json, as the bytes the package ships. */
export function configJsonSchemaText(): string {
  const defs: Record<string, unknown> = {};
  const root = toJson(CONFIG, defs, true);
  const schema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "sync-types configuration",
    ...root,
    $defs: defs,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

function toJson(node: Node, defs: Record<string, unknown>, isRoot = false): Record<string, unknown> {
  if (node.kind === "object" && !isRoot) {
    defs[node.typeName] ??= toJson(node, defs, true);
    return { $ref: `#/$defs/${node.typeName}` };
  }
  const out: Record<string, unknown> = {};
  if (node.description) out["description"] = node.description;
  if (node.default !== undefined) out["default"] = node.default;
  switch (node.kind) {
    case "const":
      out["const"] = node.value;
      break;
    case "string":
      out["type"] = "string";
      if (node.oneOf) out["enum"] = node.oneOf;
      else if (node.pattern) out["pattern"] = node.pattern.re.source;
      // The validator refuses blank strings; so do editors.
      else if (!node.blank) out["pattern"] = "\\S";
      break;
    case "boolean":
      out["type"] = "boolean";
      break;
    case "integer":
      Object.assign(out, { type: "integer", minimum: node.minimum }, node.maximum === undefined ? {} : { maximum: node.maximum });
      break;
    case "list":
      Object.assign(out, { type: "array", items: toJson(node.items, defs) }, node.minItems ? { minItems: node.minItems } : {});
      break;
    case "map":
      Object.assign(out, { type: "object", additionalProperties: toJson(node.values, defs) });
      break;
    case "object": {
      const entries = Object.entries(node.properties);
      out["type"] = "object";
      out["properties"] = Object.fromEntries(entries.map(([key, child]) => [key, toJson(child, defs)]));
      const required = entries.filter(([, child]) => child.required).map(([key]) => key);
      if (required.length > 0) out["required"] = required;
      out["additionalProperties"] = false;
      break;
    }
    case "either":
      out["anyOf"] = node.of.map((branch) => toJson(branch, defs));
      break;
    case "opaque":
      Object.assign(out, node.json);
      break;
  }
  const rules = (node.checks ?? []).flatMap((check) => (check.json ? [check.json] : []));
  if (rules.length > 0) out["allOf"] = rules;
  return out;
}
