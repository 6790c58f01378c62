/**
 * The static imports and re-exports of a type-stripped config, read without a parser, or
 * `undefined` whenever the module could load or see anything else: a dynamic `import()`,
 * `import.meta`, a `/` that is not a comment (a regular expression and a division read alike
 * without a parser), an escape outside a string, a string import name. `undefined` only ever
 * costs speed: the caller then loads the config the general way (config/load.ts).
 */

export interface StaticImport {
  specifier: string;
  /** Where the specifier's string literal (quotes included) sits in the source. */
  start: number;
  end: number;
  /** The names taken from the module (`default` for a default import), none for `* as` and bare imports. */
  names: string[];
}

interface Token {
  kind: "name" | "string" | "punct";
  value: string;
  start: number;
  end: number;
}

export function staticImports(source: string): StaticImport[] | undefined {
  const tokens = tokenize(source);
  if (!tokens) return undefined;
  const found: StaticImport[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== "name" || (token.value !== "import" && token.value !== "export")) continue;
    // A property (`x.import`) is no declaration.
    if (tokens[i - 1]?.value === ".") continue;
    const parsed = token.value === "import" ? importDeclaration(tokens, i + 1) : reExport(tokens, i + 1);
    if (parsed === undefined) return undefined;
    if (parsed === "none") continue;
    found.push(parsed);
  }
  return found;
}

/** After `import`: a string, or a clause then `from` and a string. */
function importDeclaration(tokens: Token[], at: number): StaticImport | undefined {
  const first = tokens[at];
  if (first?.kind === "string") return withSpecifier(first, []);
  const names: string[] = [];
  let i = at;
  if (tokens[i]?.kind === "name" && tokens[i]!.value !== "from") {
    names.push("default");
    i++;
    if (tokens[i]?.value === ",") i++;
    else return from(tokens, i, names);
  }
  if (tokens[i]?.value === "*") return tokens[i + 1]?.value === "as" && tokens[i + 2]?.kind === "name" ? from(tokens, i + 3, names) : undefined;
  if (tokens[i]?.value !== "{") return undefined;
  const list = namedList(tokens, i + 1);
  if (!list) return undefined;
  return from(tokens, list.next, [...names, ...list.names]);
}

/** After `export`: `* [as x] from "m"` or `{ … } from "m"` is a re-export; `{ … }` alone and declarations are not. */
function reExport(tokens: Token[], at: number): StaticImport | "none" | undefined {
  if (tokens[at]?.value === "*") {
    const i = tokens[at + 1]?.value === "as" ? at + 3 : at + 1;
    return from(tokens, i, []);
  }
  if (tokens[at]?.value !== "{") return "none";
  const list = namedList(tokens, at + 1);
  if (!list) return undefined;
  return tokens[list.next]?.value === "from" ? from(tokens, list.next, list.names) : "none";
}

/** `a, b as c, default as d }`: the names on the module's side, and the token after `}`. */
function namedList(tokens: Token[], at: number): { names: string[]; next: number } | undefined {
  const names: string[] = [];
  let i = at;
  while (tokens[i]?.value !== "}") {
    const name = tokens[i];
    if (name?.kind !== "name") return undefined;
    names.push(name.value);
    i++;
    if (tokens[i]?.value === "as") {
      if (tokens[i + 1]?.kind !== "name") return undefined;
      i += 2;
    }
    if (tokens[i]?.value === ",") i++;
    else if (tokens[i]?.value !== "}") return undefined;
  }
  return { names, next: i + 1 };
}

function from(tokens: Token[], at: number, names: string[]): StaticImport | undefined {
  const specifier = tokens[at + 1];
  return tokens[at]?.value === "from" && specifier?.kind === "string" ? withSpecifier(specifier, names) : undefined;
}

function withSpecifier(token: Token, names: string[]): StaticImport | undefined {
  // An escaped specifier would need decoding to be read right: not worth it.
  if (token.value.includes("\\")) return undefined;
  return { specifier: token.value.slice(1, -1), start: token.start, end: token.end, names };
}

const NAME_START = /[A-Za-z_$\u0080-\uffff]/;
const NAME_PART = /[\w$\u0080-\uffff]/;

/** Names, strings and single punctuators, comments and template text dropped; `undefined` where it could be wrong. */
function tokenize(source: string): Token[] | undefined {
  const tokens: Token[] = [];
  // For each template substitution open, the brace depth its `${` started at.
  const substitutions: number[] = [];
  let depth = 0;
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "/") {
      if (source[i + 1] === "/") {
        const end = source.indexOf("\n", i);
        i = end === -1 ? source.length : end;
      } else if (source[i + 1] === "*") {
        const end = source.indexOf("*/", i + 2);
        if (end === -1) return undefined;
        i = end + 2;
      } else {
        return undefined;
      }
    } else if (c === '"' || c === "'") {
      const end = stringEnd(source, i, c);
      if (end === undefined) return undefined;
      tokens.push({ kind: "string", value: source.slice(i, end), start: i, end });
      i = end;
    } else if (c === "`" || (c === "}" && substitutions.at(-1) === depth)) {
      if (c === "}") substitutions.pop();
      const end = templateEnd(source, i + 1);
      if (end === undefined) return undefined;
      if (end.substitution) substitutions.push(depth);
      tokens.push({ kind: "punct", value: "`", start: i, end: end.at });
      i = end.at;
    } else if (NAME_START.test(c)) {
      let end = i + 1;
      while (end < source.length && NAME_PART.test(source[end]!)) end++;
      tokens.push({ kind: "name", value: source.slice(i, end), start: i, end });
      i = end;
    } else if (c === "\\") {
      return undefined;
    } else {
      if (c === "{") depth++;
      if (c === "}") depth--;
      tokens.push({ kind: "punct", value: c, start: i, end: i + 1 });
      i++;
    }
  }
  return substitutions.length === 0 ? tokens : undefined;
}

/** The index after the closing quote of the string opening at `start`. */
function stringEnd(source: string, start: number, quote: string): number | undefined {
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === quote) return i + 1;
    else if (c === "\n") return undefined;
  }
  return undefined;
}

/** From inside a template: the index after its closing backtick, or after a `${` that opens a substitution. */
function templateEnd(source: string, from: number): { at: number; substitution: boolean } | undefined {
  for (let i = from; i < source.length; i++) {
    const c = source[i];
    if (c === "\\") i++;
    else if (c === "`") return { at: i + 1, substitution: false };
    else if (c === "$" && source[i + 1] === "{") return { at: i + 2, substitution: true };
  }
  return undefined;
}
