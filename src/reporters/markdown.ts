/**
 * Escaping for every markdown report (check, diff, hook): text from a spec, a service or a
 * compiler can carry markdown, HTML or table syntax, and must reach a PR comment as plain text.
 */

/** Plain text, safe in a paragraph or a table cell: no HTML, no table breaks, no markdown syntax. */
export function mdText(value: string): string {
  return value
    .replace(/[\r\n]+/g, " ")
    .replace(/[\\`*_[\]<>|#!~&]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** An inline code span that survives backticks, pipes and line breaks in the value. */
export function mdCode(value: string): string {
  const clean = value.replace(/[\r\n]+/g, " ").replaceAll("|", "\\|");
  const fence = "`".repeat(longestRun(clean, "`") + 1);
  const pad = clean.startsWith("`") || clean.endsWith("`") ? " " : "";
  return `${fence}${pad}${clean}${pad}${fence}`;
}

function longestRun(value: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of value) {
    run = c === char ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
