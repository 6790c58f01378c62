import { childPointer } from "./pointer.js";

/** A 1-based position in a text. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Positions of JSON pointers in a JSON text, found by one scan of the text (no parse tree):
 * an object member is placed at its key, an array element at its value. A pointer absent from
 * the text resolves to its nearest ancestor that is present, so additions still get a line.
 */
export function locatePointers(text: string, pointers: Iterable<string>): (pointer: string) => Position {
  const wanted = new Set<string>();
  for (const pointer of pointers) for (const p of ancestry(pointer)) wanted.add(p);
  const found = scan(text, wanted);
  return (pointer) => {
    for (const p of ancestry(pointer)) {
      const position = found.get(p);
      if (position) return position;
    }
    return { line: 1, column: 1 };
  };
}

/** `/a/b/c`, `/a/b`, `/a`, `` — the pointer itself first. */
function ancestry(pointer: string): string[] {
  const chain = [pointer];
  for (let at = pointer.lastIndexOf("/"); at >= 0; at = at === 0 ? -1 : pointer.lastIndexOf("/", at - 1)) {
    chain.push(pointer.slice(0, at));
  }
  return chain;
}

interface Frame {
  /** `undefined` when nothing wanted lies below: its children are scanned, not named. */
  pointer: string | undefined;
  array: boolean;
  index: number;
}

const QUOTE = 34, BACKSLASH = 92, NEWLINE = 10, OPEN_OBJECT = 123, OPEN_ARRAY = 91, CLOSE_OBJECT = 125, CLOSE_ARRAY = 93;
const COLON = 58, COMMA = 44;

function scan(text: string, wanted: Set<string>): Map<string, Position> {
  const found = new Map<string, Position>();
  if (wanted.has("")) found.set("", { line: 1, column: 1 });
  const stack: Frame[] = [];
  let line = 1;
  let lineStart = 0;
  let key: string | undefined;
  let keyAt: Position | undefined;
  let valueStarts = true;
  /** The pointer of the value just entered, named when wanted. */
  let pending: string | undefined = "";

  const enterValue = (at: number) => {
    if (!valueStarts) return;
    valueStarts = false;
    const frame = stack[stack.length - 1];
    if (!frame) return;
    if (frame.array) {
      const pointer = frame.pointer === undefined ? undefined : `${frame.pointer}/${frame.index}`;
      frame.index++;
      if (pointer !== undefined && wanted.has(pointer)) found.set(pointer, { line, column: at - lineStart + 1 });
      pending = pointer;
    } else {
      const pointer = frame.pointer === undefined ? undefined : childPointer(frame.pointer, key!);
      if (pointer !== undefined && wanted.has(pointer)) found.set(pointer, keyAt!);
      pending = pointer;
    }
  };

  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      line++;
      lineStart = i + 1;
    } else if (c === QUOTE) {
      const start = i;
      let escaped = false;
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === BACKSLASH) {
          escaped = true;
          i++;
        } else if (d === QUOTE) break;
      }
      const frame = stack[stack.length - 1];
      if (frame && !frame.array && valueStarts && isKey(text, i + 1)) {
        // Keys are only named below a wanted node: most of a big spec is skipped without a string.
        if (frame.pointer !== undefined) {
          const raw = text.slice(start + 1, i);
          key = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
          keyAt = { line, column: start - lineStart + 1 };
        }
      } else enterValue(start);
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      enterValue(i);
      const parent = stack.length === 0 ? "" : pending;
      stack.push({ pointer: parent !== undefined && wanted.has(parent) ? parent : undefined, array: c === OPEN_ARRAY, index: 0 });
      valueStarts = true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      stack.pop();
      valueStarts = false;
    } else if (c === COLON || c === COMMA) {
      valueStarts = true;
    } else if (c > 32) {
      enterValue(i);
    }
  }
  return found;
}

/** After a string: only whitespace, then `:`, means it was a key. */
function isKey(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === COLON) return true;
    if (c > 32) return false;
  }
  return false;
}
