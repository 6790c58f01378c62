import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { generateClient } from "../../../../src/generate/client/index.js";
import { camelCase, pascalCase } from "../../../../src/generate/client/identifiers.js";
import { methodNames, operationNames } from "../../../../src/generate/client/naming.js";
import { docText, stringLiteral } from "../../../../src/generate/text.js";
import { generateTypes } from "../../../../src/generate/types.js";
import { HTTP_METHODS } from "../../../../src/spec/types.js";
import { hostileString, pick, random, randomSpec } from "./fuzz.js";
import { tempDir, typecheck, writeTsconfig } from "./support.js";

const CASES = 5_000;

describe("escaping, for any string", () => {
  test(`${CASES} string literals evaluate back to their string, on one line`, () => {
    const rng = random(1);
    for (let i = 0; i < CASES; i++) {
      const value = hostileString(rng, 10);
      const literal = stringLiteral(value);
      expect(literal, JSON.stringify(value)).not.toMatch(/[\n\r\u2028\u2029]|\\\\/);
      expect(new Function(`return ${literal};`)(), JSON.stringify(value)).toBe(value);
    }
  });

  test(`${CASES} doc texts never close their comment`, () => {
    const rng = random(2);
    for (let i = 0; i < CASES; i++) {
      const text = docText(hostileString(rng, 10));
      const comment = `/**\n * ${text.split("\n").join("\n * ")}\n */`;
      const scanned = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, comment);
      expect(scanned.scan(), JSON.stringify(text)).toBe(ts.SyntaxKind.MultiLineCommentTrivia);
      expect(scanned.getTokenEnd(), JSON.stringify(text)).toBe(comment.length);
    }
  });

  test(`${CASES} names become ASCII identifiers or nothing`, () => {
    const rng = random(3);
    for (let i = 0; i < CASES; i++) {
      const text = hostileString(rng, 8);
      expect(camelCase(text), JSON.stringify(text)).toMatch(/^([A-Za-z0-9]*)$/);
      expect(pascalCase(text), JSON.stringify(text)).toMatch(/^([A-Z0-9][A-Za-z0-9]*)?$/);
    }
  });

  test(`${CASES / 10} sets of ten operations get unique method names that are identifiers and never \`then\``, () => {
    const rng = random(4);
    for (let i = 0; i < CASES / 10; i++) {
      const operations = Array.from({ length: 10 }, () => ({
        method: pick(rng, HTTP_METHODS),
        path: `/${pick(rng, ["a", "b", "then", "a-b", "a_b"])}`,
        operationId: rng() < 0.2 ? undefined : pick(rng, ["then", "a", "a_b_get", hostileString(rng, 3)]),
        tags: rng() < 0.2 ? [] : [pick(rng, ["a", "t", "then", "toString", hostileString(rng, 2)])],
      }));
      const names = methodNames(operations);
      expect(new Set(names).size, JSON.stringify(operations)).toBe(names.length);
      for (const name of names) expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      expect(names).not.toContain("then");
      // Grouped by tag: keys unique; groups and methods identifiers, never `then`; no method on the client named like a group.
      const grouped = operationNames(operations, { groupByTag: true });
      expect(new Set(grouped.map((name) => name.key)).size, JSON.stringify(operations)).toBe(grouped.length);
      const groups = new Set(grouped.flatMap((name) => (name.group === undefined ? [] : [name.group])));
      for (const name of [...groups, ...grouped.map((each) => each.member)]) {
        expect(name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
        expect(name === "then" || name in Object.prototype).toBe(false);
      }
      for (const name of grouped) if (name.group === undefined) expect(groups.has(name.member)).toBe(false);
    }
  });
});

describe("random specs", () => {
  const SPECS = 40;

  test(`${SPECS} random hostile specs: every client parses; all compile under TS 7, a batch under TS 5`, async () => {
    const dir = await tempDir("fuzz");
    const sources: string[] = [];
    for (let seed = 1; seed <= SPECS; seed++) {
      const rng = random(seed);
      const spec = randomSpec(rng);
      const [path, item] = Object.entries(spec["paths"] as Record<string, object>)[0]!;
      const route = `${Object.keys(item)[0]!.toUpperCase()} ${path}`;
      // A `hasOwnProperty` field of a stream item is a ConfigError (injection.test.ts).
      const field = hostileString(rng).replace(/^hasOwnProperty$/, "x");
      const streamTypes = rng() < 0.5 ? {} : { [route]: { type: "object" as const, title: hostileString(rng), properties: { [field]: { type: "string" as const, description: hostileString(rng) } } } };
      // Every other spec grouped by its hostile tags.
      const files = await generateClient(spec, { streamTypes, groupByTag: seed % 2 === 0 });
      const client = files[0]!.content;
      const parsed = ts.createSourceFile("client.gen.ts", client, ts.ScriptTarget.Latest);
      expect((parsed as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics.map((d) => d.messageText), `seed ${seed}`).toEqual([]);
      const folder = join(dir, `seed-${seed}`);
      await mkdir(folder);
      await writeFile(join(folder, "types.gen.ts"), await generateTypes(spec));
      for (const file of files) await writeFile(join(folder, file.path), file.content);
      sources.push(...["types.gen.ts", "runtime.gen.ts", "client.gen.ts"].map((name) => `seed-${seed}/${name}`));
    }
    await writeFile(join(dir, "package.json"), '{ "type": "module" }\n');
    const all = await writeTsconfig(dir, sources, "dom", "tsconfig.all.json");
    const batch = await writeTsconfig(dir, sources.slice(0, 30), "node", "tsconfig.batch.json");
    expect(await Promise.all([typecheck("ts7", all), typecheck("ts5", batch)])).toEqual(["", ""]);
  });
});
