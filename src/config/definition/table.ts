import { CONFIG } from "./config-definition.js";
import { showValue, type Node } from "./nodes.js";

/** A README row: the key as written in the table, its default and its meaning. */
export interface TableRow {
  key: string;
  default: string;
  meaning: string;
}

/** The README tables: service options, then top-level ones (nested objects as dot-paths). */
export function configTableRows(): { service: TableRow[]; topLevel: TableRow[] } {
  const services = CONFIG.properties.services.values;
  const service = Object.entries(services.properties).map(([key, node]) => row(key, node));
  const topLevel = Object.entries(CONFIG.properties).flatMap(([key, node]): TableRow[] => {
    if (key === "services") return [];
    if (node.kind === "object") return Object.entries(node.properties).map(([child, sub]) => row(`${key}.${child}`, sub));
    return [row(key, node)];
  });
  return { service, topLevel };
}

/** The two tables as markdown, ready for the README. */
export function configTableMarkdown(): string {
  const { service, topLevel } = configTableRows();
  const table = (title: string, rows: TableRow[]) =>
    [`| ${title} | default | meaning |`, "|---|---|---|", ...rows.map((r) => `| \`${r.key}\` | ${r.default} | ${r.meaning.replaceAll("|", "\\|")} |`)].join("\n");
  return `${table("service option", service)}\n\n${table("top-level option", topLevel)}\n`;
}

function row(key: string, node: Node): TableRow {
  const shown = node.defaultText ?? (node.required ? "required" : node.default !== undefined ? `\`${showValue(node.default)}\`` : "none");
  return { key, default: shown, meaning: node.description ?? "" };
}
