/**
 * Spec strings → TypeScript identifiers. Identifiers are ASCII on purpose: accents are folded
 * (`é` → `e`) and every other character separates words, so the output parses the same under
 * every TypeScript version and every transpiler, whatever Unicode tables they ship.
 */

/** Words of `text`: runs of ASCII letters and digits, after folding accents. */
function words(text: string): string[] {
  const folded = text.normalize("NFKD").replace(/\p{M}/gu, "");
  return folded.split(/[^A-Za-z0-9]+/).filter((word) => word !== "");
}

/** `read_item` → `readItem`, `HTTPStatus` → `httpStatus`; "" when `text` has no word. */
export function camelCase(text: string): string {
  const [first, ...rest] = words(text);
  if (first === undefined) return "";
  return lowerLeadingCapitals(first) + rest.map(upperFirst).join("");
}

/** `Page_Item_` → `PageItem`, `HTTPValidationError` stays; "" when `text` has no word. */
export function pascalCase(text: string): string {
  return words(text).map(upperFirst).join("");
}

/** `name` when it starts like an identifier, else `name` behind `prefix` (`1st` → `_1st`). */
export function identifierStart(name: string, prefix: string): string {
  return /^[A-Za-z_$]/.test(name) ? name : prefix + name;
}

/**
 * `name` as an interface member: `new(…)` there declares a construct signature, so it is
 * quoted (`"new"(…)`); callers still write `client.new(…)`.
 */
export function memberName(name: string): string {
  return name === "new" ? '"new"' : name;
}

/** `name`, checked to be a plain ASCII identifier: a generator bug must not print anything else. */
export function identifier(name: string): string {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) || name === "__proto__") throw new Error(`not a safe identifier: ${JSON.stringify(name)}`);
  return name;
}

export function upperFirst(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `URL` → `url`, `HTTPStatus` → `httpStatus`, `ReadItem` → `readItem`. */
function lowerLeadingCapitals(word: string): string {
  const capitals = /^[A-Z]*/.exec(word)![0].length;
  // A run of capitals before a lowercase letter keeps its last one: it starts the next word.
  const lower = /^[a-z]/.test(word.slice(capitals)) ? capitals - 1 : capitals;
  return word.slice(0, Math.max(lower, 1)).toLowerCase() + word.slice(Math.max(lower, 1));
}

/** Plain code-unit order: stable across locales, unlike `localeCompare`. */
export function codeUnitOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Hands out unique names from one namespace, first come first served. `claim("User")`
 * returns `User`, then `User2`, `User3`… for later claims of the same base.
 */
export class NameRegistry {
  readonly #taken = new Set<string>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.#taken.add(name);
  }

  has(name: string): boolean {
    return this.#taken.has(name);
  }

  claim(base: string): string {
    let name = base;
    for (let n = 2; this.#taken.has(name); n++) name = `${base}${n}`;
    this.#taken.add(name);
    return name;
  }
}
