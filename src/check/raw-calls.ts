import type TS from "typescript";
import ts from "../typescript.js";
import { HTTP_METHODS, isJsonObject, type OpenApiDocument } from "../spec/types.js";

/** A service as raw calls can reach it: its base-URL variable, its fixed loopback port, its operations. */
export interface RawCallTarget {
  service: string;
  baseUrlEnv: string | undefined;
  port: number | undefined;
  spec: OpenApiDocument;
}

export interface RawCallFinding {
  file: string;
  line: number;
  column: number;
  source: string;
  service: string;
  /** `GET`, or `undefined` when the method is not a literal. */
  method: string | undefined;
  /** The called path, dynamic parts shown as `{…}`. */
  path: string;
}

const LOOPBACK_URL = /^https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\]):(\d+)(\/[^?#]*)?/;
const DYNAMIC = "{…}";

/**
 * `fetch` calls with a literal or template URL aimed at a configured service whose method and
 * path are not in its spec: the calls that bypass the generated client, which `tsc` cannot see.
 */
export function findRawCalls(fileName: string, text: string, targets: RawCallTarget[]): RawCallFinding[] {
  if (!text.includes("fetch")) return [];
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const findings: RawCallFinding[] = [];
  const visit = (node: TS.Node) => {
    if (ts.isCallExpression(node) && isFetch(node.expression) && node.arguments[0]) {
      const call = resolveUrl(node.arguments[0], targets);
      if (call) {
        const method = methodOf(node.arguments[1]);
        if (!hasOperation(call.target.spec, method, call.path)) {
          const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
          findings.push({
            file: fileName,
            line: line + 1,
            column: character + 1,
            source: source.text.slice(source.getPositionOfLineAndCharacter(line, 0), source.getLineEndOfPosition(node.getStart(source))).trim(),
            service: call.target.service,
            method,
            path: call.path,
          });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}

function isFetch(callee: TS.Expression): boolean {
  if (ts.isIdentifier(callee)) return callee.text === "fetch";
  return ts.isPropertyAccessExpression(callee) && callee.name.text === "fetch" &&
    ts.isIdentifier(callee.expression) && ["globalThis", "window", "self"].includes(callee.expression.text);
}

/** The target service and the path of a URL argument, when it is one we can read statically. */
function resolveUrl(arg: TS.Expression, targets: RawCallTarget[]): { target: RawCallTarget; path: string } | undefined {
  if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) return byPort(arg.text, targets);
  if (!ts.isTemplateExpression(arg)) return undefined;
  const rest = arg.templateSpans.map((span) => `${DYNAMIC}${span.literal.text}`).join("");
  if (arg.head.text === "") {
    const variable = envVariable(arg.templateSpans[0]!.expression);
    const target = targets.find((t) => t.baseUrlEnv !== undefined && t.baseUrlEnv === variable);
    if (target) return { target, path: stripQuery(rest.slice(DYNAMIC.length)) || "/" };
  }
  return byPort(arg.head.text + rest, targets);
}

function byPort(url: string, targets: RawCallTarget[]) {
  const match = LOOPBACK_URL.exec(url);
  const target = match && targets.find((t) => t.port === Number(match[1]));
  return target ? { target, path: stripQuery(match[2] ?? "/") } : undefined;
}

/** `process.env.NAME` or `process.env["NAME"]`. */
function envVariable(expression: TS.Expression): string | undefined {
  const inner = ts.isNonNullExpression(expression) ? expression.expression : expression;
  const isProcessEnv = (e: TS.Expression) =>
    ts.isPropertyAccessExpression(e) && e.name.text === "env" && ts.isIdentifier(e.expression) && e.expression.text === "process";
  if (ts.isPropertyAccessExpression(inner) && isProcessEnv(inner.expression)) return inner.name.text;
  if (ts.isElementAccessExpression(inner) && isProcessEnv(inner.expression) && ts.isStringLiteral(inner.argumentExpression)) {
    return inner.argumentExpression.text;
  }
  return undefined;
}

function stripQuery(path: string): string {
  return path.replace(/[?#].*$/, "");
}

function methodOf(init: TS.Expression | undefined): string | undefined {
  if (!init) return "GET";
  if (!ts.isObjectLiteralExpression(init)) return undefined;
  // A spread may carry a method we cannot see.
  if (init.properties.some(ts.isSpreadAssignment)) return undefined;
  const property = init.properties.find((p) => p.name?.getText() === "method");
  if (!property) return "GET";
  return ts.isPropertyAssignment(property) && ts.isStringLiteralLike(property.initializer)
    ? property.initializer.text.toUpperCase()
    : undefined;
}

/** Whether the spec has `method` (any, when unknown) on a path template that `path` can fill. */
export function hasOperation(spec: OpenApiDocument, method: string | undefined, path: string): boolean {
  const paths = isJsonObject(spec["paths"]) ? spec["paths"] : {};
  const called = path.split("/");
  return Object.entries(paths).some(([template, item]) => {
    const segments = template.split("/");
    if (segments.length !== called.length || !isJsonObject(item)) return false;
    const fits = segments.every((segment, i) => {
      const part = called[i]!;
      if (/^\{[^}]+\}$/.test(segment)) return true;
      return !part.includes(DYNAMIC) && decodeURIComponent(part) === segment;
    });
    const methods = HTTP_METHODS.filter((m) => m in item).map((m) => m.toUpperCase());
    return fits && (method === undefined ? methods.length > 0 : methods.includes(method));
  });
}
