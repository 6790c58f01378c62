import { withSafeKeys } from "./safe-keys.js";
import { childPointer, parseRef, resolveRef } from "./pointer.js";
import { isJsonObject, type Json } from "./types.js";
import { createConfig, lintDocument, Source, type Config, type NormalizedProblem } from "@redocly/openapi-core";
import { NoIoResolver, withoutNetwork } from "./no-io.js";

export interface SpecProblem {
  severity: "error" | "warn";
  ruleId: string;
  message: string;
  /** JSON pointer into the document, e.g. `#/paths/~1items/get`. */
  pointer: string | undefined;
}

let configPromise: Promise<Config> | undefined;

/**
 * Structural validation with Redocly's `minimal` ruleset. Only structural problems and
 * unresolvable references are errors: they would produce a broken client. Style rules stay warnings.
 */
export function redoclyConfig(): Promise<Config> {
  configPromise ??= createConfig(
    {
      rules: {
        struct: "error",
        // FastAPI gives every method of an api_route(methods=[...]) the same id; the generators dedupe.
        "operation-operationId-unique": "warn",
        "no-unresolved-refs": "error",
        "path-parameters-defined": "error",
      },
    },
    { extends: ["minimal"] },
  ).then(withoutNetwork);
  return configPromise;
}

/** Lints the canonical spec text; `source` names it in messages. */
export async function validateSpec(doc: Json, text: string, source: string): Promise<SpecProblem[]> {
  const config = await redoclyConfig();
  const safe = withSafeKeys(doc);
  const body = safe === undefined ? text : JSON.stringify(safe.doc, null, 2);
  // The text is JSON: parsed as such, not by Redocly's YAML parser (six times slower on it),
  // into a copy of Redocly's own so that nothing it does reaches `doc`.
  const document = { source: new Source(source, body, "application/json"), parsed: JSON.parse(body) as unknown };
  const problems = await lintDocument({
    document,
    config: config.styleguide,
    externalRefResolver: new NoIoResolver(config.resolve),
  });
  const restore = safe?.restore ?? ((name: string) => name);
  const linted = problems
    .filter((p) => !isItemSchemaProblem(p))
    .map((p) => ({
      severity: p.severity === "error" ? "error" : "warn",
      ruleId: p.ruleId,
      message: restore(p.message),
      pointer: p.location[0]?.pointer === undefined ? undefined : restore(p.location[0].pointer),
    }) satisfies SpecProblem);
  const known = new Set(linted.map((p) => p.pointer));
  return [...linted, ...findDanglingRefs(doc).filter((p) => !known.has(p.pointer)), ...findBadEscapes(doc)];
}

/**
 * FastAPI emits OpenAPI 3.2's `itemSchema` (SSE, JSON Lines) inside 3.1 documents and Redocly's
 * 3.1 model rejects the keyword. It is a documented FastAPI shape, not a mistake in the app;
 * references inside it are still checked by `findDanglingRefs`.
 */
function isItemSchemaProblem(problem: NormalizedProblem): boolean {
  const pointer = problem.location[0]?.pointer ?? "";
  return problem.ruleId === "struct" && pointer.endsWith("/itemSchema") && problem.message.includes("`itemSchema`");
}

/** Local `$ref`s that point nowhere, anywhere in the document (Redocly skips unknown keywords). */
export function findDanglingRefs(doc: Json): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const visit = (node: Json, pointer: string) => {
    if (Array.isArray(node)) node.forEach((child, i) => visit(child, `${pointer}/${i}`));
    else if (isJsonObject(node)) {
      const ref = node["$ref"];
      if (typeof ref === "string" && parseRef(ref).kind === "local" && resolveRef(doc, ref) === undefined) {
        problems.push({ severity: "error", ruleId: "no-unresolved-refs", message: `Can't resolve $ref ${ref}`, pointer: `#${pointer}` });
      }
      for (const [key, child] of Object.entries(node)) visit(child, childPointer(pointer, key));
    }
  };
  visit(doc, "");
  return problems;
}

/** Paths and operationIds with a `%` that is not a valid escape: generators decode them and would crash. */
export function findBadEscapes(doc: Json): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const paths = isJsonObject(doc) && isJsonObject(doc["paths"]) ? doc["paths"] : {};
  const pointerOf = (path: string) => `#${childPointer("/paths", path)}`;
  for (const [path, item] of Object.entries(paths)) {
    if (!decodes(path)) problems.push({ severity: "error", ruleId: "bad-percent-escape", message: `path ${JSON.stringify(path)} has a "%" that is not a valid escape`, pointer: pointerOf(path) });
    if (!isJsonObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      const id = isJsonObject(operation) ? operation["operationId"] : undefined;
      if (typeof id === "string" && !decodes(id)) {
        problems.push({ severity: "error", ruleId: "bad-percent-escape", message: `operationId ${JSON.stringify(id)} has a "%" that is not a valid escape`, pointer: `${pointerOf(path)}/${method}` });
      }
    }
  }
  return problems;
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}
