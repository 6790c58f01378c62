/**
 * A string matching a regular expression, for `pattern` constraints: a small deterministic
 * generator over the regex subset schemas use (literals, escapes, classes, groups, alternation,
 * quantifiers, anchors; lookarounds are dropped). Anything else (backreferences, named groups) yields `undefined`, and
 * the caller falls back to the schema's examples or warns. The result is checked with the real
 * RegExp before use, so a generator mistake can never put a non-matching value in a fake.
 */

type Node =
  | { kind: "chars"; set: string }
  | { kind: "seq"; items: Node[] }
  | { kind: "alt"; options: Node[] }
  | { kind: "repeat"; node: Node; min: number; max: number };

const DIGITS = "0123456789";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const WORD = `${LOWER}${LOWER.toUpperCase()}${DIGITS}_`;
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("");
const CLASS_ESCAPES: Record<string, string> = { d: DIGITS, w: WORD, s: " ", D: "x", W: "-", S: "x" };
/** Unbounded quantifiers repeat at most this many extra times. */
const EXTRA = 2;

class Unsupported extends Error {}

/** A deterministic match of `pattern` (`pick(n)` chooses among n options), or `undefined` when the regex is outside the subset. */
export function matchingString(pattern: string, pick: (count: number) => number, length?: { min: number; max: number }): string | undefined {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, "u");
  } catch {
    return undefined;
  }
  let tree: Node;
  try {
    tree = new Parser(pattern).parse();
  } catch {
    return undefined;
  }
  const min = length?.min ?? 0;
  const max = length?.max ?? Number.POSITIVE_INFINITY;
  // A few tries with other choices before giving up on a length window the first match misses.
  for (let attempt = 0; attempt < 4; attempt++) {
    const text = generate(tree, attempt === 0 ? pick : (count) => (pick(count) + attempt) % count, attempt);
    const chars = [...text].length;
    if (regex.test(text) && chars >= min && chars <= max) return text;
  }
  return undefined;
}

function generate(node: Node, pick: (count: number) => number, stretch: number): string {
  switch (node.kind) {
    case "chars":
      return node.set === "" ? "" : [...node.set][pick([...node.set].length)]!;
    case "seq":
      return node.items.map((item) => generate(item, pick, stretch)).join("");
    case "alt":
      return generate(node.options[pick(node.options.length)]!, pick, stretch);
    case "repeat": {
      const times = Math.min(node.max, node.min + (node.max === node.min ? 0 : Math.min(stretch + (node.min === 0 ? 1 : 0), EXTRA)));
      return Array.from({ length: times }, () => generate(node.node, pick, stretch)).join("");
    }
  }
}

class Parser {
  #at = 0;
  constructor(readonly source: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.#at < this.source.length) throw new Unsupported(`unexpected ${this.source[this.#at]}`);
    return node;
  }

  alternation(): Node {
    const options = [this.sequence()];
    while (this.source[this.#at] === "|") {
      this.#at++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0]! : { kind: "alt", options };
  }

  sequence(): Node {
    const items: Node[] = [];
    while (this.#at < this.source.length && this.source[this.#at] !== "|" && this.source[this.#at] !== ")") {
      const atom = this.atom();
      if (atom) items.push(this.quantified(atom));
    }
    return { kind: "seq", items };
  }

  atom(): Node | undefined {
    const char = this.source[this.#at++]!;
    if (char === "^" || char === "$") return undefined;
    if (char === "(") {
      // Lookarounds match no text: parsed and dropped, the final RegExp test says whether that was enough.
      const lookaround = /^\?(?:[=!]|<[=!])/.exec(this.source.slice(this.#at));
      if (lookaround) this.#at += lookaround[0].length;
      else if (this.source.startsWith("?:", this.#at)) this.#at += 2;
      else if (this.source[this.#at] === "?") throw new Unsupported("named group");
      const inner = this.alternation();
      if (this.source[this.#at++] !== ")") throw new Unsupported("unclosed group");
      return lookaround ? undefined : inner;
    }
    if (char === "[") return this.charClass();
    if (char === ".") return { kind: "chars", set: LOWER };
    if (char === "\\") return { kind: "chars", set: this.escape(false) };
    if ("*+?{".includes(char)) throw new Unsupported("quantifier without atom");
    return { kind: "chars", set: char };
  }

  escape(inClass: boolean): string {
    const char = this.source[this.#at++];
    if (char === undefined) throw new Unsupported("trailing backslash");
    if (char in CLASS_ESCAPES) return CLASS_ESCAPES[char]!;
    if (/[1-9kpPbB]/.test(char) && !(inClass && char === "b")) throw new Unsupported(`\\${char}`);
    if (char === "n") return "\n";
    if (char === "t") return "\t";
    if (char === "u" && /^[0-9a-fA-F]{4}/.test(this.source.slice(this.#at))) {
      this.#at += 4;
      return String.fromCharCode(parseInt(this.source.slice(this.#at - 4, this.#at), 16));
    }
    return char;
  }

  charClass(): Node {
    const negated = this.source[this.#at] === "^";
    if (negated) this.#at++;
    let set = "";
    let first = true;
    while (this.#at < this.source.length && (this.source[this.#at] !== "]" || first)) {
      first = false;
      let low = this.source[this.#at++]!;
      if (low === "\\") {
        const escaped = this.escape(true);
        if (escaped.length > 1) {
          set += escaped;
          continue;
        }
        low = escaped;
      }
      if (this.source[this.#at] === "-" && this.source[this.#at + 1] !== "]" && this.#at + 1 < this.source.length) {
        this.#at++;
        let high = this.source[this.#at++]!;
        if (high === "\\") high = this.escape(true);
        for (let code = low.charCodeAt(0); code <= high.charCodeAt(0) && code - low.charCodeAt(0) < 256; code++) set += String.fromCharCode(code);
      } else set += low;
    }
    if (this.source[this.#at++] !== "]") throw new Unsupported("unclosed class");
    return { kind: "chars", set: negated ? [...PRINTABLE].filter((c) => !set.includes(c)).join("") : set };
  }

  quantified(atom: Node): Node {
    const char = this.source[this.#at];
    let range: [number, number] | undefined;
    if (char === "*") range = [0, Number.POSITIVE_INFINITY];
    else if (char === "+") range = [1, Number.POSITIVE_INFINITY];
    else if (char === "?") range = [0, 1];
    else if (char === "{") {
      const match = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.#at));
      if (!match) return atom;
      this.#at += match[0].length - 1;
      const min = Number(match[1]);
      range = [min, match[2] === undefined ? min : match[3] === "" ? Number.POSITIVE_INFINITY : Number(match[3])];
    }
    if (!range) return atom;
    this.#at++;
    // Lazy and possessive markers change nothing about what matches.
    if (this.source[this.#at] === "?" || this.source[this.#at] === "+") this.#at++;
    return { kind: "repeat", node: atom, min: range[0], max: range[1] };
  }
}
