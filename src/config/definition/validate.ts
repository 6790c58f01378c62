import type { ConfigIssue } from "../../errors.js";
import type { Node, ObjectNode, Report } from "./nodes.js";
import { suggestion } from "./suggest.js";

/**
 * Walks a value along a definition node and reports every problem at its dot-path, so one run
 * shows all mistakes. The messages come from the nodes' `expected` phrases.
 */
export function validateNode(node: Node, value: unknown, at: string, report: Report): void {
  const wrong = (phrase: string) => report(at || "(root)", `${phrase}, got ${describe(value)}`);
  const expected = node.kind === "const" ? JSON.stringify(node.value) : node.kind === "boolean" ? "true or false" : node.expected;
  const requiredPhrase = node.required ? `required: ${typeof node.required === "string" ? node.required : `expected ${expected}`}` : `expected ${expected}`;
  switch (node.kind) {
    case "const":
      if (value !== node.value) return wrong(`expected ${expected}`);
      break;
    case "string": {
      if (typeof value !== "string" || (!node.blank && value.trim() === "")) return wrong(requiredPhrase);
      if (node.oneOf && !node.oneOf.includes(value)) {
        if (node.unknownName) return report(at, `unknown ${node.unknownName}${suggestion(value, node.oneOf, 3)}`);
        return wrong(`expected one of ${node.oneOf.map((a) => `"${a}"`).join(", ")}`);
      }
      if (node.pattern && !node.pattern.re.test(value)) return wrong(`expected ${node.pattern.expected}`);
      break;
    }
    case "boolean":
      if (typeof value !== "boolean") return wrong(requiredPhrase);
      break;
    case "integer":
      if (!Number.isInteger(value) || (value as number) < node.minimum || (value as number) > (node.maximum ?? Infinity)) return wrong(requiredPhrase);
      break;
    case "list":
      if (!Array.isArray(value) || value.length < (node.minItems ?? 0)) return wrong(requiredPhrase);
      value.forEach((item, i) => validateNode(node.items, item, `${at}.${i}`, report));
      break;
    case "map":
      if (!isRecord(value)) return wrong(requiredPhrase);
      // A map's checks judge its keys: reported before what is under them.
      for (const check of node.checks ?? []) check.validate(value as never, at, report);
      for (const [key, item] of Object.entries(value)) validateNode(node.values, item, `${at}.${key}`, report);
      return;
    case "object":
      if (!isRecord(value)) return wrong(requiredPhrase);
      validateProperties(node, value, at, report);
      break;
    case "either": {
      if (node.of.some((branch) => accepts(branch, value))) break;
      // An object that only one branch could be is judged by that branch, so a typo inside it is named at its own path.
      const objects = isRecord(value) ? node.of.filter((branch) => branch.kind === "object") : [];
      if (objects.length !== 1) return wrong(requiredPhrase);
      validateNode(objects[0]!, value, at, report);
      return;
    }
    case "opaque":
      if (!node.accepts(value)) return wrong(requiredPhrase);
      break;
  }
  for (const check of node.checks ?? []) check.validate(value as never, at, report);
}

function validateProperties(node: ObjectNode, value: Record<string, unknown>, at: string, report: Report): void {
  const known = Object.keys(node.properties);
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) report(join(at, key), `unknown option${suggestion(key, known, 2, true)}`);
  }
  for (const [key, child] of Object.entries(node.properties)) {
    const item = value[key];
    if (item !== undefined) validateNode(child, item, join(at, key), report);
    else if (child.required) validateNode(child, item, join(at, key), report);
  }
}

/** Whether `value` passes `node` with no problem at all. */
export function accepts(node: Node, value: unknown): boolean {
  let ok = true;
  validateNode(node, value, "", () => (ok = false));
  return ok;
}

export function collectIssues(node: Node, value: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  validateNode(node, value, "", (path, message) => issues.push({ path, message }));
  return issues;
}

const join = (at: string, key: string) => (at ? `${at}.${key}` : key);

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
