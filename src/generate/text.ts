/**
 * Strings from a spec, its path or the config, placed in generated source: as string literals,
 * inside JSDoc or in a line comment. They are escaped here and only here, as the last step
 * before printing, so no operationId, description, enum value or file name can end a literal
 * or a comment early.
 */

/** A double-quoted TypeScript string literal for any string, lone surrogates included. */
export function stringLiteral(value: string): string {
  // JSON.stringify escapes quotes, backslashes, controls and lone surrogates. The two line
  // separators are legal in literals since ES2019, but not in every tool that reads the file.
  // An escaped backslash becomes \u005C because ts-morph's writer reads `\\"` as an escaped
  // quote, loses track of the string and then mangles a `/*` later in it.
  return JSON.stringify(value).replace(/\\\\/g, "\\u005C").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/**
 * Text made safe for a `/** … *\/` block: `*\/` cannot close it, line breaks are `\n`,
 * control characters are dropped and lone surrogates replaced (the file is UTF-8).
 * Returns trimmed lines, without the comment markup.
 */
export function docText(value: string): string {
  return wellFormed(value)
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "")
    .replace(/\*\//g, "*\\/")
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .trim();
}

/** `value` with lone surrogates replaced by U+FFFD, as a UTF-8 encoder would. */
export function wellFormed(value: string): string {
  return value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}

/**
 * Text for a `//` comment, on one line: line terminators (LF, CR, U+2028, U+2029), U+0085
 * and other control characters become `\uXXXX`, lone surrogates U+FFFD. Backslashes are
 * escaped too, so the text reads back unambiguously.
 */
export function lineCommentText(value: string): string {
  return wellFormed(value).replace(/[\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (char) =>
    char === "\\" ? "\\\\" : `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
  );
}

/** The inside of a `/* … *\/` comment as the TypeScript printer writes it: nothing in it can close it early. */
export function blockCommentText(value: string): string {
  return value.replace(/\*\//g, "*\\/");
}
