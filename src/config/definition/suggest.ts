/** ` (did you mean "x"?)` for the closest known name within `distance` edits, else "". */
export function suggestion(name: string, known: readonly string[], distance: number, ignoreCase = false): string {
  const fold = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  const close = known.find((k) => editDistance(fold(k), fold(name)) <= distance);
  return close ? ` (did you mean "${close}"?)` : "";
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
