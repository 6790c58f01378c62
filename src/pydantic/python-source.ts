/**
 * Just enough of Python's lexer to edit generated source safely: where its string literals and
 * comments are. A description or a literal from the contract may hold any text (`Field(`, quotes,
 * parentheses), and an edit must never land inside one.
 */

/** For each offset of `text`, 1 when it is inside a string literal or a comment. */
export function literalMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length);
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === "#") {
      const end = lineEnd(text, i);
      mask.fill(1, i, end);
      i = end;
    } else if (c === '"' || c === "'") {
      const end = stringEnd(text, i);
      mask.fill(1, i, end);
      i = end;
    } else i++;
  }
  return mask;
}

const lineEnd = (text: string, from: number) => {
  const end = text.indexOf("\n", from);
  return end < 0 ? text.length : end;
};

/** The offset just past the string literal opening at `start` (single or triple quoted; a backslash escapes the next character, raw strings included). */
function stringEnd(text: string, start: number): number {
  const quote = text[start]!;
  const triple = text.startsWith(quote.repeat(3), start);
  const close = triple ? quote.repeat(3) : quote;
  for (let i = start + close.length; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text.startsWith(close, i)) return i + close.length;
    else if (!triple && text[i] === "\n") return i;
  }
  return text.length;
}

/** The offset of the bracket closing the one open at depth 0 from `from` (the first unmatched `)`, `]` or `}` in code), or -1. */
export function closingBracket(text: string, from: number, mask: Uint8Array): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (mask[i]) continue;
    const c = text[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if ((c === ")" || c === "]" || c === "}") && depth-- === 0) return i;
  }
  return -1;
}
