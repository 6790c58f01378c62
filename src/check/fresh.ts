/** What `after` has beyond `before`, matched by `key` and counted (two equal findings after one before: one is new). */
export function freshBy<T>(before: readonly T[], after: readonly T[], key: (item: T) => string): T[] {
  const existing = new Map<string, number>();
  for (const item of before) existing.set(key(item), (existing.get(key(item)) ?? 0) + 1);
  return after.filter((item) => {
    const left = existing.get(key(item)) ?? 0;
    if (left === 0) return true;
    existing.set(key(item), left - 1);
    return false;
  });
}
